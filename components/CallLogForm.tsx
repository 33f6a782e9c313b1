import { useEffect, useState } from 'preact/hooks';
import { formatDuration, parseDuration } from '../lib/call/duration';
import type { CallDirection, CrmRecord } from '../lib/crm/adapter';
import { MessageError, send } from '../lib/messaging';
import { FieldError } from './FieldError';
import { OutboxStatus } from './OutboxStatus';
import { StatusMessage } from './StatusMessage';
import { useOutbox } from './useOutbox';

/**
 * Call (tel: hand-off, timed here), then write the summary and log it. "Log call" stores the note in the
 * durable outbox before anything is sent; the form then follows that item's delivery.
 */
export function CallLogForm({
  phone,
  record,
  direction: initialDirection,
}: {
  phone: string;
  record: CrmRecord | undefined;
  direction: CallDirection;
}) {
  const [direction, setDirection] = useState<CallDirection>(initialDirection);
  const [startedAt, setStartedAt] = useState<number>();
  const [now, setNow] = useState(Date.now());
  const [duration, setDuration] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [loggedId, setLoggedId] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const logged = useOutbox().find((item) => item.id === loggedId);
  const inCall = startedAt !== undefined && duration === '';

  useEffect(() => {
    if (!inCall) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [inCall]);

  async function log() {
    if (!record) return;
    const parsed = parseDuration(inCall ? formatDuration((Date.now() - (startedAt ?? 0)) / 1000) : duration);
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
    } catch (error) {
      // Not even stored: the note stays in the form.
      setFailure(error instanceof MessageError ? error.message : 'The call was not logged.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-label="Call">
      <div>
        <a
          class="button"
          href={`tel:${phone}`}
          onClick={() => {
            setStartedAt(Date.now());
            setDuration('');
            setLoggedId(undefined);
          }}
        >
          Call
        </a>
        {inCall && (
          <button
            type="button"
            class="secondary"
            onClick={() => setDuration(formatDuration((Date.now() - startedAt) / 1000))}
          >
            Call ended ({formatDuration((now - startedAt) / 1000)})
          </button>
        )}
      </div>

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
            placeholder={inCall ? 'timing…' : '0:00'}
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
