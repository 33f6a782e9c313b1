import type { ProviderId } from '../../lib/crm/adapter';
import type { SandboxApi } from '../conformance/harness';
import { createBullhornApi } from './bullhorn/api';
import { createClosingdealzApi } from './closingdealz';
import { createConnectApi } from './connect';
import { createEntityCrmApi } from './entity-crm/api';

/** The four non-Close CRM imitations, each under its own path prefix of the one sandbox server. */
export function mountProviderApis(origin: () => string): Record<Exclude<ProviderId, 'close'>, SandboxApi> {
  return {
    bullhorn: createBullhornApi({ origin }),
    closingdealz: createClosingdealzApi({ origin }),
    connect: createConnectApi({ origin }),
    'entity-crm': createEntityCrmApi({ origin }),
  };
}
