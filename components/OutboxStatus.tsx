import { providerLabels } from '../lib/crm/adapter';
import { webUrl } from '../lib/safe-url';
import type { OutboxItem } from '../lib/store/outbox';
import { StatusMessage } from './StatusMessage';

const time = (at: number | undefined) => (at ? new Date(at).toLocaleTimeString() : 'soon');

/** One log's delivery, in words: sending, sent (with a link), waiting to retry and why, or needs attention. */
export function OutboxStatus({ item }: { item: OutboxItem }) {
  const crm = providerLabels[item.provider];
  switch (item.state) {
    case 'sent': {
      const url = webUrl(item.result?.activity?.url);
      return (
        <StatusMessage tone="ok">
          Logged to {crm}.{' '}
          {url && (
            <a href={url} target="_blank" rel="noreferrer noopener">
              View in {crm}
            </a>
          )}
        </StatusMessage>
      );
    }
    case 'retry':
      return (
        <StatusMessage tone="info">
          Saved in Ringside; not in {crm} yet. {item.lastError?.message} Next try at{' '}
          {time(item.nextAttemptAt)}.
        </StatusMessage>
      );
    case 'attention':
      return (
        <StatusMessage tone="error">
          Not logged: {item.lastError?.message ?? `${crm} refused it.`} Fix it under “Waiting to be logged”.
        </StatusMessage>
      );
    default:
      return <StatusMessage tone="info">Sending to {crm}…</StatusMessage>;
  }
}
