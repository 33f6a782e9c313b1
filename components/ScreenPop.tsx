import type { CountryCode } from 'libphonenumber-js';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type CrmRecord, type ProviderId, type RecordRef, recordKey } from '../lib/crm/adapter';
import { connectionLabel } from '../lib/crm/connection-label';
import { t } from '../lib/i18n';
import { MessageError, send } from '../lib/messaging';
import { countryFromLocale } from '../lib/phone/normalize';
import type { LookupResult, ProviderAbilities } from '../lib/protocol';
import { type Connection, connectionsItem } from '../lib/store/connections';
import { reapply, rememberChoice, rememberedChoice, sameRecord, subjectKey } from '../lib/store/pop-choices';
import { loadSettings } from '../lib/store/settings';
import { ConnectionMatches } from './ConnectionMatches';
import { CreateRecordForm } from './CreateRecordForm';
import { MatchCard } from './MatchCard';
import { StatusMessage } from './StatusMessage';
import './screen-pop.css';

export interface ScreenPopProps {
  subject: { phone: string } | { email: string };
  /** The records chosen for this call (controlled by the panel). */
  selected: RecordRef[];
  onSelectionChange: (records: CrmRecord[]) => void;
}

/** What each CRM can do never changes while the panel is open: asked once. */
let abilitiesOnce: Promise<Record<ProviderId, ProviderAbilities>> | undefined;
function providerAbilities() {
  abilitiesOnce ??= send('providers.abilities', {}).then(
    (answer) => answer.providers,
    (error: unknown) => {
      abilitiesOnce = undefined;
      throw error;
    },
  );
  return abilitiesOnce;
}

/** The saved connections, asked once and again only after one was added, edited or removed. */
let connectionsOnce: Promise<Connection[]> | undefined;
/** The last answer, so a pop can draw its sections in its very first render. */
let knownConnections: Connection[] | undefined;
let watchingConnections = false;
function savedConnections(): Promise<Connection[]> {
  if (!watchingConnections) {
    watchingConnections = true;
    connectionsItem.watch(() => {
      connectionsOnce = undefined;
    });
  }
  connectionsOnce ??= send('connections.list', {}).then(
    ({ connections }) => {
      knownConnections = connections;
      return connections;
    },
    (error: unknown) => {
      connectionsOnce = undefined;
      throw error;
    },
  );
  return connectionsOnce;
}

/**
 * Who a number (or an address) is, in every connected CRM, each connection shown as its answer arrives.
 * One match in all is chosen by itself; several are offered to choose from (one or several); a choice is
 * remembered for the number and offered again while those records still match it. Unknown callers can be
 * created in any CRM that can, and numbers stored in no usable format can be corrected in the CRM.
 */
