import { providerLabels } from '../lib/crm/adapter';
import { t } from '../lib/i18n';
import { webUrl } from '../lib/safe-url';
import type { OutboxItem } from '../lib/store/outbox';
import { StatusMessage } from './StatusMessage';

const time = (at: number | undefined) => (at ? new Date(at).toLocaleTimeString() : t('outbox_soon'));

/** One log's delivery, in words: sending, sent (with a link), waiting to retry and why, or needs attention. */
export function OutboxStatus({ item }: { item: OutboxItem }) {
  const crm = providerLabels[item.provider];
  switch (item.state) {
    case 'sent': {
      const url = webUrl(item.result?.activity?.url);
      return (
        <StatusMessage tone="ok">
          {t('outbox_logged', crm)}{' '}
          {url && (
            <a href={url} target="_blank" rel="noreferrer noopener">
              {t('outbox_view', crm)}
            </a>
          )}
        </StatusMessage>
      );
    }
    case 'retry':
      return (
        <StatusMessage tone="info">
          {t('outbox_retry', crm, item.lastError?.message ?? '', time(item.nextAttemptAt))}
        </StatusMessage>
      );
    case 'attention':
      return (
        <StatusMessage tone="error">
          {t('outbox_attention', item.lastError?.message ?? t('common_crmRefused', crm))}
        </StatusMessage>
      );
    default:
      return <StatusMessage tone="info">{t('outbox_sending', crm)}</StatusMessage>;
  }
}
