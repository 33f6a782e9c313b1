import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { allOrigins, connectionOrigins } from '../../lib/access/crm-origins';
import {
  isInstallTimePattern,
  isSitePattern,
  patternHost,
  patternMatches,
  sitePattern,
} from '../../lib/access/patterns';
import { createConnectionService } from '../../lib/background/connections';
import {
  createPageScripts,
  PAGE_SCRIPT_ID,
  type ScriptingLike,
  wantedSites,
} from '../../lib/background/page-scripts';
import type { Handlers } from '../../lib/background/router';
import { type SiteMessageType, siteStatus, withSiteHandlers } from '../../lib/background/sites';
import { CrmError } from '../../lib/crm/errors';
import type { Connection } from '../../lib/store/connections';
import { enabledSitesItem } from '../../lib/store/enabled-sites';
import { memorySecrets } from '../support/memory-secrets';

beforeEach(() => fakeBrowser.reset());

describe('match patterns', () => {
  it('covers a page’s host on every port, https only, plain http only on loopback', () => {
    expect(sitePattern('https://app.close.com/lead/lead_1/?tab=calls#x')).toBe('https://app.close.com/*');
    expect(sitePattern('https://crm.example.com:8443/contacts')).toBe('https://crm.example.com/*');
    expect(sitePattern('http://127.0.0.1:4010/lead/1/')).toBe('http://127.0.0.1/*');
    expect(sitePattern('http://localhost:3000/')).toBe('http://localhost/*');
    expect(sitePattern('http://crm.example.com/')).toBeUndefined();
    expect(sitePattern('chrome://extensions/')).toBeUndefined();
    expect(sitePattern('chrome-extension://abc/sidepanel.html')).toBeUndefined();
    expect(sitePattern('not a url')).toBeUndefined();
  });

  it('accepts only the patterns Ringside would ask for', () => {
    expect(isSitePattern('https://*.bullhornstaffing.com/*')).toBe(true);
    expect(isSitePattern('http://127.0.0.1/*')).toBe(true);
    expect(isSitePattern('https://*/*')).toBe(false);
    expect(isSitePattern('<all_urls>')).toBe(false);
    expect(isSitePattern('http://crm.example.com/*')).toBe(false);
    expect(isSitePattern('https://app.close.com/lead/*')).toBe(false);
    expect(isSitePattern('https://app.close.com:443/*')).toBe(false);
  });

  it('matches hosts exactly, and a wildcard its domain and every subdomain', () => {
    expect(patternMatches('https://app.close.com/*', 'https://app.close.com/lead/1/')).toBe(true);
    expect(patternMatches('https://app.close.com/*', 'https://api.close.com/api/v1/')).toBe(false);
    expect(patternMatches('https://app.close.com/*', 'http://app.close.com/')).toBe(false);
    expect(patternMatches('https://*.bullhornstaffing.com/*', 'https://cls21.bullhornstaffing.com/x')).toBe(
      true,
    );
    expect(patternMatches('https://*.bullhornstaffing.com/*', 'https://bullhornstaffing.com/')).toBe(true);
    expect(patternMatches('https://*.bullhornstaffing.com/*', 'https://evilbullhornstaffing.com/')).toBe(
      false,
    );
    expect(patternMatches('http://127.0.0.1/*', 'http://127.0.0.1:5555/lead/')).toBe(true);
    expect(patternMatches('http://127.0.0.1/*', 'http://localhost:5555/lead/')).toBe(false);
    expect(patternHost('https://*.bullhornstaffing.com/*')).toBe('*.bullhornstaffing.com');
    expect(isInstallTimePattern('http://localhost/*')).toBe(true);
    expect(isInstallTimePattern('https://app.close.com/*')).toBe(false);
  });
});