export function ScreenPop({ subject, selected, onSelectionChange }: ScreenPopProps) {
  const subjectId = subjectKey(subject);
  const [connections, setConnections] = useState<Connection[] | undefined>(knownConnections);
  const [answers, setAnswers] = useState<Record<string, LookupResult>>({});
  const [listError, setListError] = useState<string>();
  const [abilities, setAbilities] = useState<Record<ProviderId, ProviderAbilities>>();
  const [defaultCountry, setDefaultCountry] = useState<CountryCode>(() =>
    countryFromLocale(navigator.language),
  );
  /** Records created here, shown with their connection's matches. */
  const [created, setCreated] = useState<CrmRecord[]>([]);
  /** Records as updated here (a corrected number), by ref. */
  const [updated, setUpdated] = useState<Record<string, CrmRecord>>({});
  const [creating, setCreating] = useState(false);
  const [remembered, setRemembered] = useState<RecordRef[] | null>();
  /** Once the recruiter touched the choice, or the automatic one was made, nothing chooses for them. */
  const decided = useRef(false);

  // A layout effect: the searches start in the same task as the render, not after the next paint.
  useLayoutEffect(() => {
    let live = true;
    void rememberedChoice(subjectId).then((choice) => live && setRemembered(choice ?? null));
    void loadSettings(browser.storage.local).then(
      (settings) => live && settings.defaultCountry && setDefaultCountry(settings.defaultCountry),
    );
    void providerAbilities().then(
      (value) => live && setAbilities(value),
      () => undefined,
    );
    savedConnections()
      .then((list) => {
        if (!live) return;
        setConnections(list);
        for (const connection of list) {
          send('lookup.connection', { connectionId: connection.id, ...subject })
            .then(({ result }) => live && setAnswers((before) => ({ ...before, [connection.id]: result })))
            .catch((error: unknown) => {
              if (!live) return;
              const failed: LookupResult = {
                connectionId: connection.id,
                provider: connection.provider,
                label: connectionLabel(connection),
                state: 'error',
                records: [],
                error: error instanceof MessageError ? error.message : t('pop_searchFailedInside'),
              };
              setAnswers((before) => ({ ...before, [connection.id]: failed }));
            });
        }
      })
      .catch((error: unknown) => {
        if (live) setListError(error instanceof MessageError ? error.message : t('pop_lookupFailed'));
      });
    return () => {
      live = false;
    };
  }, [subjectId]);

  /** Each connection's records: what was created here first, every record as last updated here. */
  const recordsOf = (connectionId: string): CrmRecord[] => {
    const found = [
      ...created.filter((record) => record.ref.connectionId === connectionId),
      ...(answers[connectionId]?.records ?? []),
    ];
    const unique = new Map(found.map((record) => [recordKey(record.ref), record]));
    return [...unique.values()].map((record) => updated[recordKey(record.ref)] ?? record);
  };
  const all = useMemo(
    () => (connections ?? []).flatMap((connection) => recordsOf(connection.id)),
    [connections, answers, created, updated],
  );
  const settled = connections?.every((connection) => answers[connection.id]) ?? false;

  function choose(refs: RecordRef[]) {
    onSelectionChange(all.filter((record) => refs.some((ref) => sameRecord(ref, record.ref))));
  }

  // The automatic choice: the remembered one as soon as all of it is on screen, else once every CRM answered,
  // what is left of the remembered one, else the only match there is.
  useEffect(() => {
    if (decided.current || remembered === undefined || !connections) return;
    const refs = all.map((record) => record.ref);
    const present = reapply(remembered ?? undefined, refs);
    if (remembered && present?.length === remembered.length) {
      decided.current = true;
      choose(present);
    } else if (settled) {
      decided.current = true;
      if (present) choose(present);
      else if (all.length === 1 && all[0]) choose([all[0].ref]);
    }
  }, [all, settled, remembered]);

  function toggle(record: CrmRecord, on: boolean) {
    decided.current = true;
    const rest = selected.filter((ref) => !sameRecord(ref, record.ref));
    const next = on ? [...rest, record.ref] : rest;
    choose(next);
    void rememberChoice(subjectId, next);
  }

  function onCreated(record: CrmRecord) {
    setCreated((before) => [record, ...before]);
    setCreating(false);
    decided.current = true;
    const next = [...selected, record.ref];
    onSelectionChange([...all.filter((item) => selected.some((ref) => sameRecord(ref, item.ref))), record]);
    void rememberChoice(subjectId, next);
  }

  function onUpdated(record: CrmRecord) {
    setUpdated((before) => ({ ...before, [recordKey(record.ref)]: record }));
    // The panel's copy of a chosen record follows the CRM's.
    if (selected.some((ref) => sameRecord(ref, record.ref)))
      onSelectionChange(
        all
          .filter((item) => selected.some((ref) => sameRecord(ref, item.ref)))
          .map((item) => (sameRecord(item.ref, record.ref) ? record : item)),
      );
  }

  if (listError) return <StatusMessage tone="error">{listError}</StatusMessage>;
  if (!connections) return null;
  if (connections.length === 0) {
    return (
      <StatusMessage tone="info">
        {t('pop_noCrm')}{' '}
        <button type="button" class="secondary" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('common_connectCrm')}
        </button>
      </StatusMessage>
    );
  }

  const creatable = abilities
    ? connections.filter((connection) => abilities[connection.provider].capabilities.createRecord)
    : [];
  const nothingAnywhere = settled && all.length === 0;
  const knownElsewhere = all.find((record) => selected.some((ref) => sameRecord(ref, record.ref))) ?? all[0];
  const preferred = creatable.find((connection) => recordsOf(connection.id).length === 0)?.id;

  return (
    <>
      <section aria-label={t('pop_matches')} class="screen-pop">
        {connections.map((connection) => {
          const answer = answers[connection.id];
          const records = recordsOf(connection.id);
          const label = answer?.label ?? connectionLabel(connection);
          const canUpdate = abilities?.[connection.provider].capabilities.updateRecord ?? false;
          return (
            <ConnectionMatches
              key={connection.id}
              connectionId={connection.id}
              label={label}
              result={
                answer && records.length > 0 && answer.state === 'none'
                  ? { ...answer, state: 'found' }
                  : answer
              }
            >
              {records.map((record) => (
                <MatchCard
                  key={recordKey(record.ref)}
                  record={record}
                  selected={selected.some((ref) => sameRecord(ref, record.ref))}
                  onToggle={(on) => toggle(record, on)}
                  defaultCountry={defaultCountry}
                  canUpdate={canUpdate}
                  crmLabel={abilities?.[connection.provider].label ?? label}
                  onUpdated={onUpdated}
                />
              ))}
            </ConnectionMatches>
          );
        })}
      </section>
      {abilities && creatable.length > 0 && (
        <section aria-label={t('pop_newRecord')} class="create-record">
          {nothingAnywhere && (
            <StatusMessage tone="info">
              {'phone' in subject ? t('pop_unknownNumber') : t('pop_unknownAddress')}
            </StatusMessage>
          )}
          {nothingAnywhere || creating ? (
            <>
              <h2>{t('create_title')}</h2>
              <CreateRecordForm
                subject={subject}
                connections={creatable}
                abilities={abilities}
                defaultCountry={defaultCountry}
                known={knownElsewhere}
                preferred={preferred}
                onCreated={onCreated}
                {...(creating && !nothingAnywhere ? { onCancel: () => setCreating(false) } : {})}
              />
            </>
          ) : (
            <button type="button" class="secondary" onClick={() => setCreating(true)}>
              {t('pop_createRecord')}
            </button>
          )}
        </section>
      )}
    </>
  );
}
