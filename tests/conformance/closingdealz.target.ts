import { closingdealzDefinition } from '../../lib/crm/providers/closingdealz';
import { CLOSINGDEALZ_DEMO } from '../sandbox/closingdealz';
import type { ConformanceTarget } from './harness';

/**
 * ClosingDealz can only create leads (seed 001): no search, read, update, activities, users or types, so
 * every fixture but the mandatory unknown number stays undefined and nothing can be inspected by ref (the
 * API returns no id; the ref id is made by Ringside).
 */
export const closingdealzTarget: ConformanceTarget = {
  definition: closingdealzDefinition,
  baseUrl: (sandbox) => `${sandbox.url}/closingdealz/api/v1/`,
  credentials: { apiKey: CLOSINGDEALZ_DEMO.basic },
  badCredentials: { apiKey: 'cdz_not_a_real_key_0000000000000000' },
  expectedAccount: { userName: 'ClosingDealz API key' },
  fixtures: { unknownPhone: '+16505550111' },
  inspect: {
    activity: () => undefined,
    recordWithoutContactFields: () => undefined,
  },
};