describe('which hosts a connection needs', () => {
  it('a hosted CRM needs its API hosts and its web app’s', () => {
    expect(connectionOrigins({ provider: 'close', baseUrl: 'https://api.close.com/api/v1/' })).toEqual({
      api: ['https://api.close.com/*'],
      app: ['https://app.close.com/*'],
    });
    // Bullhorn's login, REST and app hosts are regional.
    expect(
      connectionOrigins({
        provider: 'bullhorn',
        baseUrl: 'https://rest.bullhornstaffing.com/rest-services/',
      }),
    ).toEqual({ api: ['https://*.bullhornstaffing.com/*'], app: ['https://*.bullhornstaffing.com/*'] });
    expect(
      allOrigins(
        connectionOrigins({ provider: 'closingdealz', baseUrl: 'https://app.closingdealz.io/api/v1/' }),
      ),
    ).toEqual(['https://app.closingdealz.io/*']);
  });

  it('a customer’s own host or a test server serves its API and its pages itself', () => {
    expect(connectionOrigins({ provider: 'entity-crm', baseUrl: 'https://crm.acme.example/api/' })).toEqual({
      api: ['https://crm.acme.example/*'],
      app: ['https://crm.acme.example/*'],
    });
    expect(connectionOrigins({ provider: 'close', baseUrl: 'http://127.0.0.1:4010/api/v1/' })).toEqual({
      api: ['http://127.0.0.1/*'],
      app: ['http://127.0.0.1/*'],
    });
  });

  it('the content script runs on every connected app and every enabled site, each once', () => {
    expect(
      wantedSites(
        [
          { provider: 'close', baseUrl: 'https://api.close.com/api/v1/' },
          { provider: 'connect', baseUrl: 'https://contacts.acme.example/' },
        ],
        ['https://app.close.com/*', 'https://recruit.example.org/*'],
      ),
    ).toEqual([
      'https://app.close.com/*',
      'https://contacts.acme.example/*',
      'https://recruit.example.org/*',
    ]);
  });
});

