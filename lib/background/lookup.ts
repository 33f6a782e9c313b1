import { providerLabels } from '../crm/adapter';
import { CrmError } from '../crm/errors';
import type { LookupResult } from '../protocol';
import type { ConnectionService } from './connections';

/** Searches every saved connection at once; one CRM failing never hides another's matches. */
export async function lookupPhone(connections: ConnectionService, phone: string): Promise<LookupResult[]> {
  const all = await connections.list();
  return Promise.all(
    all.map(async (connection): Promise<LookupResult> => {
      const base = {
        connectionId: connection.id,
        provider: connection.provider,
        label: connection.account?.organization
          ? `${providerLabels[connection.provider]} · ${connection.account.organization}`
          : providerLabels[connection.provider],
      };
      try {
        const adapter = await connections.adapterFor(connection);
        const records = await adapter.search({ phone });
        return { ...base, state: records.length ? 'found' : 'none', records };
      } catch (error) {
        const message = error instanceof CrmError ? error.message : 'The search failed inside Ringside.';
        return { ...base, state: 'error', records: [], error: message };
      }
    }),
  );
}
