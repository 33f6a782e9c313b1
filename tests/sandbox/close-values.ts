import { createHash } from 'node:crypto';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { ClosePhone } from './close-model';

/** How Close's values look on the wire: prefixed ids, microsecond timestamps, normalized phones. */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A Close-looking id (`lead_` + 43 base62 characters) derived from a seed string, so seeds are stable. */
export function closeId(prefix: string, seed: string): string {
  let value = BigInt(`0x${createHash('sha256').update(`${prefix}:${seed}`).digest('hex')}`);
  let out = '';
  for (let i = 0; i < 43; i++) {
    out += BASE62[Number(value % 62n)];
    value /= 62n;
  }
  return `${prefix}_${out}`;
}

/** Close writes timestamps as "2013-02-20T05:30:24.844000+00:00" (microseconds, explicit offset). */
export function closeTimestamp(date: Date): string {
  return date.toISOString().replace('Z', '000+00:00');
}

/** ISO 8601 date-time with a time part; a bare date is not a date-time for Close's schemas. */
export function parseDateTime(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(value))
    return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Close's stored form of a phone: E.164 plus "+1 415-555-2671" style `phone_formatted` (dashes within the
 * national number for NANP, libphonenumber's international format elsewhere). Numbers without a `+` are read
 * as US numbers: Close's choice of default country is UNCONFIRMED, US matches its documented example.
 */
export function closePhone(
  raw: string,
  type: string,
  defaultCountry: CountryCode = 'US',
): ClosePhone | undefined {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry);
  if (!parsed?.isValid()) return undefined;
  const national = parsed.nationalNumber;
  const phoneFormatted =
    parsed.countryCallingCode === '1' && national.length === 10
      ? `+1 ${national.slice(0, 3)}-${national.slice(3, 6)}-${national.slice(6)}`
      : parsed.formatInternational();
  return { phone: parsed.number, phone_formatted: phoneFormatted, type, country: parsed.country ?? null };
}

/** The national display form, e.g. "(415) 555-0132", as many CRM pages show numbers. */
export function nationalFormat(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatNational() ?? e164;
}
