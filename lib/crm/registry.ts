import type { CrmAdapter, ProviderId } from './adapter';
import type { AdapterConfig, ProviderDefinition } from './provider';
import { bullhornDefinition } from './providers/bullhorn';
import { closeDefinition } from './providers/close';
import { closingdealzDefinition } from './providers/closingdealz';
import { connectDefinition } from './providers/connect';
import { entityCrmDefinition } from './providers/entity-crm';

/** Every provider Ringside speaks, in the order the options page offers them. */
export const providers: Record<ProviderId, ProviderDefinition> = {
  close: closeDefinition,
  bullhorn: bullhornDefinition,
  'entity-crm': entityCrmDefinition,
  connect: connectDefinition,
  closingdealz: closingdealzDefinition,
};

/** The one place a provider id becomes an adapter. */
export function createAdapter(provider: ProviderId, config: AdapterConfig): CrmAdapter {
  return providers[provider].create(config);
}
