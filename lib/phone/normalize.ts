import { type CountryCode, getCountries, parsePhoneNumberFromString } from 'libphonenumber-js';

const countries = new Set<string>(getCountries());

export function isCountryCode(value: string): value is CountryCode {
  return countries.has(value);
}

/** E.164 for a number as typed or stored, or undefined when it is not a valid number. */
export function toE164(raw: string, defaultCountry?: CountryCode): string | undefined {
  const parsed = parsePhoneNumberFromString(raw, defaultCountry);
  return parsed?.isValid() ? parsed.number : undefined;
}

/** "+1 415-555-2671" style display of an E.164 number; falls back to the input. */
export function formatInternational(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** The region of a BCP 47 locale ("en-GB" → "GB") when it is a country libphonenumber knows. */
export function countryFromLocale(locale: string | undefined, fallback: CountryCode = 'US'): CountryCode {
  const region = locale?.split(/[-_]/).find((part, index) => index > 0 && /^[A-Za-z]{2}$/.test(part));
  const upper = region?.toUpperCase();
  return upper && isCountryCode(upper) ? upper : fallback;
}
