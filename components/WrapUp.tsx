import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatDuration, parseDuration } from '../lib/call/duration';
import type { CallSession } from '../lib/call/session';
import { parseStartTime, toLocalInput } from '../lib/call/start-time';
import {
  type ActivityInput,
  type CallDirection,
  type CrmRecord,
  providerLabels,
  type RecordRef,
} from '../lib/crm/adapter';
import { providers } from '../lib/crm/registry';
import { type MessageKey, t } from '../lib/i18n';
import { MessageError, send } from '../lib/messaging';
import { type Draft, type DraftChoice, debouncedSaver, draftStore } from '../lib/store/drafts';
import { defaultTypeFor, type LogChannel, logChannels, logDefaultsItem } from '../lib/store/log-defaults';
import { userMapItem } from '../lib/store/user-map';
import { FieldError } from './FieldError';
import { OutboxStatus } from './OutboxStatus';
import { StatusMessage } from './StatusMessage';
import { type TypesState, useActivityTypes } from './useActivityTypes';
import { useOutbox } from './useOutbox';
import { useStoredItem } from './useStoredItem';

/**
 * After the call: the note, the channel, each CRM's activity type (and outcome, where it has them),
 * direction, duration and time, logged to every chosen record in one action through the outbox. What is
 * typed is saved as a draft as it is typed, so closing the panel or the browser loses nothing.
 */

/** Per channel: its name in the channel choice, the log button, and a log's name in the lists ("Call with $1"). */
const CHANNEL_TEXT: Record<LogChannel, { name: MessageKey; button: MessageKey; item: MessageKey }> = {
  call: { name: 'wrapUp_channelCall', button: 'wrapUp_logCall', item: 'wrapUp_itemCall' },
  sms: { name: 'wrapUp_channelSms', button: 'wrapUp_logSms', item: 'wrapUp_itemSms' },
  whatsapp: { name: 'wrapUp_channelWhatsApp', button: 'wrapUp_logWhatsApp', item: 'wrapUp_itemWhatsApp' },
  email: { name: 'wrapUp_channelEmail', button: 'wrapUp_logEmail', item: 'wrapUp_itemEmail' },
};

const refKey = (ref: RecordRef) => `${ref.connectionId}\n${ref.kind}\n${ref.id}`;

function newDraft(session: CallSession): Draft {
  const subject = session.phone ?? session.email;
  return {
    v: 1,
    sessionId: session.id,
    logKey: crypto.randomUUID(),
    note: '',
    channel: session.phone ? 'call' : 'email',
    choices: {},
    ...(subject ? { subject } : {}),
    updatedAt: Date.now(),
  };
}

interface ConnectionGroup {
  connectionId: string;
  crm: string;
  canLog: boolean;
  records: CrmRecord[];
}

function groupByConnection(records: CrmRecord[]): ConnectionGroup[] {
  const groups = new Map<string, ConnectionGroup>();
  for (const record of records) {
    const { connectionId, provider } = record.ref;
    const group = groups.get(connectionId) ?? {
      connectionId,
      crm: providerLabels[provider],
      canLog: providers[provider].capabilities.logActivity,
      records: [],
    };
    group.records.push(record);
    groups.set(connectionId, group);
  }
  return [...groups.values()];
}

/** The type a connection logs this draft as: the recruiter's choice, else the channel's default from options. */
function chosenType(
  draft: Draft,
  connectionId: string,
  types: TypesState | undefined,
  defaultType: string | undefined,
): string {
  const chosen = draft.choices[connectionId]?.typeId;
  if (chosen !== undefined) return chosen;
  // A default the CRM no longer lists is not offered.
  if (defaultType && (types?.state !== 'ok' || types.types.some((type) => type.id === defaultType)))
    return defaultType;
  return '';
}

