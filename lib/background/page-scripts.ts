import { connectionOrigins } from '../access/crm-origins';
import type { Connection } from '../store/connections';
import type { MissingOrigins } from './access';

/**
 * The content script is registered at runtime, for exactly the sites Ringside may run on: the web app
 * of every connected CRM and the sites the recruiter enabled from the side panel, less any whose host
 * permission is missing. Recomputed on start-up, after a connection or a site changes, and when a
 * permission is granted or removed.
 */

export const PAGE_SCRIPT_ID = 'ringside-pages';
/** Where WXT writes the content script entrypoint (entrypoints/content) and its stylesheet. */
export const PAGE_SCRIPT_FILES = {
  js: '/content-scripts/content.js',
  css: '/content-scripts/content.css',
} as const;

/** The slice of `browser.scripting` used here. */
export interface ScriptingLike {
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<{ id: string; matches?: string[] }[]>;
  registerContentScripts(scripts: PageScript[]): Promise<void>;
  updateContentScripts(scripts: PageScript[]): Promise<void>;
  unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
}
interface PageScript {
  id: string;
  matches: string[];
  js: string[];
  css: string[];
  runAt?: 'document_idle';
  persistAcrossSessions?: boolean;
}

/** The sites the content script should run on, before permissions are checked. */
export function wantedSites(
  connections: Pick<Connection, 'provider' | 'baseUrl'>[],
  enabled: string[],
): string[] {
  return [
    ...new Set([...connections.flatMap((connection) => connectionOrigins(connection).app), ...enabled]),
  ];
}

export function createPageScripts(deps: {
  scripting: ScriptingLike;
  missingOrigins: MissingOrigins;
  /** Connected CRMs' app sites and the enabled sites (wantedSites). */
  wanted: () => Promise<string[]>;
}) {
  let queue: Promise<string[]> = Promise.resolve([]);

  async function apply(): Promise<string[]> {
    const wanted = await deps.wanted();
    const missing = new Set(await deps.missingOrigins(wanted));
    const matches = wanted.filter((site) => !missing.has(site)).sort();
    const [current] = await deps.scripting.getRegisteredContentScripts({ ids: [PAGE_SCRIPT_ID] });
    if (!matches.length) {
      if (current) await deps.scripting.unregisterContentScripts({ ids: [PAGE_SCRIPT_ID] });
      return matches;
    }
    const script: PageScript = {
      id: PAGE_SCRIPT_ID,
      matches,
      js: [PAGE_SCRIPT_FILES.js],
      css: [PAGE_SCRIPT_FILES.css],
      runAt: 'document_idle',
      persistAcrossSessions: true,
    };
    if (!current) await deps.scripting.registerContentScripts([script]);
    else if ([...(current.matches ?? [])].sort().join() !== matches.join())
      await deps.scripting.updateContentScripts([script]);
    return matches;
  }

  return {
    /** Brings the registration in line; calls run one after another. Resolves with the sites registered. */
    sync(): Promise<string[]> {
      queue = queue.catch(() => []).then(apply);
      return queue;
    },
  };
}

export type PageScripts = ReturnType<typeof createPageScripts>;
