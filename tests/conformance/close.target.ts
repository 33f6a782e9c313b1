import { closeDefinition } from '../../lib/crm/providers/close';
import type { CloseState } from '../sandbox/close-model';
import { DEMO_KEYS, SEEDED } from '../sandbox/seed';
import type { ConformanceTarget, SandboxHandle } from './harness';

const stateOf = (sandbox: SandboxHandle) => sandbox.api('close').state as CloseState;

export const closeTarget: ConformanceTarget = {
  definition: closeDefinition,
  baseUrl: (sandbox) => `${sandbox.url}/api/v1/`,
  credentials: { apiKey: DEMO_KEYS.riley },
  badCredentials: { apiKey: 'api_RevokedKey0000' },
  expectedAccount: { userName: 'Riley Recruiter', organization: 'Ringside Demo Agency' },
  fixtures: {
    phone: {
      e164: SEEDED.jane.mobile,
      name: 'Jane Doe',
      formats: ['(415) 555-2671', '415.555.2671', '+1 415 555 2671', '001 415 555 2671', '4155552671'],
    },
    sharedPhone: { e164: SEEDED.shared.phone, count: 2 },
    email: { address: SEEDED.priya.email, name: 'Priya Patel' },
    unknownPhone: '+16505550111',
    record: {
      provider: 'close',
      kind: 'contact',
      id: SEEDED.priya.contactId,
      parentId: SEEDED.priya.leadId,
      name: 'Priya Patel',
    },
    user: { name: 'Riley Recruiter', email: 'riley@ringside-demo.example' },
    activityType: 'Interested',
  },
  inspect: {
    activity(sandbox, ref) {
      const state = stateOf(sandbox);
      const found = [...state.calls, ...state.notes].find((activity) => activity.id === ref.id);
      return found ? { note: String(found.note ?? '') } : undefined;
    },
    countActivities(sandbox, text) {
      const state = stateOf(sandbox);
      return [...state.calls, ...state.notes].filter((activity) => String(activity.note ?? '').includes(text))
        .length;
    },
    recordWithoutContactFields(sandbox, ref) {
      const contact = stateOf(sandbox)
        .leads.flatMap((lead) => lead.contacts)
        .find((item) => item.id === ref.id);
      if (!contact) return undefined;
      const { phones: _phones, emails: _emails, date_updated: _updated, updated_by: _by, ...rest } = contact;
      return rest;
    },
  },
};
