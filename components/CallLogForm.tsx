import { useEffect, useState } from 'preact/hooks';
import { formatDuration, parseDuration } from '../lib/call/duration';
import type { CallDirection, CrmRecord } from '../lib/crm/adapter';
import { MessageError, send } from '../lib/messaging';
import { FieldError } from './FieldError';
import { OutboxStatus } from './OutboxStatus';
import { StatusMessage } from './StatusMessage';
import { useOutbox } from './useOutbox';

/**
 * Write the call's summary and log it; the call itself (and its timing) is CallControls'. "Log call"
 * stores the note in the durable outbox before anything is sent; the form then follows that item's
 * delivery.
 */
export function CallLogForm({
  phone,
  record,
  direction: sessionDirection,
  durationSec,
  startedAt,
  onLogged,
}: {
  phone: string;
  record: CrmRecord | undefined;
  direction: CallDirection;
  /** The timed (or entered) duration, once the call is over. */
  durationSec?: number | undefined;
  startedAt?: number | undefined;
  onLogged?: () => void;
}) {
  const [direction, setDirection] = useState<CallDirection>(sessionDirection);
  const [duration, setDuration] = useState(durationSec === undefined ? '' : formatDuration(durationSec));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [loggedId, setLoggedId] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const logged = useOutbox().find((item) => item.id === loggedId);

  // The session's values arrive when the call ends; a note typed during the call stays.
  useEffect(() => {
    if (durationSec !== undefined) setDuration(formatDuration(durationSec));
  }, [durationSec]);
  useEffect(() => setDirection(sessionDirection), [sessionDirection]);

  async function log() {
    if (!record) return;
    const parsed = parseDuration(duration);
    if ('error' in parsed) {
      setErrors({ duration: parsed.error });
      return;
    }
    setErrors({});
    setBusy(true);
    setFailure(undefined);
    try {
      const activityAt = new Date(startedAt ?? Date.now() - parsed.seconds * 1000).toISOString();
      const { item } = await send('call.log', {
        label: `Call with ${record.name}`,
        input: {
          channel: 'call',
          record: record.ref,
          direction,
          durationSec: parsed.seconds,
          phone,
          note,
          activityAt,
        },
      });
      // From here the outbox holds the note: clearing the form loses nothing.
      setLoggedId(item.id);
      setNote('');
      onLogged?.();
    } catch (error) {
      // Not even stored: the note stays in the form.
      setFailure(error instanceof MessageError ? error.message : 'The call was not logged.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-label="Call">
      <h2>Log the call</h2>
      {!record && <p class="muted">Choose the record this call belongs to.</p>}
      <div class="row">
        <div>
          <label for="direction">Direction</label>
          <select
            id="direction"
            value={direction}
            onChange={(event) => setDirection(event.currentTarget.value as CallDirection)}
          >
            <option value="outbound">Outbound</option>
            <option value="inbound">Inbound</option>
          </select>
        </div>
        <div>
          <label for="duration">Duration (m:ss)</label>
          <input
            id="duration"
            type="text"
            inputMode="numeric"
            placeholder="0:00"
            value={duration}
            aria-invalid={errors.duration ? 'true' : 'false'}
            aria-describedby="duration-error"
            onInput={(event) => setDuration(event.currentTarget.value)}
          />
        </div>
      </div>
      <FieldError id="duration-error" text={errors.duration} />
      <label for="note">Note</label>
      <textarea
        id="note"
        value={note}
        maxLength={20_000}
        onInput={(event) => setNote(event.currentTarget.value)}
      />
      <button type="button" disabled={!record || busy} onClick={() => void log()}>
        {busy ? 'Logging…' : 'Log call'}
      </button>
      {logged && <OutboxStatus item={logged} />}
      {failure && <StatusMessage tone="error">{failure}</StatusMessage>}
    </section>
  );
}
