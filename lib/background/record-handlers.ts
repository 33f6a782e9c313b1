import type { CountryCode } from 'libphonenumber-js';
import type { CrmRecord } from '../crm/adapter';
import { CrmError, mayHaveBeenWritten } from '../crm/errors';
import { providers } from '../crm/registry';
import { t } from '../i18n';
import { toE164 } from '../phone/normalize';
import type { Connection } from '../store/connections';
import type { ContactIndex } from '../store/contact-index';
import type { ConnectionService } from './connections';
import { findCreatedRecord } from './created-record';
import { usesIndex } from './index-sync';
import type { Lookups } from './lookup';
import { cleanupPatch } from './phone-cleanup';
import type { Handlers } from './router';

export interface RecordHandlerDeps {
  connections: ConnectionService;
  index: ContactIndex;
  lookups: Lookups;
  defaultCountry: () => CountryCode;
}

type RecordHandlers = Pick<
  Handlers,
  'lookup.connection' | 'providers.abilities' | 'record.create' | 'record.cleanupPhone'
>;

/**
 * What follows a record created or updated through Ringside (from the panel or the outbox): its connection's
 * cached searches go, and where the connection is searched through the local index, the record's entry is
 * renewed there so the next lookup shows it as it is now.
 */
export function createRecordChanges(deps: Pick<RecordHandlerDeps, 'index' | 'lookups'>) {
  return async (connection: Pick<Connection, 'id' | 'provider'>, record: CrmRecord): Promise<void> => {
    await deps.lookups.invalidate(connection.id);
    // Written as a newer generation than any sync already running, so that sync's end keeps it.
    if (usesIndex(connection)) await deps.index.put(connection.id, Date.now(), [record]);
  };
}

/** The screen pop's messages: one connection's lookup, what each CRM can do, create a record, fix a number. */
export function createRecordHandlers(deps: RecordHandlerDeps): RecordHandlers {
  const { connections, lookups } = deps;
  const changed = createRecordChanges(deps);

  return {
    'lookup.connection': async (query) => {
      const connection = await connections.find(query.connectionId);
      if ('email' in query) return lookups.one(connection, { email: query.email.toLowerCase() });
      const e164 = toE164(query.phone, deps.defaultCountry());
      if (!e164) {
        throw new CrmError({
          kind: 'validation',
          message: t('phone_notDialable', query.phone),
        });
      }
      return lookups.one(connection, { phone: e164 });
    },

    'providers.abilities': async () => ({
      providers: Object.fromEntries(
        Object.values(providers).map((definition) => [
          definition.id,
          {
            label: definition.label,
            capabilities: definition.capabilities,
            recordKinds: definition.recordKinds,
          },
        ]),
      ) as Awaited<ReturnType<RecordHandlers['providers.abilities']>>['providers'],
    }),

    'record.create': async ({ connectionId, record }) => {
      const connection = await connections.find(connectionId);
      const definition = providers[connection.provider];
      if (!definition.capabilities.createRecord) {
        throw new CrmError({ kind: 'validation', message: t('bgRecords_cannotCreate', definition.label) });
      }
      if (record.kind && !definition.recordKinds.some((kind) => kind.id === record.kind)) {
        throw new CrmError({
          kind: 'validation',
          message: t('bgRecords_cannotCreateKind', definition.label, record.kind),
          fieldErrors: { kind: t('bgRecords_chooseKind') },
        });
      }
      const adapter = await connections.adapterFor(connection);
      if (!adapter.createRecord) {
        throw new CrmError({ kind: 'validation', message: t('bgRecords_cannotCreate', definition.label) });
      }
      let created: CrmRecord;
      try {
        created = await adapter.createRecord(record);
      } catch (error) {
        // The answer was lost, not refused: the CRM may have made the record. Look before the recruiter
        // presses Create again, which would make a second one.
        if (!(error instanceof CrmError) || !mayHaveBeenWritten(error.kind)) throw error;
        const found = await findCreatedRecord(adapter, record, deps.defaultCountry()).catch(() => undefined);
        if (!found)
          throw new CrmError({
            kind: error.kind,
            message: t('bgRecords_createUnconfirmed', definition.label),
          });
        created = found;
      }
      await changed(connection, created);
      return { record: created };
    },

    'record.cleanupPhone': async ({ ref, raw, field, e164 }) => {
      const connection = await connections.find(ref.connectionId);
      const definition = providers[connection.provider];
      if (ref.provider !== connection.provider) {
        throw new CrmError({ kind: 'not-found', message: t('bgRecords_otherConnection') });
      }
      if (toE164(e164) !== e164) {
        throw new CrmError({ kind: 'validation', message: t('bgRecords_invalidE164', e164) });
      }
      const adapter = await connections.adapterFor(connection);
      if (!adapter.getRecord || !adapter.updateRecord) {
        throw new CrmError({
          kind: 'validation',
          message: t('bgRecords_cannotUpdate', definition.label),
        });
      }
      // Read fresh: the patch carries every phone, and the panel's copy may be minutes old.
      const fresh = await adapter.getRecord(ref);
      const updated = await adapter.updateRecord(
        ref,
        cleanupPatch(fresh, { raw, field }, e164, definition.label),
      );
      await changed(connection, updated);
      return { record: updated };
    },
  };
}
