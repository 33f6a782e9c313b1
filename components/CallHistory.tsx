import { useState } from 'preact/hooks';
import { groupCalls, type HistoryCall, type HistoryLog, type LogState } from '../lib/call/history';
import { providerLabels } from '../lib/crm/adapter';
import { providers } from '../lib/crm/registry';
import { type MessageKey, t } from '../lib/i18n';
import { MessageError, send } from '../lib/messaging';
import { formatInternational } from '../lib/phone/normalize';
import { StatusMessage } from './StatusMessage';
import { useActivityTypes } from './useActivityTypes';
import { useOutbox } from './useOutbox';

/**
 * Recent calls, from the outbox: each with its log in each CRM record (waiting, in the CRM, or needing
 * attention) and a link to it. A delivered log can be edited where its CRM allows: the edit goes through
 * the outbox like any other write, and the text shown here changes once the CRM has it.
 */

const STATE_TEXT: Record<LogState, MessageKey> = {
  waiting: 'history_stateWaiting',
  sent: 'history_stateSent',
  attention: 'history_stateAttention',
};

function EditLog({ log, onDone }: { log: HistoryLog; onDone: () => void }) {
  const { provider, connectionId } = log.item;
  const crm = providerLabels[provider];
  const edits = providers[provider].activityEdits;
  const { types } = useActivityTypes(edits?.type || edits?.outcome ? [connectionId] : []);
  const known = types[connectionId];
  const [note, setNote] = useState(log.note);
  const [typeId, setTypeId] = useState('');
  const [outcomeId, setOutcomeId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const id = `edit-log-${log.item.id}`;
  // The types arrive after the form opens: the logged type is preselected once they do.
  const logged =
    known?.state === 'ok' && known.types.some((type) => type.id === log.typeId) ? log.typeId : '';
  const typeValue = typeId || logged || '';

  async function save() {
    setBusy(true);
    setError(undefined);
    try {
      await send('activity.update', {
        outboxItemId: log.item.id,
        note,
        ...(edits?.type && typeValue ? { typeId: typeValue } : {}),
        ...(edits?.outcome && outcomeId ? { outcomeId } : {}),
      });
      onDone();
    } catch (cause) {
      // Not queued: what was typed stays in the form.
      setError(cause instanceof MessageError ? cause.message : t('history_editNotSaved'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      aria-label={t('history_editFormLabel', crm)}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label for={`${id}-note`}>{t('history_loggedText')}</label>
      <textarea
        id={`${id}-note`}
        value={note}
        maxLength={20_000}
        onInput={(event) => setNote(event.currentTarget.value)}
      />
      {edits?.type && known?.state === 'ok' && known.types.length > 0 && (
        <>
          <label for={`${id}-type`}>{t('history_loggedAs')}</label>
          <select
            id={`${id}-type`}
            value={typeValue}
            onChange={(event) => setTypeId(event.currentTarget.value)}
          >
            <option value="">{t('history_keepType')}</option>
            {known.types.map((type) => (
              <option key={type.id} value={type.id}>
                {type.name}
              </option>
            ))}
          </select>
        </>
      )}
      {edits?.outcome && known?.state === 'ok' && known.outcomes.length > 0 && (
        <>
          <label for={`${id}-outcome`}>{t('common_outcome')}</label>
          <select
            id={`${id}-outcome`}
            value={outcomeId}
            onChange={(event) => setOutcomeId(event.currentTarget.value)}
          >
            <option value="">{t('history_keepOutcome')}</option>
            {known.outcomes.map((outcome) => (
              <option key={outcome.id} value={outcome.id}>
                {outcome.name}
              </option>
            ))}
          </select>
        </>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t('common_saving') : t('history_saveEdit')}
      </button>
      <button type="button" class="secondary" onClick={onDone}>
        {t('common_cancel')}
      </button>
      {error && <StatusMessage tone="error">{error}</StatusMessage>}
    </form>
  );
}

function HistoryLogRow({ log }: { log: HistoryLog }) {
  const [editing, setEditing] = useState(false);
  const { provider } = log.item;
  const crm = providerLabels[provider];
  const canEdit = providers[provider].capabilities.updateActivity;
  const pending = log.pendingEdit;
  return (
    <li data-outbox-id={log.item.id} data-state={log.state} data-provider={provider}>
      <div>
        <strong>{crm}</strong> · {log.item.label} ·{' '}
        <span data-testid="log-state">{t(STATE_TEXT[log.state])}</span>
        {log.link && (
          <>
            {' · '}
            <a href={log.link} target="_blank" rel="noreferrer noopener">
              {t('history_seeIn', crm)}
            </a>
          </>
        )}
      </div>
      <p class="history-note" data-testid="history-note">
        {log.note || t('history_noText')}
      </p>
      {pending && (
        <p class="muted" data-testid="edit-state">
          {pending.state === 'attention'
            ? t('history_editFailed', pending.lastError?.message ?? t('common_crmRefused', crm))
            : t('history_savingEdit', crm)}
        </p>
      )}
      {log.state === 'sent' &&
        !editing &&
        (canEdit ? (
          <button type="button" class="secondary" onClick={() => setEditing(true)}>
            {t('common_edit')}
          </button>
        ) : (
          <p class="muted">{t('history_cannotEdit', crm)}</p>
        ))}
      {editing && <EditLog log={log} onDone={() => setEditing(false)} />}
    </li>
  );
}

function CallEntry({ call }: { call: HistoryCall }) {
  const [error, setError] = useState<string>();
  const phone = call.phone;
  return (
    <li class="card" data-call-id={call.id}>
      <strong>{phone ? formatInternational(phone) : t('history_callHeading')}</strong>{' '}
      <span class="muted">· {new Date(call.at).toLocaleString()}</span>
      {phone && (
        <button
          type="button"
          class="secondary"
          onClick={() =>
            send('dial', { phone, source: 'panel' }).then(
              () => setError(undefined),
              (cause: unknown) =>
                setError(cause instanceof MessageError ? cause.message : t('common_dialFailed')),
            )
          }
        >
          {t('history_dialAgain')}
        </button>
      )}
      {error && <StatusMessage tone="error">{error}</StatusMessage>}
      <ul class="plain">
        {call.logs.map((log) => (
          <HistoryLogRow key={log.item.id} log={log} />
        ))}
      </ul>
    </li>
  );
}

export function CallHistory() {
  const calls = groupCalls(useOutbox());
  if (!calls.length) return null;
  return (
    <section aria-label={t('history_title')}>
      <h2>{t('history_title')}</h2>
      <ul class="plain">
        {calls.map((call) => (
          <CallEntry key={call.id} call={call} />
        ))}
      </ul>
    </section>
  );
}
