import type { Connection } from '../store/connections';
import { providerLabels } from './adapter';

/** How Ringside names a connection: the CRM, and its organization when the CRM said which. */
export function connectionLabel(connection: Pick<Connection, 'provider' | 'account'>): string {
  return connection.account?.organization
    ? `${providerLabels[connection.provider]} · ${connection.account.organization}`
    : providerLabels[connection.provider];
}
