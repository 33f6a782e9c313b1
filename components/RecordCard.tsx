import { type CrmRecord, providerLabels } from '../lib/crm/adapter';
import { formatInternational } from '../lib/phone/normalize';
import { webUrl } from '../lib/safe-url';

/** One CRM record. Every field is CRM data, so it is rendered as text only. */
export function RecordCard({
  record,
  selected,
  onSelect,
  multiple = false,
}: {
  record: CrmRecord;
  selected: boolean;
  onSelect: () => void;
  multiple?: boolean;
}) {
  return (
    <li class={`card${selected ? ' selected' : ''}`} data-record-id={record.ref.id}>
      <label class="row" style={{ fontWeight: 'normal', margin: 0 }}>
        <input
          type={multiple ? 'checkbox' : 'radio'}
          name="record"
          style={{ flex: '0 0 auto' }}
          checked={selected}
          onChange={onSelect}
        />
        <span>
          <strong data-testid="record-name">{record.name}</strong>
          {record.title && <span class="muted"> · {record.title}</span>}
          {record.company && <div data-testid="record-company">{record.company}</div>}
        </span>
      </label>
      <ul class="plain muted">
        {record.phones.map((phone) => (
          <li key={phone.raw}>
            {phone.e164 ? formatInternational(phone.e164) : phone.raw}
            {phone.type ? ` (${phone.type})` : ''}
            {!phone.e164 && <span class="needs-cleanup"> · needs cleanup</span>}
          </li>
        ))}
        {record.emails.map((email) => (
          <li key={email}>{email}</li>
        ))}
      </ul>
      {webUrl(record.url) && (
        <a href={webUrl(record.url)} target="_blank" rel="noreferrer noopener">
          Open in {providerLabels[record.ref.provider]}
        </a>
      )}
    </li>
  );
}
