import type { CountryCode } from 'libphonenumber-js';
import { CrmError } from '../crm/errors';
import { providers } from '../crm/registry';
import { t } from '../i18n';
import { toE164 } from '../phone/normalize';
import { activeDialItem } from '../store/active-dial';
import { indexStatusItem } from '../store/index-status';
import { forgetDefaults } from '../store/log-defaults';
import type { ConnectionService } from './connections';
import { type IndexSync, usesIndex } from './index-sync';
import { createLookups, type LookupDeps, type Lookups } from './lookup';
import type { Outbox } from './outbox';
import { openPanel } from './panel';
import { createRecordHandlers } from './record-handlers';
import type { Handlers } from './router';
import type { SiteMessageType } from './sites';
import { createWrapUpHandlers, type WrapUpDeps } from './wrap-up';

export interface HandlerDeps extends LookupDeps, WrapUpDeps {
  connections: ConnectionService;
  outbox: Outbox;
  indexSync: IndexSync;
  defaultCountry: () => CountryCode;
  /** Cached, shared lookups (the background passes the one it also prefetches with). */
  lookups?: Lookups;
}

function normalizePhone(raw: string, country: CountryCode): string {
  const e164 = toE164(raw, country);
  if (!e164) {
    throw new CrmError({ kind: 'validation', message: t('phone_notDialable', raw) });
  }
  return e164;
}

/** Every handler but the site ones, which lib/background/sites.ts adds (withSiteHandlers). */
export function createHandlers(deps: HandlerDeps): Omit<Handlers, SiteMessageType> {
  const { connections, indexSync, outbox, defaultCountry, userMapping, activityTypes } = deps;
  const lookups = deps.lookups ?? createLookups(deps);
  return {
    ...createWrapUpHandlers(deps),
    ...createRecordHandlers({ ...deps, lookups }),
    'connections.list': async () => ({ connections: await connections.list() }),
    'connections.test': ({ draft, connectionId }) =>
      draft ? connections.testDraft(draft, connectionId) : connections.testSaved(connectionId ?? ''),
    'connections.save': async ({ draft, connectionId }) => {
      const connection = await connections.save(draft, connectionId);
      // Other credentials may see other people: nothing found with the old ones is shown again.
      await lookups.invalidate(connection.id);
      // The first fill of a new index starts at once; the panel can search it while it runs.
      if (usesIndex(connection)) void indexSync.sync(connection);
      // Who calls are logged as: matched by email in the background; options follows the stored result.
      void userMapping.refresh(connection).catch(() => undefined);
      return { connection };
    },
    'connections.remove': async ({ connectionId }) => {
      await connections.remove(connectionId);
      await lookups.invalidate(connectionId);
      await indexSync.forget(connectionId);
      await Promise.all([userMapping.forget(connectionId), activityTypes.forget(connectionId)]);
      await forgetDefaults(connectionId);
      return {};
    },
    dial: ({ phone, source }, sender) => {
      const e164 = normalizePhone(phone, defaultCountry());
      // Before any await: the click's user gesture is still valid here.
      if (source === 'page') openPanel({ tabId: sender.tab?.id, windowId: sender.tab?.windowId });
      return activeDialItem.set({ phone: e164, source, at: Date.now() }).then(() => ({ phone: e164 }));
    },
    'lookup.email': ({ email, source }, sender) => {
      // Before any await: the click's user gesture is still valid here.
      if (source === 'page') openPanel({ tabId: sender.tab?.id, windowId: sender.tab?.windowId });
      const normalized = email.toLowerCase();
      return activeDialItem
        .set({ email: normalized, source, at: Date.now() })
        .then(() => ({ email: normalized }));
    },
    lookup: async (query) => {
      if ('email' in query) return { email: query.email, results: await lookups.all({ email: query.email }) };
      const e164 = normalizePhone(query.phone, defaultCountry());
      return { phone: e164, results: await lookups.all({ phone: e164 }) };
    },
    'call.log': async ({ input, label }) => {
      const connection = await connections.find(input.record.connectionId);
      if (!providers[connection.provider].capabilities.logActivity) {
        throw new CrmError({
          kind: 'validation',
          message: t('bgCalls_cannotLog', providers[connection.provider].label),
        });
      }
      const item = await outbox.enqueue({
        connectionId: connection.id,
        provider: connection.provider,
        label,
        op: { type: 'log-activity', input },
      });
      return { item };
    },
    'outbox.list': async () => ({ items: await outbox.list() }),
    'outbox.retry': async ({ id }) => {
      const item = await outbox.retryNow(id);
      return item ? { item } : {};
    },
    'outbox.edit': async ({ id, note }) => {
      const item = await outbox.editNote(id, note);
      return item ? { item } : {};
    },
    'outbox.discard': async ({ id }) => {
      await outbox.discard(id);
      return {};
    },
    'index.sync': async ({ connectionId }) => indexSync.sync(await connections.find(connectionId)),
    'index.status': async () => ({ status: await indexStatusItem.get() }),
  };
}
