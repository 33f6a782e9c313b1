import type { CountryCode } from 'libphonenumber-js';
import { useId, useState } from 'preact/hooks';
import type { CrmRecord, ProviderId } from '../lib/crm/adapter';
import { connectionLabel } from '../lib/crm/connection-label';
import { type NewRecordForm, newRecordFormSchema, splitName } from '../lib/crm/new-record-form';
import { type MessageKey, t } from '../lib/i18n';
import { MessageError, send } from '../lib/messaging';
import { formatInternational } from '../lib/phone/normalize';
import type { ProviderAbilities } from '../lib/protocol';
import type { Connection } from '../lib/store/connections';
import { fieldErrors } from '../lib/validation';
import { FieldError } from './FieldError';
import { StatusMessage } from './StatusMessage';

/** Where a CRM's own field errors show in this form. */
const CRM_FIELDS: Record<string, keyof NewRecordForm> = {
  phones: 'phone',
  emails: 'email',
  name: 'firstName',
  firstName: 'firstName',
  lastName: 'lastName',
  company: 'company',
  title: 'title',
  kind: 'kind',
};

function initialForm(
  subject: { phone: string } | { email: string },
  connectionId: string,
  known: CrmRecord | undefined,
): NewRecordForm {
  const name = known && !known.name.startsWith('(') ? splitName(known.name) : { firstName: '', lastName: '' };
  return {
    connectionId,
    kind: '',
    ...name,
    company: known?.company ?? '',
    title: known?.title ?? '',
    email: 'email' in subject ? subject.email : (known?.emails[0] ?? ''),
    phone: 'phone' in subject ? formatInternational(subject.phone) : (known?.phones[0]?.e164 ?? ''),
  };
}

/**
 * A record for a caller no CRM knows (or one not yet in this CRM): prefilled with the number or address and
 * whatever another CRM already knows. Nothing typed is lost when the form or the CRM refuses it.
 */
export function CreateRecordForm({
  subject,
  connections,
  abilities,
  defaultCountry,
  known,
  preferred,
  onCreated,
  onCancel,
}: {
  subject: { phone: string } | { email: string };
  /** Connections whose CRM can create records. */
  connections: Connection[];
  abilities: Record<ProviderId, ProviderAbilities>;
  defaultCountry: CountryCode;
  /** A match from another CRM, to prefill the name, company, title and the other contact detail. */
  known: CrmRecord | undefined;
  /** The connection offered first (one where nothing matched). */
  preferred: string | undefined;
  onCreated: (record: CrmRecord) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const [form, setForm] = useState<NewRecordForm>(() =>
    initialForm(subject, preferred ?? connections[0]?.id ?? '', known),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const connection = connections.find((item) => item.id === form.connectionId);
  const kinds = connection ? abilities[connection.provider].recordKinds : [];

  const set = (field: keyof NewRecordForm) => (event: { currentTarget: { value: string } }) =>
    setForm({ ...form, [field]: event.currentTarget.value });

  async function submit() {
    const parsed = newRecordFormSchema({
      defaultCountry,
      requireName: connection?.provider === 'entity-crm',
    }).safeParse(form);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setFailure(undefined);
    setBusy(true);
    try {
      const { record } = await send('record.create', parsed.data);
      onCreated(record);
    } catch (error) {
      // The form keeps everything typed; the CRM's sentence says what to change.
      const message = error instanceof MessageError ? error : undefined;
      setFailure(message?.message ?? t('create_failed'));
      const mapped: Record<string, string> = {};
      for (const [field, text] of Object.entries(message?.fieldErrors ?? {})) {
        const local = CRM_FIELDS[field];
        if (local) mapped[local] = text;
      }
      setErrors(mapped);
    } finally {
      setBusy(false);
    }
  }

  const field = (name: keyof NewRecordForm, label: MessageKey, type = 'text') => (
    <div>
      <label for={`${id}-${name}`}>{t(label)}</label>
      <input
        id={`${id}-${name}`}
        type={type}
        value={form[name]}
        maxLength={name === 'email' ? 320 : 256}
        aria-invalid={errors[name] ? 'true' : 'false'}
        aria-describedby={`${id}-${name}-error`}
        onInput={set(name)}
      />
      <FieldError id={`${id}-${name}-error`} text={errors[name]} />
    </div>
  );

  return (
    <form
      aria-label={t('create_title')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div class="row">
        <div>
          <label for={`${id}-connection`}>{t('create_in')}</label>
          <select
            id={`${id}-connection`}
            value={form.connectionId}
            onChange={(event) => setForm({ ...form, connectionId: event.currentTarget.value, kind: '' })}
          >
            {connections.map((item) => (
              <option key={item.id} value={item.id}>
                {connectionLabel(item)}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-connectionId-error`} text={errors.connectionId} />
        </div>
        {kinds.length > 1 && (
          <div>
            <label for={`${id}-kind`}>{t('create_kind')}</label>
            <select id={`${id}-kind`} value={form.kind || kinds[0]?.id} onChange={set('kind')}>
              {kinds.map((kind) => (
                <option key={kind.id} value={kind.id}>
                  {kind.label}
                </option>
              ))}
            </select>
            <FieldError id={`${id}-kind-error`} text={errors.kind} />
          </div>
        )}
      </div>
      <div class="row">
        {field('firstName', 'create_firstName')}
        {field('lastName', 'create_lastName')}
      </div>
      <div class="row">
        {field('company', 'create_company')}
        {field('title', 'create_jobTitle')}
      </div>
      {field('phone', 'create_phone', 'tel')}
      {field('email', 'create_email', 'email')}
      <button type="submit" disabled={busy || !connection}>
        {busy
          ? t('create_creating')
          : connection
            ? t('create_submit', abilities[connection.provider].label)
            : t('create_submitNoCrm')}
      </button>
      {onCancel && (
        <button type="button" class="secondary" onClick={onCancel}>
          {t('common_cancel')}
        </button>
      )}
      {failure && <StatusMessage tone="error">{failure}</StatusMessage>}
    </form>
  );
}