/** `browser.scripting` in memory: what is registered, and every call made. */
function fakeScripting() {
  const scripts = new Map<string, { id: string; matches: string[]; js: string[]; css: string[] }>();
  const calls: string[] = [];
  const scripting: ScriptingLike = {
    getRegisteredContentScripts: async (filter) =>
      [...scripts.values()].filter((script) => !filter?.ids || filter.ids.includes(script.id)),
    registerContentScripts: async (list) => {
      calls.push('register');
      for (const script of list) {
        if (scripts.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
        scripts.set(script.id, script);
      }
    },
    updateContentScripts: async (list) => {
      calls.push('update');
      for (const script of list) scripts.set(script.id, script);
    },
    unregisterContentScripts: async (filter) => {
      calls.push('unregister');
      for (const id of filter?.ids ?? []) scripts.delete(id);
    },
  };
  return { scripting, scripts, calls };
}

describe('registering the content script', () => {
  it('registers the wanted sites the browser grants, updates on change and unregisters when none is left', async () => {
    const { scripting, scripts, calls } = fakeScripting();
    let wanted = ['https://app.close.com/*', 'https://recruit.example.org/*'];
    const revoked = new Set<string>(['https://recruit.example.org/*']);
    const pages = createPageScripts({
      scripting,
      missingOrigins: async (patterns) => patterns.filter((pattern) => revoked.has(pattern)),
      wanted: async () => wanted,
    });
    expect(await pages.sync()).toEqual(['https://app.close.com/*']);
    expect(scripts.get(PAGE_SCRIPT_ID)).toMatchObject({
      matches: ['https://app.close.com/*'],
      js: ['/content-scripts/content.js'],
      css: ['/content-scripts/content.css'],
    });
    // Nothing changed: nothing is called again.
    await pages.sync();
    expect(calls).toEqual(['register']);
    revoked.clear();
    await pages.sync();
    expect(scripts.get(PAGE_SCRIPT_ID)?.matches).toEqual([
      'https://app.close.com/*',
      'https://recruit.example.org/*',
    ]);
    wanted = [];
    // Calls made together run one after another (two registrations at once would clash on the id).
    await Promise.all([pages.sync(), pages.sync()]);
    expect(scripts.size).toBe(0);
    expect(calls).toEqual(['register', 'update', 'unregister']);
  });
});

const closeApp = { provider: 'close', baseUrl: 'https://api.close.com/api/v1/' } as const;

function siteDeps(connections: Pick<Connection, 'provider' | 'baseUrl'>[], granted: Set<string>) {
  const { scripting, scripts } = fakeScripting();
  const injected: [number, string][] = [];
  const removed: string[][] = [];
  const missingOrigins = async (patterns: string[]) => patterns.filter((pattern) => !granted.has(pattern));
  const list = async () =>
    connections.map((connection, index) => ({
      id: `c${index}`,
      settings: {},
      secretHints: {},
      createdAt: 1,
      ...connection,
    }));
  const deps = {
    connections: {
      list,
      find: async (id: string) => {
        const found = (await list()).find((connection) => connection.id === id);
        if (!found) throw new CrmError({ kind: 'not-found', message: 'gone' });
        return found;
      },
    },
    missingOrigins,
    pageScripts: createPageScripts({
      scripting,
      missingOrigins,
      wanted: async () => wantedSites(await list(), await enabledSitesItem.get()),
    }),
    injectInto: async (tabId: number, site: string) => {
      injected.push([tabId, site]);
    },
    removeOrigins: async (patterns: string[]) => {
      removed.push(patterns);
    },
  };
  return { deps, scripts, injected, removed };
}

describe('"Enable on this site"', () => {
  it('says whether Ringside runs on a page, and why', async () => {
    const { deps } = siteDeps(
      [closeApp],
      new Set(['https://app.close.com/*', 'https://recruit.example.org/*']),
    );
    await enabledSitesItem.set(['https://recruit.example.org/*']);
    expect(await siteStatus(deps, 'https://app.close.com/lead/1/')).toEqual({
      site: 'https://app.close.com/*',
      host: 'app.close.com',
      state: 'connection',
      label: 'Close',
      granted: true,
    });
    expect(await siteStatus(deps, 'https://recruit.example.org/jobs')).toMatchObject({
      state: 'enabled',
      granted: true,
    });
    expect(await siteStatus(deps, 'https://news.example.net/')).toEqual({
      site: 'https://news.example.net/*',
      host: 'news.example.net',
      state: 'none',
      granted: false,
    });
    expect(await siteStatus(deps, 'http://intranet.example/')).toEqual({
      state: 'unsupported',
      granted: false,
    });
  });

  it('enables a granted site, starts it in the tab, and gives the host back when stopped', async () => {
    const granted = new Set(['https://recruit.example.org/*']);
    const { deps, scripts, injected, removed } = siteDeps([], granted);
    const handlers = withSiteHandlers({} as Omit<Handlers, SiteMessageType>, deps);
    const sender = {};
    await handlers['site.enable']({ site: 'https://recruit.example.org/*', tabId: 7 }, sender);
    expect(await enabledSitesItem.get()).toEqual(['https://recruit.example.org/*']);
    expect(scripts.get(PAGE_SCRIPT_ID)?.matches).toEqual(['https://recruit.example.org/*']);
    expect(injected).toEqual([[7, 'https://recruit.example.org/*']]);

    await handlers['site.disable']({ site: 'https://recruit.example.org/*' }, sender);
    expect(await enabledSitesItem.get()).toEqual([]);
    expect(scripts.size).toBe(0);
    expect(removed).toEqual([['https://recruit.example.org/*']]);
  });

  it('refuses a site the browser has not granted, with the sentence to show', async () => {
    const { deps, scripts } = siteDeps([], new Set());
    const handlers = withSiteHandlers({} as Omit<Handlers, SiteMessageType>, deps);
    await expect(handlers['site.enable']({ site: 'https://recruit.example.org/*' }, {})).rejects.toThrow(
      'Ringside has no access to recruit.example.org yet. Allow it when your browser asks.',
    );
    expect(await enabledSitesItem.get()).toEqual([]);
    expect(scripts.size).toBe(0);
  });

  it('removing a connection gives back the hosts no other connection needs, never loopback', async () => {
    const connections: Pick<Connection, 'provider' | 'baseUrl'>[] = [
      closeApp,
      { provider: 'entity-crm', baseUrl: 'http://127.0.0.1:4010/entity/' },
    ];
    const { deps, removed } = siteDeps(
      connections,
      new Set(['https://app.close.com/*', 'http://127.0.0.1/*']),
    );
    const core = {
      'connections.remove': async ({ connectionId }: { connectionId: string }) => {
        connections.splice(Number(connectionId.slice(1)), 1);
        return {};
      },
    } as unknown as Omit<Handlers, SiteMessageType>;
    const handlers = withSiteHandlers(core, deps);
    await handlers['connections.remove']({ connectionId: 'c1' }, {});
    expect(removed).toEqual([]);
    await handlers['connections.remove']({ connectionId: 'c0' }, {});
    expect(removed).toEqual([['https://api.close.com/*', 'https://app.close.com/*']]);
  });
});

describe('access checked before use', () => {
  it('a saved connection whose API host was removed says so instead of calling the CRM', async () => {
    const service = createConnectionService(memorySecrets(), {
      missingOrigins: async (patterns) => patterns,
    });
    const saved = await service.save({ provider: 'close', fields: { apiKey: 'api_TestKey0001' } });
    await expect(service.adapterFor(saved)).rejects.toMatchObject({
      kind: 'no-access',
      message: 'Ringside no longer has access to api.close.com. Grant it in Options.',
    });
    await expect(service.testSaved(saved.id)).rejects.toMatchObject({ kind: 'no-access' });
    await expect(
      service.testDraft({ provider: 'close', fields: { apiKey: 'api_TestKey0001' } }),
    ).rejects.toMatchObject({
      kind: 'no-access',
      message: 'Ringside has no access to api.close.com yet. Allow it when your browser asks.',
    });
  });
});