export function WrapUp({
  session,
  records,
  onLogged,
}: {
  session: CallSession;
  records: CrmRecord[];
  onLogged: () => void;
}) {
  const [draft, setDraft] = useState<Draft>();
  const draftRef = useRef<Draft>();
  const saver = useMemo(() => debouncedSaver((value: Draft) => draftStore.save(value)), []);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [results, setResults] = useState<Record<string, { itemId?: string; error?: string }>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const defaults = useStoredItem(logDefaultsItem) ?? {};
  const users = useStoredItem(userMapItem) ?? {};
  const outbox = useOutbox();
  const mountedAt = useRef(Date.now()).current;
  const groups = groupByConnection(records);
  const { types, refresh } = useActivityTypes(
    groups.filter((group) => group.canLog).map((g) => g.connectionId),
  );

  useEffect(() => {
    let alive = true;
    void draftStore.prune().catch(() => undefined);
    const start = (stored: Draft | undefined) => {
      if (!alive) return;
      const value = stored ?? newDraft(session);
      draftRef.current = value;
      setDraft(value);
    };
    draftStore.get(session.id).then(start, () => start(undefined));
    return () => {
      alive = false;
    };
  }, [session.id]);

  // Saved at once when the panel hides or closes, and when this wrap-up goes away.
  useEffect(() => {
    const flush = () => void saver.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    globalThis.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      globalThis.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      flush();
    };
  }, [saver]);

  function update(change: Partial<Draft>) {
    const current = draftRef.current;
    if (!current) return;
    const next = { ...current, ...change, updatedAt: Date.now() };
    draftRef.current = next;
    setDraft(next);
    saver.schedule(next);
  }

  function choose(connectionId: string, change: DraftChoice) {
    const current = draftRef.current;
    if (!current) return;
    update({
      choices: { ...current.choices, [connectionId]: { ...current.choices[connectionId], ...change } },
    });
  }

  if (!draft) {
    return (
      <section aria-label={t('wrapUp_label')}>
        <p class="muted">{t('wrapUp_opening')}</p>
      </section>
    );
  }

  const loggable = groups.filter((group) => group.canLog).flatMap((group) => group.records);
  const durationText =
    draft.duration ?? (session.durationSec === undefined ? '' : formatDuration(session.durationSec));
  const startText = draft.startedAt ?? toLocalInput(session.startedAt ?? mountedAt);
  // Before a call the call controls own the direction; one control for it, not two.
  const directionFromCall = Boolean(session.phone) && session.state === 'idle';
  const direction = directionFromCall ? session.direction : (draft.direction ?? session.direction);

  async function log(current: Draft) {
    const duration = parseDuration(durationText);
    // Untouched, the time is the session's own, to the second; typed, it is what was typed.
    const start =
      current.startedAt === undefined
        ? { at: session.startedAt ?? mountedAt }
        : parseStartTime(current.startedAt, Date.now());
    const found: Record<string, string> = {};
    if ('error' in duration) found.duration = duration.error;
    if ('error' in start) found.startedAt = start.error;
    setErrors(found);
    if ('error' in duration || 'error' in start || !loggable.length) return;
    setBusy(true);
    setFailure(undefined);
    try {
      // Whatever happens next, what was typed is in storage first.
      await saver.flush();
      const activityAt = new Date(start.at).toISOString();
      const logs = loggable.map((record) => {
        const connectionId = record.ref.connectionId;
        const typeId = chosenType(
          current,
          connectionId,
          types[connectionId],
          defaultTypeFor(defaults, connectionId, current.channel),
        );
        const outcomeId = current.choices[connectionId]?.outcomeId;
        const userId = users[connectionId]?.userId;
        const input: Omit<ActivityInput, 'clientId'> = {
          channel: current.channel,
          record: record.ref,
          direction,
          ...(current.channel === 'call' ? { durationSec: duration.seconds } : {}),
          ...(session.phone ? { phone: session.phone } : {}),
          note: current.note,
          activityAt,
          ...(typeId ? { typeId } : {}),
          ...(outcomeId ? { outcomeId } : {}),
          ...(userId ? { userId } : {}),
        };
        return {
          label: t(CHANNEL_TEXT[current.channel].item, record.name).slice(0, 200),
          input,
          ...(record.url ? { recordUrl: record.url } : {}),
        };
      });
      const { results: answers } = await send('call.logMany', {
        callId: session.id,
        key: current.logKey,
        logs,
      });
      const next: Record<string, { itemId?: string; error?: string }> = {};
      answers.forEach((answer, index) => {
        const record = loggable[index];
        if (!record) return;
        next[refKey(record.ref)] = answer.item
          ? { itemId: answer.item.id }
          : { error: answer.error?.message ?? t('wrapUp_storeFailed') };
      });
      setResults(next);
      if (answers.every((answer) => answer.item)) {
        // Every log is in the outbox now, which keeps it until its CRM has it: the draft can go.
        saver.cancel();
        await saver.flush();
        await draftStore.remove(session.id);
        const fresh = { ...newDraft(session), channel: current.channel };
        draftRef.current = fresh;
        setDraft(fresh);
        onLogged();
      }
    } catch (error) {
      // Not stored: the note stays in the form and in the draft.
      setFailure(error instanceof MessageError ? error.message : t('wrapUp_failed'));
    } finally {
      setBusy(false);
    }
  }

  const logged = records.filter((record) => results[refKey(record.ref)]);

  return (
    <section aria-label={t('wrapUp_label')}>
      <h2>{t('wrapUp_title')}</h2>
      {!records.length && <p class="muted">{t('wrapUp_chooseRecord')}</p>}
      <div class="row">
        <div>
          <label for="wrap-channel">{t('wrapUp_channel')}</label>
          <select
            id="wrap-channel"
            value={draft.channel}
            onChange={(event) => update({ channel: event.currentTarget.value as LogChannel })}
          >
            {logChannels.map((channel) => (
              <option key={channel} value={channel}>
                {t(CHANNEL_TEXT[channel].name)}
              </option>
            ))}
          </select>
        </div>
        {!directionFromCall && (
          <div>
            <label for="wrap-direction">{t('common_direction')}</label>
            <select
              id="wrap-direction"
              value={direction}
              onChange={(event) => update({ direction: event.currentTarget.value as CallDirection })}
            >
              <option value="outbound">{t('common_outbound')}</option>
              <option value="inbound">{t('common_inbound')}</option>
            </select>
          </div>
        )}
      </div>
      <div class="row">
        <div>
          <label for="duration">{t('wrapUp_duration')}</label>
          <input
            id="duration"
            type="text"
            inputMode="numeric"
            placeholder="0:00"
            disabled={draft.channel !== 'call'}
            value={draft.channel === 'call' ? durationText : ''}
            aria-invalid={errors.duration ? 'true' : 'false'}
            aria-describedby="duration-error"
            onInput={(event) => update({ duration: event.currentTarget.value })}
          />
        </div>
        <div>
          <label for="wrap-time">{t('wrapUp_time')}</label>
          <input
            id="wrap-time"
            type="datetime-local"
            value={startText}
            aria-invalid={errors.startedAt ? 'true' : 'false'}
            aria-describedby="wrap-time-error"
            onInput={(event) => update({ startedAt: event.currentTarget.value })}
          />
        </div>
      </div>
      <FieldError id="duration-error" text={errors.duration} />
      <FieldError id="wrap-time-error" text={errors.startedAt} />

      {groups.map((group) => (
        <ConnectionChoices
          key={group.connectionId}
          group={group}
          types={types[group.connectionId]}
          typeId={chosenType(
            draft,
            group.connectionId,
            types[group.connectionId],
            defaultTypeFor(defaults, group.connectionId, draft.channel),
          )}
          outcomeId={draft.choices[group.connectionId]?.outcomeId ?? ''}
          userName={users[group.connectionId]?.userName}
          onChoose={(change) => choose(group.connectionId, change)}
          onRefresh={() => refresh(group.connectionId)}
        />
      ))}

      <label for="note">{t('common_note')}</label>
      <textarea
        id="note"
        value={draft.note}
        maxLength={20_000}
        onInput={(event) => update({ note: event.currentTarget.value })}
        onBlur={() => void saver.flush()}
      />
      <button
        type="button"
        disabled={!loggable.length || busy}
        onClick={() => void log(draftRef.current ?? draft)}
      >
        {busy ? t('wrapUp_logging') : t(CHANNEL_TEXT[draft.channel].button)}
      </button>
      {failure && <StatusMessage tone="error">{failure}</StatusMessage>}
      {logged.length > 0 && (
        <ul class="plain" aria-label={t('wrapUp_loggedTo')}>
          {logged.map((record) => {
            const result = results[refKey(record.ref)];
            const item = result?.itemId ? outbox.find((entry) => entry.id === result.itemId) : undefined;
            return (
              <li key={refKey(record.ref)} data-record-id={record.ref.id} data-provider={record.ref.provider}>
                {item && <OutboxStatus item={item} />}
                {result?.error && (
                  <StatusMessage tone="error">
                    {t('wrapUp_recordError', record.name, providerLabels[record.ref.provider], result.error)}
                  </StatusMessage>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** One connection's part of the wrap-up: who it logs as, its activity type and its outcome. */
function ConnectionChoices({
  group,
  types,
  typeId,
  outcomeId,
  userName,
  onChoose,
  onRefresh,
}: {
  group: ConnectionGroup;
  types: TypesState | undefined;
  typeId: string;
  outcomeId: string;
  userName: string | undefined;
  onChoose: (change: DraftChoice) => void;
  onRefresh: () => void;
}) {
  const id = `wrap-${group.connectionId}`;
  if (!group.canLog) {
    return (
      <p class="muted" data-connection-id={group.connectionId}>
        {t('wrapUp_cannotLog', group.crm, group.records.map((record) => record.name).join(', '))}
      </p>
    );
  }
  return (
    <fieldset
      class="card"
      data-connection-id={group.connectionId}
      aria-label={t('wrapUp_connectionLabel', group.crm)}
    >
      <legend>
        {group.crm}: {group.records.map((record) => record.name).join(', ')}
      </legend>
      <div class="muted" data-testid="logged-as">
        {userName ? t('wrapUp_loggedAs', userName) : t('wrapUp_loggedAsCredentials', group.crm)}
      </div>
      {types?.state === 'loading' && <p class="muted">{t('common_loadingTypes', group.crm)}</p>}
      {types?.state === 'error' && (
        <StatusMessage tone="error">
          {types.text}{' '}
          <button type="button" class="secondary" onClick={onRefresh}>
            {t('common_tryAgain')}
          </button>
        </StatusMessage>
      )}
      {types?.state === 'ok' && (
        <div class="row">
          {types.types.length > 0 && (
            <div>
              <label for={`${id}-type`}>{t('wrapUp_type', group.crm)}</label>
              <select
                id={`${id}-type`}
                value={typeId}
                onChange={(event) => onChoose({ typeId: event.currentTarget.value })}
              >
                <option value="">{t('common_automatic')}</option>
                {types.types.map((type) => (
                  <option key={type.id} value={type.id}>
                    {type.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          {types.outcomes.length > 0 && (
            <div>
              <label for={`${id}-outcome`}>{t('wrapUp_outcome', group.crm)}</label>
              <select
                id={`${id}-outcome`}
                value={outcomeId}
                onChange={(event) => onChoose({ outcomeId: event.currentTarget.value })}
              >
                <option value="">{t('wrapUp_noOutcome')}</option>
                {types.outcomes.map((outcome) => (
                  <option key={outcome.id} value={outcome.id}>
                    {outcome.name}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
      )}
    </fieldset>
  );
}
