import type { CrmAdapter, ProviderId } from './adapter';
import { createCloseAdapter } from './providers/close';

export interface AdapterConfig {
  connectionId: string;
  baseUrl: string;
  apiKey: string;
}

/** The one place a provider id becomes an adapter. */
export function createAdapter(provider: ProviderId, config: AdapterConfig): CrmAdapter {
  switch (provider) {
    case 'close':
      return createCloseAdapter(config);
  }
}
