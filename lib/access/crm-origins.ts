import type { ProviderId } from '../crm/adapter';
import { patternMatches, sitePattern } from './patterns';

/**
 * Which hosts a CRM connection needs: `api`, where the background sends its requests, and `app`, the
 * CRM's own web pages, where the content script runs. Each is an optional host permission asked for
 * from a click when the connection is tested or saved.
 */
export interface ConnectionOrigins {
  api: string[];
  app: string[];
}

/** Hosted CRMs: their API hosts and the hosts their web app is served from. */
const HOSTED: Partial<Record<ProviderId, ConnectionOrigins>> = {
  close: { api: ['https://api.close.com/*'], app: ['https://app.close.com/*'] },
  // Login, token and REST hosts are regional (auth-emea9, rest21…), and so are the app hosts (cls21…).
  bullhorn: { api: ['https://*.bullhornstaffing.com/*'], app: ['https://*.bullhornstaffing.com/*'] },
  closingdealz: { api: ['https://app.closingdealz.io/*'], app: ['https://app.closingdealz.io/*'] },
};

/**
 * A connection to a hosted CRM's own API needs that CRM's hosts. Any other API URL (Entity CRM and
 * Connect on a customer's host, a test server) serves its API and its pages from its own host.
 */
export function connectionOrigins(connection: { provider: ProviderId; baseUrl: string }): ConnectionOrigins {
  const hosted = HOSTED[connection.provider];
  if (hosted?.api.some((pattern) => patternMatches(pattern, connection.baseUrl))) return hosted;
  const own = sitePattern(connection.baseUrl);
  return own ? { api: [own], app: [own] } : { api: [], app: [] };
}

/** Every host a connection needs, each once. */
export function allOrigins(origins: ConnectionOrigins): string[] {
  return [...new Set([...origins.api, ...origins.app])];
}
