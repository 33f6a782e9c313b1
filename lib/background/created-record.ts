import type { CountryCode } from 'libphonenumber-js';
import type { CrmAdapter, CrmRecord, NewRecord } from '../crm/adapter';
import { toE164 } from '../phone/normalize';

/** A name as a reader compares it: letter case and runs of spaces aside. */
const comparable = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase();

/**
 * After a create whose answer was lost (a timeout, a dropped connection, a garbled reply), the record the
 * CRM may have made anyway: searched for by the new record's first number, then its first email, and
 * accepted only with the same name (and kind, when one was asked for), so a record that was there before
 * is never taken for the new one. Undefined when the CRM cannot be searched, the new record has no name to
 * tell it by, or nothing matches.
 */
export async function findCreatedRecord(
  adapter: CrmAdapter,
  input: NewRecord,
  defaultCountry: CountryCode,
): Promise<CrmRecord | undefined> {
  const name = comparable([input.firstName, input.lastName].filter(Boolean).join(' '));
  if (!adapter.search || !name) return undefined;
  const phone = input.phones[0] ? toE164(input.phones[0].number, defaultCountry) : undefined;
  const email = input.emails[0];
  for (const query of [phone ? { phone } : undefined, email ? { email } : undefined]) {
    if (!query) continue;
    const found = (await adapter.search(query)).find(
      (record) => comparable(record.name) === name && (!input.kind || record.ref.kind === input.kind),
    );
    if (found) return found;
  }
  return undefined;
}
