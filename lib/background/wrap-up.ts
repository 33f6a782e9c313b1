import { providerLabels, type RecordRef } from '../crm/adapter';
import { CrmError } from '../crm/errors';
import { providers } from '../crm/registry';
import { t } from '../i18n';
import { webUrl } from '../safe-url';
import type { ActivityTypesService } from './activity-types';
import type { ConnectionService } from './connections';
import type { Outbox } from './outbox';
import type { Handlers } from './router';
import type { UserMappingService } from './user-mapping';

/**
 * The wrap-up's messages: log one call to several records, the CRM's activity types and users, the user
 * mapping, and editing a delivered log. Spread into createHandlers.
 */

export interface WrapUpDeps {
  connections: ConnectionService;
  outbox: Outbox;
  userMapping: UserMappingService;
  activityTypes: ActivityTypesService;
}

/**
 * The outbox id (and so the CRM's client id) of one record's log in one wrap-up: the same wrap-up key and
 * record always give the same id, two records never share one. Short enough for every CRM's external id.
 */
export async function logItemId(key: string, ref: RecordRef): Promise<string> {
  const text = [key, ref.connectionId, ref.kind, ref.id].join('\n');
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return `log-${[...digest.slice(0, 16)].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

type WrapUpHandlers = Pick<
  Handlers,
  'call.logMany' | 'meta.activityTypes' | 'users.list' | 'users.map' | 'activity.update'
>;

export function createWrapUpHandlers(deps: WrapUpDeps): WrapUpHandlers {
  const { connections, outbox, userMapping, activityTypes } = deps;
  return {
    'call.logMany': async ({ callId, key, logs }) => {
      const results = [];
      // One record's failure (a removed connection, a CRM that cannot log) leaves the others logged.
      for (const log of logs) {
        try {
          const connection = await connections.find(log.input.record.connectionId);
          const definition = providers[connection.provider];
          if (!definition.capabilities.logActivity)
            throw new CrmError({ kind: 'validation', message: t('bgCalls_cannotLog', definition.label) });
          const recordUrl = webUrl(log.recordUrl);
          const item = await outbox.enqueue({
            id: await logItemId(key, log.input.record),
            connectionId: connection.id,
            provider: connection.provider,
            label: log.label,
            op: { type: 'log-activity', input: log.input },
            callId,
            ...(recordUrl ? { recordUrl } : {}),
          });
          results.push({ item });
        } catch (error) {
          results.push({
            error:
              error instanceof CrmError
                ? { kind: error.kind, message: error.message }
                : { kind: 'internal' as const, message: t('bgWrapUp_storeFailed') },
          });
        }
      }
      return { results };
    },

    'meta.activityTypes': ({ connectionId, refresh }) => activityTypes.get(connectionId, refresh),

    'users.list': ({ connectionId }) => userMapping.list(connectionId),

    'users.map': async ({ connectionId, userId }) => {
      const mapping = await userMapping.choose(connectionId, userId);
      return mapping ? { mapping } : {};
    },

    'activity.update': async ({ outboxItemId, note, typeId, outcomeId }) => {
      const log = await outbox.get(outboxItemId);
      if (log?.op.type !== 'log-activity')
        throw new CrmError({ kind: 'not-found', message: t('bgWrapUp_logGone') });
      const crm = providerLabels[log.provider];
      const activity = log.result?.activity;
      if (log.state !== 'sent' || !activity) {
        throw new CrmError({
          kind: 'validation',
          message: t('bgWrapUp_notSentYet', crm),
        });
      }
      const definition = providers[log.provider];
      if (!definition.capabilities.updateActivity)
        throw new CrmError({ kind: 'validation', message: t('bgWrapUp_cannotEdit', crm) });
      if (typeId && !definition.activityEdits?.type)
        throw new CrmError({ kind: 'validation', message: t('bgWrapUp_cannotChangeType', crm) });
      if (outcomeId && !definition.activityEdits?.outcome)
        throw new CrmError({ kind: 'validation', message: t('bgWrapUp_noOutcome', crm) });
      const item = await outbox.enqueue({
        connectionId: log.connectionId,
        provider: log.provider,
        label: t('bgWrapUp_editLabel', log.label).slice(0, 200),
        op: {
          type: 'update-activity',
          ref: activity,
          patch: { note, ...(typeId ? { typeId } : {}), ...(outcomeId ? { outcomeId } : {}) },
        },
        editOf: log.id,
        ...(log.callId ? { callId: log.callId } : {}),
        ...(log.recordUrl ? { recordUrl: log.recordUrl } : {}),
      });
      return { item };
    },
  };
}
