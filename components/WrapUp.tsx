import { useRef, useState } from 'preact/hooks';
import { formatDuration, parseDuration } from '../lib/call/duration';
import type { CallSession } from '../lib/call/session';
import { parseStartTime, toLocalInput } from '../lib/call/start-time';
import {
  type ActivityInput,
  type CallDirection,
  type CrmRecord,
  providerLabels,
  recordKey,
} from '../lib/crm/adapter';
import { type MessageKey, t } from '../lib/i18n';
import { MessageError, send } from '../lib/messaging';
import type { Draft } from '../lib/store/drafts';
import { defaultTypeFor, type LogChannel, logChannels, logDefaultsItem } from '../lib/store/log-defaults';
import { userMapItem } from '../lib/store/user-map';
import { CallTimeFields } from './CallTimeFields';
import { OutboxStatus } from './OutboxStatus';
import { StatusMessage } from './StatusMessage';
import { useActivityTypes } from './useActivityTypes';
import { useOutbox } from './useOutbox';
import { useStoredItem } from './useStoredItem';
import { useWrapUpDraft } from './useWrapUpDraft';
import { ConnectionChoices, chosenType, groupByConnection } from './WrapUpChoices';

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

export function WrapUp({
  session,
  records,
  onLogged,
}: {
  session: CallSession;
  records: CrmRecord[];
  onLogged: () => void;
}) {
  const { draft, draftRef, saver, update, choose, finish } = useWrapUpDraft(session);
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
        next[recordKey(record.ref)] = answer.item
          ? { itemId: answer.item.id }
          : { error: answer.error?.message ?? t('wrapUp_storeFailed') };
      });
      setResults(next);
      if (answers.every((answer) => answer.item)) {
        // Every log is in the outbox now, which keeps it until its CRM has it: the draft can go.
        await finish(current.channel);
        onLogged();
      }
    } catch (error) {
      // Not stored: the note stays in the form and in the draft.
      setFailure(error instanceof MessageError ? error.message : t('wrapUp_failed'));
    } finally {
      setBusy(false);
    }
  }

  const logged = records.filter((record) => results[recordKey(record.ref)]);

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
      <CallTimeFields
        duration={{
          id: 'duration',
          label: t('wrapUp_duration'),
          placeholder: '0:00',
          disabled: draft.channel !== 'call',
          value: draft.channel === 'call' ? durationText : '',
          error: errors.duration,
          onInput: (value) => update({ duration: value }),
        }}
        start={{
          id: 'wrap-time',
          label: t('wrapUp_time'),
          value: startText,
          error: errors.startedAt,
          onInput: (value) => update({ startedAt: value }),
        }}
      />

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
            const result = results[recordKey(record.ref)];
            const item = result?.itemId ? outbox.find((entry) => entry.id === result.itemId) : undefined;
            return (
              <li
                key={recordKey(record.ref)}
                data-record-id={record.ref.id}
                data-provider={record.ref.provider}
              >
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
