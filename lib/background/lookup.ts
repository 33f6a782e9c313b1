import type { CountryCode } from 'libphonenumber-js';
import type { CrmAdapter, CrmRecord, SearchQuery } from '../crm/adapter';
import { connectionLabel } from '../crm/connection-label';
import { CrmError } from '../crm/errors';
import { providers } from '../crm/registry';
import { t } from '../i18n';
import type { LookupResult } from '../protocol';
import type { Connection } from '../store/connections';
import type { ContactIndex } from '../store/contact-index';
import type { ConnectionService } from './connections';
import { type LookupCache, queryKey } from './lookup-cache';

export interface LookupDeps {
  connections: ConnectionService;
  index: ContactIndex;
  defaultCountry: () => CountryCode;
  /** Where server searches are kept for a while; none means every lookup asks the CRM. */
  cache?: LookupCache;
}

/** Server search where the CRM has it, the local index where it does not: callers never know which. */
async function searchOne(deps: LookupDeps, connection: Connection, adapter: CrmAdapter, query: SearchQuery) {
  const { capabilities } = providers[connection.provider];
  const found: CrmRecord[] = [];
  if (query.phone) {
    if (capabilities.searchByPhone === 'server' && adapter.search)
      found.push(...(await adapter.search({ phone: query.phone })));
    if (capabilities.searchByPhone === 'index') {
      found.push(...(await deps.index.findByPhone(connection.id, query.phone, deps.defaultCountry())));
    }
  }
  if (query.email) {
    if (capabilities.searchByEmail === 'server' && adapter.search)
      found.push(...(await adapter.search({ email: query.email })));
    if (capabilities.searchByEmail === 'index')
      found.push(...(await deps.index.findByEmail(connection.id, query.email)));
  }
  return [...new Map(found.map((record) => [`${record.ref.kind}:${record.ref.id}`, record])).values()];
}

function canSearch(connection: Connection, query: SearchQuery): boolean {
  const { capabilities } = providers[connection.provider];
  return Boolean(
    (query.phone && capabilities.searchByPhone !== 'none') ||
      (query.email && capabilities.searchByEmail !== 'none'),
  );
}

/** Asks the CRM (or the local index) for one connection; a failure becomes that connection's error state. */
async function searchConnection(
  deps: LookupDeps,
  connection: Connection,
  query: SearchQuery,
): Promise<LookupResult> {
  const base = {
    connectionId: connection.id,
    provider: connection.provider,
    label: connectionLabel(connection),
  };
  if (!canSearch(connection, query)) return { ...base, state: 'unsupported', records: [] };
  try {
    const adapter = await deps.connections.adapterFor(connection);
    const records = await searchOne(deps, connection, adapter, query);
    return { ...base, state: records.length ? 'found' : 'none', records };
  } catch (error) {
    const message = error instanceof CrmError ? error.message : t('bgLookup_failed');
    return { ...base, state: 'error', records: [], error: message };
  }
}

/** Only what crossed the network is worth keeping: the local index answers as fast as the cache would. */
function cacheable(connection: Connection, query: SearchQuery, result: LookupResult): boolean {
  const { capabilities } = providers[connection.provider];
  const mode = query.phone ? capabilities.searchByPhone : capabilities.searchByEmail;
  return mode === 'server' && (result.state === 'found' || result.state === 'none');
}

/**
 * Lookups with the cache in front: a fresh cached answer is returned as it is, and two asks for the same
 * connection and query while the first is still out share one CRM search.
 */
export function createLookups(deps: LookupDeps) {
  const inflight = new Map<string, Promise<LookupResult>>();

  async function one(
    connection: Connection,
    query: SearchQuery,
  ): Promise<{ result: LookupResult; cached: boolean }> {
    const key = queryKey(query);
    const hit = await deps.cache?.get(connection.id, key);
    // Labels follow the connection as it is now (its organization may have been filled in since).
    if (hit) return { result: { ...hit, label: connectionLabel(connection) }, cached: true };
    const shared = `${connection.id}\u0000${key}`;
    let pending = inflight.get(shared);
    if (!pending) {
      const generation = deps.cache?.generation(connection.id) ?? 0;
      pending = searchConnection(deps, connection, query).then(async (result) => {
        if (deps.cache && cacheable(connection, query, result))
          await deps.cache.put(connection.id, key, result, generation);
        return result;
      });
      const started = pending;
      inflight.set(shared, started);
      void started.finally(() => {
        if (inflight.get(shared) === started) inflight.delete(shared);
      });
    }
    return { result: await pending, cached: false };
  }

  return {
    one,
    async all(query: SearchQuery): Promise<LookupResult[]> {
      const all = await deps.connections.list();
      return Promise.all(all.map(async (connection) => (await one(connection, query)).result));
    },
    /** Forgets a connection's cached and running searches: one of its records (or its credentials) changed. */
    async invalidate(connectionId: string): Promise<void> {
      for (const key of [...inflight.keys()])
        if (key.startsWith(`${connectionId}\u0000`)) inflight.delete(key);
      await deps.cache?.invalidate(connectionId);
    },
  };
}
export type Lookups = ReturnType<typeof createLookups>;

/** Searches every saved connection at once; one CRM failing never hides another's matches. */
export async function lookup(deps: LookupDeps, query: SearchQuery): Promise<LookupResult[]> {
  return createLookups(deps).all(query);
}
