import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Fuzzy phone matching (seed 004): `(020) 7946 0958`, `+44 20 7946 0958`, `0044 20 7946 0958` and
 * `2079460958` are one number. Stored numbers are free text in some CRMs, so matching never requires the
 * stored side to be valid E.164.
 */

/** Digits only, with full-width digits folded to ASCII. */
export function digitsOf(text: string): string {
  return text.normalize('NFKC').replace(/\D/g, '');
}

/** Turns international dialling prefixes (00, 011) into `+` so the number parses as international. */
function withPlus(raw: string): string {
  const folded = raw.normalize('NFKC').trim();
  if (folded.startsWith('+')) return folded;
  const digits = digitsOf(folded);
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  if (digits.startsWith('011')) return `+${digits.slice(3)}`;
  return folded;
}

/** E.164 for a number written in any common way, trying each country in turn; undefined if none fits. */
export function looseE164(raw: string, countries: readonly CountryCode[]): string | undefined {
  const international = withPlus(raw);
  if (international.startsWith('+')) {
    const parsed = parsePhoneNumberFromString(international);
    return parsed?.isValid() ? parsed.number : undefined;
  }
  for (const country of countries) {
    const parsed = parsePhoneNumberFromString(raw.normalize('NFKC'), country);
    if (parsed?.isValid()) return parsed.number;
  }
  return undefined;
}

/** The national significant number of an E.164 number ("+442079460958" → "2079460958"). */
export function nationalNumber(e164: string): string {
  return parsePhoneNumberFromString(e164)?.nationalNumber ?? digitsOf(e164);
}

export function countryOf(e164: string): CountryCode | undefined {
  return parsePhoneNumberFromString(e164)?.country;
}

/** Index key: the last seven digits, shared by every way of writing one number. */
export const TAIL_DIGITS = 7;
export function tailKey(text: string): string | undefined {
  const digits = digitsOf(text);
  return digits.length >= TAIL_DIGITS ? digits.slice(-TAIL_DIGITS) : undefined;
}

/**
 * Whether a stored number (as typed into the CRM) is the number `e164`. The stored text is read with the
 * caller's country first; when it is not a valid number at all, its digits must contain the national
 * number (a CRM that keeps "2079460958" or "020-7946-0958 ext" still matches).
 */
export function storedNumberMatches(e164: string, stored: string, defaultCountry: CountryCode): boolean {
  const country = countryOf(e164);
  const storedE164 = looseE164(stored, country ? [country, defaultCountry] : [defaultCountry]);
  if (storedE164) return storedE164 === e164;
  const national = nationalNumber(e164);
  if (national.length < TAIL_DIGITS) return false;
  const digits = digitsOf(stored);
  // Written internationally: the country code must be ours, then the national number (an extension may follow).
  if (withPlus(stored).startsWith('+')) return digitsOf(withPlus(stored)).startsWith(digitsOf(e164));
  return digits.includes(national);
}
