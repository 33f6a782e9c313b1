import type { CountryCode } from 'libphonenumber-js';
import { useId, useState } from 'preact/hooks';
import type { CrmRecord, PhoneEntry } from '../lib/crm/adapter';
import { MessageError, send } from '../lib/messaging';
import { correctNumber } from '../lib/phone/cleanup';
import { CountrySelect, countryName } from './CountrySelect';
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
      setFailure(error instanceof MessageError ? error.message : `${crmLabel} was not updated.`);
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <button
        type="button"
        class="secondary small"
        aria-label={`Fix ${phone.raw}`}
        onClick={() => setOpen(true)}
      >
        Fix
      </button>
    );
  }
  return (
    <fieldset class="cleanup" aria-label={`Fix ${phone.raw}`}>
      <p class="cleanup-warning" role="note">
        “{phone.raw}” is not a complete international number, so it cannot be dialled or matched reliably.
      </p>
      <label for={`${id}-country`}>Country it was written in</label>
      <CountrySelect id={`${id}-country`} value={country} onChange={setCountry} />
      {correction.ok ? (
        <p data-testid="cleanup-preview">
          Becomes <strong>{correction.international}</strong> <span class="muted">({correction.e164})</span>
        </p>
      ) : (
        <p class="field-error" data-testid="cleanup-problem">
          {correction.reason}
        </p>
      )}
      {canUpdate ? (
        <button type="button" disabled={!correction.ok || busy} onClick={() => void update()}>
          {busy ? 'Updating…' : 'Update in CRM'}
        </button>
      ) : (
        <p class="muted">{crmLabel} cannot update records from Ringside; correct the number there.</p>
      )}
      <button type="button" class="secondary" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {failure && <StatusMessage tone="error">{failure}</StatusMessage>}
    </fieldset>
  );
}
