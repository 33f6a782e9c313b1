import { allOrigins, connectionOrigins } from '../access/crm-origins';
import { isInstallTimePattern, patternHost, patternMatches, sitePattern } from '../access/patterns';
import { providerLabels } from '../crm/adapter';
import type { SiteStatus } from '../protocol';
import type { Connection } from '../store/connections';
import { enabledSitesItem } from '../store/enabled-sites';
import { type MissingOrigins, noAccessError } from './access';
import type { ConnectionService } from './connections';
import type { PageScripts } from './page-scripts';
import type { Handlers } from './router';

export type SiteMessageType = 'site.status' | 'site.enable' | 'site.disable';

export interface SiteDeps {
  connections: Pick<ConnectionService, 'list' | 'find'>;
  pageScripts: PageScripts;
  missingOrigins: MissingOrigins;
  /** Starts the content script in an open tab now, if that tab is on `site`. */
  injectInto: (tabId: number, site: string) => Promise<void>;
  /** Gives up host permissions nothing needs any more. */
  removeOrigins: (patterns: string[]) => Promise<void>;
}

/** Where Ringside runs for the page at `url`, and whether the browser lets it. */
export async function siteStatus(
  deps: Pick<SiteDeps, 'connections' | 'missingOrigins'>,
  url: string,
): Promise<SiteStatus> {
  const own = sitePattern(url);
  if (!own) return { state: 'unsupported', granted: false };
  const connected = (await deps.connections.list()).find((connection) =>
    connectionOrigins(connection).app.some((pattern) => patternMatches(pattern, url)),
  );
  const appSite =
    connected && connectionOrigins(connected).app.find((pattern) => patternMatches(pattern, url));
  const enabled = (await enabledSitesItem.get()).find((pattern) => patternMatches(pattern, url));
  const site = appSite ?? enabled ?? own;
  const granted = !(await deps.missingOrigins([site])).length;
  const base = { site, host: patternHost(site), granted };
  if (connected) return { ...base, state: 'connection', label: providerLabels[connected.provider] };
  return { ...base, state: enabled ? 'enabled' : 'none' };
}

/**
 * The site messages, and connection saves and removals that keep the registered content script (and
 * the host permissions held) in line with the connections.
 */
export function withSiteHandlers(core: Omit<Handlers, SiteMessageType>, deps: SiteDeps): Handlers {
  /** Host permissions no connection and no enabled site needs any more (install-time ones stay). */
  async function releaseUnneeded(candidates: string[]): Promise<void> {
    const still = new Set([
      ...(await deps.connections.list()).flatMap((connection) => allOrigins(connectionOrigins(connection))),
      ...(await enabledSitesItem.get()),
    ]);
    const unneeded = candidates.filter((pattern) => !still.has(pattern) && !isInstallTimePattern(pattern));
    if (unneeded.length) await deps.removeOrigins(unneeded);
  }

  /** The connection is saved (or removed) either way; the registration follows at the next change. */
  const syncQuietly = () =>
    deps.pageScripts.sync().then(
      () => undefined,
      (error: unknown) =>
        console.warn('Ringside: pages not registered:', error instanceof Error ? error.message : error),
    );

  return {
    ...core,
    'connections.save': async (payload, sender) => {
      const saved = await core['connections.save'](payload, sender);
      // Before answering: a page opened right after saving already gets the content script.
      await syncQuietly();
      return saved;
    },
    'connections.remove': async (payload, sender) => {
      const removed: Connection | undefined = await deps.connections
        .find(payload.connectionId)
        .catch(() => undefined);
      const answer = await core['connections.remove'](payload, sender);
      await syncQuietly();
      if (removed) await releaseUnneeded(allOrigins(connectionOrigins(removed)));
      return answer;
    },
    'site.status': ({ url }) => siteStatus(deps, url),
    'site.enable': async ({ site, tabId }) => {
      // The side panel asked the browser from the recruiter's click; without the grant there is nothing to do.
      const missing = await deps.missingOrigins([site]);
      if (missing.length) throw noAccessError(missing, false);
      const enabled = await enabledSitesItem.get();
      if (!enabled.includes(site)) await enabledSitesItem.set([...enabled, site]);
      await deps.pageScripts.sync();
      if (tabId !== undefined) await deps.injectInto(tabId, site);
      return {};
    },
    'site.disable': async ({ site }) => {
      await enabledSitesItem.set((await enabledSitesItem.get()).filter((other) => other !== site));
      await deps.pageScripts.sync();
      await releaseUnneeded([site]);
      return {};
    },
  };
}
