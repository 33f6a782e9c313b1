import type { ComponentChildren } from 'preact';
import { type CrmRecord, type PhoneEntry, providerLabels } from '../lib/crm/adapter';
import { t } from '../lib/i18n';
import { formatInternational } from '../lib/phone/normalize';
import { absoluteTime, relativeTime } from '../lib/relative-time';
import { webUrl } from '../lib/safe-url';
import { tNodes, uiLocale } from './i18n-ui';

/**
 * One CRM record: a checkbox to choose it (a call can be logged to several), who it is, which CRM, the
 * last activity, its numbers and addresses, and a link into the CRM. Every field is CRM data, rendered as
 * text only. `phoneExtra` adds to a phone's line (the screen pop's cleanup).
 */
export function RecordCard({
  record,
  selected,
  onToggle,
  phoneExtra,
  children,
}: {
  record: CrmRecord;
  selected: boolean;
  onToggle: (selected: boolean) => void;
  phoneExtra?: (phone: PhoneEntry) => ComponentChildren;
  children?: ComponentChildren;
}) {
  const crm = providerLabels[record.ref.provider];
  const lastActivity = record.lastActivityAt
    ? relativeTime(record.lastActivityAt, Date.now(), uiLocale())
    : undefined;
  return (
    <li
      class={`card${selected ? ' selected' : ''}`}
      data-record-id={record.ref.id}
      data-provider={record.ref.provider}
    >
      <label class="record-pick">
        <input
          type="checkbox"
          checked={selected}
          onChange={(event) => onToggle(event.currentTarget.checked)}
        />
        <span>
          <strong data-testid="record-name">{record.name}</strong>
          {record.title && <span class="muted"> · {record.title}</span>}
          {record.company && <div data-testid="record-company">{record.company}</div>}
        </span>
      </label>
      <div class="muted record-meta">
        <span data-testid="record-crm">{crm}</span>
        {lastActivity && record.lastActivityAt && (
          <span>
            {' · '}
            {tNodes(
              'record_lastActivity',
              <time
                dateTime={record.lastActivityAt}
                title={absoluteTime(record.lastActivityAt, uiLocale())}
                data-testid="record-last-activity"
              >
                {lastActivity}
              </time>,
            )}
          </span>
        )}
      </div>
      <ul class="plain muted">
        {record.phones.map((phone) => (
          <li key={`${phone.field ?? ''}:${phone.raw}`}>
            {phone.e164 ? formatInternational(phone.e164) : phone.raw}
            {phone.type ? ` (${phone.type})` : ''}
            {!phone.e164 && <span class="needs-cleanup"> · {t('record_needsCleanup')}</span>}
            {phoneExtra?.(phone)}
          </li>
        ))}
        {record.emails.map((email) => (
          <li key={email}>{email}</li>
        ))}
      </ul>
      {webUrl(record.url) && (
        <a href={webUrl(record.url)} target="_blank" rel="noreferrer noopener">
          {t('record_open', crm)}
        </a>
      )}
      {children}
    </li>
  );
}
