import type { CountryCode } from 'libphonenumber-js';
import { useId, useState } from 'preact/hooks';
import type { CrmRecord, PhoneEntry } from '../lib/crm/adapter';
import { t } from '../lib/i18n';
import { MessageError, send } from '../lib/messaging';
import { correctNumber } from '../lib/phone/cleanup';
import { countryName } from '../lib/phone/dial-input';
import { CountryPicker } from './CountryPicker';
import { tNodes } from './i18n-ui';
import { StatusMessage } from './StatusMessage';

/**
 * Seed 004's number cleanup: the recruiter picks the country a stored number was written in, sees the number
 * it becomes, and confirms; only that number changes in the CRM. `canUpdate` is false where the CRM cannot
 * update records from Ringside.
 */
export function PhoneCleanup({
  record,
  phone,
  defaultCountry,
  canUpdate,
  crmLabel,
  onUpdated,
}: {
  record: CrmRecord;
  phone: PhoneEntry;
  defaultCountry: CountryCode;
  canUpdate: boolean;
  crmLabel: string;
  onUpdated: (record: CrmRecord) => void;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [country, setCountry] = useState(defaultCountry);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const correction = correctNumber(phone.raw, country, countryName(country));

  async function update() {
    if (!correction.ok) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const { record: updated } = await send('record.cleanupPhone', {
        ref: record.ref,
        raw: phone.raw,
        ...(phone.field ? { field: phone.field } : {}),
        e164: correction.e164,
      });
      setOpen(false);
      onUpdated(updated);
    } catch (error) {
      // The picker stays as it was, so trying again is one click.
      setFailure(error instanceof MessageError ? error.message : t('cleanup_failed', crmLabel));
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <button
        type="button"
        class="secondary small"
        aria-label={t('cleanup_fixLabel', phone.raw)}
        onClick={() => setOpen(true)}
      >
        {t('cleanup_fix')}
      </button>
    );
  }
  return (
    <fieldset class="cleanup" aria-label={t('cleanup_fixLabel', phone.raw)}>
      <p class="cleanup-warning" role="note">
        {t('cleanup_warning', phone.raw)}
      </p>
      <label for={`${id}-country`}>{t('cleanup_country')}</label>
      <CountryPicker id={`${id}-country`} value={country} onChange={setCountry} />
      {correction.ok ? (
        <p data-testid="cleanup-preview">
          {tNodes(
            'cleanup_preview',
            <strong>{correction.international}</strong>,
            <span class="muted">({correction.e164})</span>,
          )}
        </p>
      ) : (
        <p class="field-error" data-testid="cleanup-problem">
          {correction.reason}
        </p>
      )}
      {canUpdate ? (
        <button type="button" disabled={!correction.ok || busy} onClick={() => void update()}>
          {busy ? t('cleanup_updating') : t('cleanup_update')}
        </button>
      ) : (
        <p class="muted">{t('cleanup_cannotUpdate', crmLabel)}</p>
      )}
      <button type="button" class="secondary" onClick={() => setOpen(false)}>
        {t('common_cancel')}
      </button>
      {failure && <StatusMessage tone="error">{failure}</StatusMessage>}
    </fieldset>
  );
}
