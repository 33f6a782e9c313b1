import { entityCrmDefinition } from '../../lib/crm/providers/entity-crm';
import { ENTITY_DEMO, ENTITY_SEEDED, type EntityCrmState } from '../sandbox/entity-crm';
import type { ConformanceTarget, SandboxHandle } from './harness';

const stateOf = (sandbox: SandboxHandle) => sandbox.api('entity-crm').state as EntityCrmState;

export const entityCrmTarget: ConformanceTarget = {
  definition: entityCrmDefinition,
  baseUrl: (sandbox) => `${sandbox.url}/entity/`,
  credentials: { apiKey: ENTITY_DEMO.apiKey, entityId: ENTITY_DEMO.entityId, defaultCountry: 'US' },
  badCredentials: { apiKey: 'ak_RevokedKey0000', entityId: ENTITY_DEMO.entityId, defaultCountry: 'US' },
  expectedAccount: { userName: 'Entity CRM API key', organization: ENTITY_SEEDED.entity.name },
  fixtures: {
    phone: {
      e164: ENTITY_SEEDED.jane.mobile,
      name: ENTITY_SEEDED.jane.name,
      formats: ['(415) 555-2671', '415.555.2671', '+1 415 555 2671', '001 415 555 2671', '4155552671'],
    },
    sharedPhone: { e164: ENTITY_SEEDED.shared.phone, count: 2 },
    email: { address: ENTITY_SEEDED.jane.email, name: ENTITY_SEEDED.jane.name },
    unknownPhone: '+16505550111',
    record: {
      provider: 'entity-crm',
      kind: 'contact',
      id: ENTITY_SEEDED.jane.id,
      name: ENTITY_SEEDED.jane.name,
    },
    activityType: 'Call',
  },
  inspect: {
    activity(sandbox, ref) {
      const found = stateOf(sandbox).activities.find((activity) => activity.id === ref.id);
      return found ? { note: found.body ?? '', type: found.type } : undefined;
    },
    countActivities(sandbox, text) {
      return stateOf(sandbox).activities.filter((activity) => (activity.body ?? '').includes(text)).length;
    },
    recordWithoutContactFields(sandbox, ref) {
      const contact = stateOf(sandbox).contacts.get(ref.id);
      if (!contact) return undefined;
      const { phones: _phones, emails: _emails, updatedAt: _updated, ...rest } = contact;
      return rest;
    },
  },
};
