import { connectDefinition } from '../../lib/crm/providers/connect';
import { CONNECT_DEMO, CONNECT_SEEDED, type ConnectState } from '../sandbox/connect';
import type { ConformanceTarget, SandboxHandle } from './harness';

/**
 * The Connect API (seed 003): phone lookups go through the local index (listRecords), email through
 * `query=`. No single read or update, no activities, users or activity types, so those fixtures stay
 * undefined.
 */

function state(sandbox: SandboxHandle): ConnectState {
  return sandbox.api('connect').state as ConnectState;
}

export const connectTarget: ConformanceTarget = {
  definition: connectDefinition,
  baseUrl: (sandbox) => `${sandbox.url}/connect/`,
  credentials: { secretKey: CONNECT_DEMO.secretKey, authHeader: 'Authorization' },
  badCredentials: { secretKey: 'sk_not_a_real_key_000000000000000', authHeader: 'Authorization' },
  expectedAccount: {
    userName: 'Riley Recruiter',
    email: 'riley@ringside-demo.example',
    organization: 'Ringside Demo Agency',
  },
  fixtures: {
    phone: {
      e164: CONNECT_SEEDED.jane.mobile,
      name: CONNECT_SEEDED.jane.name,
      formats: ['+1 415-555-2671', '(415) 555-2671', '415.555.2671', '+1 (415) 555 2671'],
    },
    sharedPhone: { e164: CONNECT_SEEDED.shared.phone, count: CONNECT_SEEDED.shared.ids.length },
    email: { address: CONNECT_SEEDED.jane.email, name: CONNECT_SEEDED.jane.name },
    unknownPhone: CONNECT_SEEDED.unknownPhone,
  },
  inspect: {
    activity: () => undefined,
    recordWithoutContactFields(sandbox, ref) {
      const contact = state(sandbox).contacts.find((candidate) => String(candidate.id) === ref.id);
      if (!contact) return undefined;
      const { email: _email, phoneNumbers: _phones, lastActivityAt: _activity, ...rest } = contact;
      return rest;
    },
  },
};
