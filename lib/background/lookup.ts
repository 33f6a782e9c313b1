import type { CountryCode } from 'libphonenumber-js';
import { type CrmAdapter, type CrmRecord, providerLabels, type SearchQuery } from '../crm/adapter';
import { CrmError } from '../crm/errors';
import { providers } from '../crm/registry';
import type { LookupResult } from '../protocol';
import type { Connection } from '../store/connections';
import type { ContactIndex } from '../store/contact-index';
import type { ConnectionService } from './connections';

export interface LookupDeps {
  connections: ConnectionService;
  index: ContactIndex;
  defaultCountry: () => CountryCode;
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

/** Searches every saved connection at once; one CRM failing never hides another's matches. */
export async function lookup(deps: LookupDeps, query: SearchQuery): Promise<LookupResult[]> {
  const all = await deps.connections.list();
  return Promise.all(
    all.map(async (connection): Promise<LookupResult> => {
      const base = {
        connectionId: connection.id,
        provider: connection.provider,
        label: connection.account?.organization
          ? `${providerLabels[connection.provider]} · ${connection.account.organization}`
          : providerLabels[connection.provider],
      };
      if (!canSearch(connection, query)) return { ...base, state: 'unsupported', records: [] };
      try {
        const adapter = await deps.connections.adapterFor(connection);
        const records = await searchOne(deps, connection, adapter, query);
        return { ...base, state: records.length ? 'found' : 'none', records };
      } catch (error) {
        const message = error instanceof CrmError ? error.message : 'The search failed inside Ringside.';
        return { ...base, state: 'error', records: [], error: message };
      }
    }),
  );
}
