import type { CountryCode } from 'libphonenumber-js';
import { CrmError } from '../crm/errors';
import { toE164 } from '../phone/normalize';
import { activeDialItem } from '../store/active-dial';
import type { ConnectionService } from './connections';
import { lookupPhone } from './lookup';
import { openPanel } from './panel';
import type { Handlers } from './router';

export interface HandlerDeps {
  connections: ConnectionService;
  defaultCountry: () => CountryCode;
}

function normalizePhone(raw: string, country: CountryCode): string {
  const e164 = toE164(raw, country);
  if (!e164) {
    throw new CrmError({ kind: 'validation', message: `“${raw}” is not a phone number Ringside can dial.` });
  }
  return e164;
}

export function createHandlers({ connections, defaultCountry }: HandlerDeps): Handlers {
  return {
    'connections.list': async () => ({ connections: await connections.list() }),
    'connections.test': (payload) =>
      'draft' in payload ? connections.testDraft(payload.draft) : connections.testSaved(payload.connectionId),
    'connections.save': async (draft) => ({ connection: await connections.save(draft) }),
    'connections.remove': async ({ connectionId }) => {
      await connections.remove(connectionId);
      return {};
    },
    dial: ({ phone, source }, sender) => {
      const e164 = normalizePhone(phone, defaultCountry());
      // Before any await: the click's user gesture is still valid here.
      if (source === 'page') openPanel({ tabId: sender.tab?.id, windowId: sender.tab?.windowId });
      return activeDialItem.set({ phone: e164, source, at: Date.now() }).then(() => ({ phone: e164 }));
    },
    lookup: async ({ phone }) => {
      const e164 = normalizePhone(phone, defaultCountry());
      return { phone: e164, results: await lookupPhone(connections, e164) };
    },
    'call.log': async (input) => {
      const connection = await connections.find(input.record.connectionId);
      const adapter = await connections.adapterFor(connection);
      return { activity: await adapter.logActivity(input) };
    },
  };
}
