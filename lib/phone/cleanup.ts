import {
  type CountryCode,
  getCountryCallingCode,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from 'libphonenumber-js';
import { t } from '../i18n';

/** A stored number read in a chosen country: its E.164 and international forms, or why it cannot be. */
export type Correction = { ok: true; e164: string; international: string } | { ok: false; reason: string };

/**
 * Reads a number the CRM stores as free text in the country the recruiter picked (seed 004: "often just
 * picking the right country code"). A number written with a + or 00 carries its own country code.
 */
export function correctNumber(raw: string, country: CountryCode, countryName: string): Correction {
  const text = raw.trim();
  const where = `${countryName} (+${getCountryCallingCode(country)})`;
  const international = /^(\+|00)/.test(text.replace(/[\s().-]/g, ''));
  const prepared = text.replace(/^([\s(]*)00/, '$1+');
  const parsed = parsePhoneNumberFromString(prepared, country);
  if (parsed?.isValid())
    return { ok: true, e164: parsed.number, international: parsed.formatInternational() };
  const problem = validatePhoneNumberLength(prepared, country);
  if (problem === 'NOT_A_NUMBER' || !/\d/.test(text))
    return { ok: false, reason: t('numberFix_notNumber', text) };
  if (problem === 'INVALID_COUNTRY') return { ok: false, reason: t('numberFix_noSuchCode', text) };
  if (international) {
    return {
      ok: false,
      reason: t('numberFix_hasCode', text, parsed?.countryCallingCode ?? '?'),
    };
  }
  if (problem === 'TOO_SHORT') return { ok: false, reason: t('numberFix_tooShort', text, where) };
  if (problem === 'TOO_LONG') return { ok: false, reason: t('numberFix_tooLong', text, where) };
  if (problem === 'INVALID_LENGTH') return { ok: false, reason: t('numberFix_wrongLength', text, where) };
  return { ok: false, reason: t('numberFix_invalid', text, where) };
}
