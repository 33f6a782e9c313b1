import { useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { MessageError, send } from '../lib/messaging';
import type { OutboxItem } from '../lib/store/outbox';
import { OutboxStatus } from './OutboxStatus';
import { StatusMessage } from './StatusMessage';
import { useOutbox } from './useOutbox';

function PendingLog({ item }: { item: OutboxItem }) {
  const note = item.op.type === 'log-activity' ? item.op.input.note : undefined;
  const [draft, setDraft] = useState(note ?? '');
  const [error, setError] = useState<string>();
  const act = (action: () => Promise<unknown>) =>
    action().then(
      () => setError(undefined),
      (cause: unknown) => setError(cause instanceof MessageError ? cause.message : t('common_didNotWork')),
    );

  return (
    <li class="card" data-outbox-id={item.id} data-state={item.state}>
      <strong>{item.label}</strong> <span class="muted">· {new Date(item.createdAt).toLocaleString()}</span>
      <OutboxStatus item={item} />
      {item.state === 'attention' && note !== undefined && (
        <>
          <label for={`edit-${item.id}`}>{t('common_note')}</label>
          <textarea
            id={`edit-${item.id}`}
            value={draft}
            onInput={(event) => setDraft(event.currentTarget.value)}
          />
        </>
      )}
      {item.state === 'attention' && note !== undefined && (
        <button type="button" onClick={() => act(() => send('outbox.edit', { id: item.id, note: draft }))}>
          {t('pending_resend')}
        </button>
      )}
      {item.state === 'retry' && (
        <button
          type="button"
          class="secondary"
          onClick={() => act(() => send('outbox.retry', { id: item.id }))}
        >
          {t('pending_retry')}
        </button>
      )}
      {item.state !== 'sending' && (
        <button
          type="button"
          class="secondary"
          onClick={() => act(() => send('outbox.discard', { id: item.id }))}
        >
          {t('pending_discard')}
        </button>
      )}
      {error && <StatusMessage tone="error">{error}</StatusMessage>}
    </li>
  );
}

/** Logs not yet in their CRM. Nothing leaves this list unless delivered or discarded by the recruiter. */
export function PendingLogs() {
  const pending = useOutbox().filter((item) => item.state !== 'sent');
  if (!pending.length) return null;
  return (
    <section aria-label={t('pending_title')}>
      <h2>{t('pending_heading', pending.length)}</h2>
      <ul class="plain">
        {pending.map((item) => (
          <PendingLog key={item.id} item={item} />
        ))}
      </ul>
    </section>
  );
}
