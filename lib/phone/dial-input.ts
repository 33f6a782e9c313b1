import {
  AsYouType,
  type CountryCode,
  getCountryCallingCode,
  Metadata,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from 'libphonenumber-js';
import metadata from 'libphonenumber-js/min/metadata';
import { type MessageKey, t } from '../i18n';
import { isCountryCode } from './normalize';

/**
 * The dialer's pure logic: what a typed or pasted number looks like, where the caret goes after
 * formatting, which country the number is in, and a sentence saying what is wrong with it. The
 * component (components/DialForm.tsx) only wires these to the input.
 */

/** Dashes, minus signs and odd spaces that pasted numbers carry; each maps to one ASCII character. */
const DASH = /[\u2010-\u2015\u2212\uFE58\uFE63]/;
const SPACE = /[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000\uFEFF]/;

/**
 * Folds full-width digits and plus, NBSPs, thin spaces and dashes to ASCII, one character for one, so a
 * caret position in the input stays valid after the fold.
 */
export function foldChars(text: string): string {
  return Array.from(text, (char) => {
    if (DASH.test(char)) return '-';
    if (SPACE.test(char)) return ' ';
    const folded = char.normalize('NFKC');
    // Full-width digits, plus and brackets fold to one ASCII character; anything longer stays as it was.
    return folded.length === 1 && folded.charCodeAt(0) < 128 ? folded : char;
  }).join('');
}

/** Digits and a `+`: the characters formatting never adds or removes. */
const isSignificant = (char: string) => /[\d+]/.test(char);

export function countSignificant(text: string): number {
  let count = 0;
  for (const char of text) if (isSignificant(char)) count++;
  return count;
}

/** The index just after the `count`th digit (or `+`) of `text`; 0 for 0. */
export function caretAfterSignificant(text: string, count: number): number {
  if (count <= 0) return 0;
  let seen = 0;
  for (let index = 0; index < text.length; index++) {
    if (isSignificant(text.charAt(index)) && ++seen === count) return index + 1;
  }
  return text.length;
}

/** Only digits, a leading `+` and the punctuation people write numbers with: safe to reformat. */
const PLAIN_NUMBER = /^\s*\+?[\d\s().\-/]*$/;

export function isPlainNumber(text: string): boolean {
  return PLAIN_NUMBER.test(text);
}

const EXTENSION = /\s*(?:;\s*ext=|,?\s*(?:ext\.?|extension|x|#)\s*)(\d{1,7})\s*$/i;

/**
 * Cleans text pasted into the dialer: a `tel:` or `callto:` URI (percent-encoded or not, with its
 * `;ext=` and other parameters), an "ext. 12" / "x12" / "#12" extension, full-width digits and odd
 * separators. The extension comes back on its own; the number part keeps the writer's grouping.
 */
export function cleanPasted(raw: string): { text: string; extension?: string } {
  let text = foldChars(raw).trim();
  const uri = /^(?:tel|callto|sip):(?:\/\/)?/i.exec(text);
  if (uri) {
    text = text.slice(uri[0].length);
    try {
      text = decodeURIComponent(text);
    } catch {
      // Not percent-encoded after all: keep it as written.
    }
    text = foldChars(text);
    // tel: parameters other than the extension (phone-context, isub) say nothing about the digits.
    const ext = /;\s*ext=(\d{1,7})/i.exec(text)?.[1];
    text = text.replace(/;.*$/, '').replace(/@.*$/, '');
    if (ext) return { text: text.trim().replace(/[-.]/g, ' '), extension: ext };
  }
  const match = EXTENSION.exec(text);
  if (match?.[1] && countSignificant(text.slice(0, match.index)) >= 6) {
    return { text: text.slice(0, match.index).trim(), extension: match[1] };
  }
  return { text: text.replace(/\s+/g, ' ') };
}

/** A country whose international prefix is 00, to read "0044 …" typed while a 011 country is chosen. */
const READS_00: CountryCode = 'DE';

export interface ReadNumber {
  /** The text formatted as you type. */
  text: string;
  /** Written with `+` or an international prefix (00, 011). */
  international: boolean;
  callingCode?: string;
  /** The number's own country once its digits tell (always the chosen one for a national number). */
  country?: CountryCode;
  nationalNumber: string;
}

/** Reads a plain number in `country`; "+…", "00…" and (for +1 countries) "011…" pick their own country. */
export function readNumber(text: string, country: CountryCode): ReadNumber {
  let reader = new AsYouType(country);
  let formatted = reader.input(text);
  if (!reader.isInternational() && /^\s*00/.test(text)) {
    reader = new AsYouType(READS_00);
    formatted = reader.input(text);
  }
  const international = reader.isInternational();
  const callingCode = reader.getCallingCode();
  const detected = reader.getCountry() ?? (international && callingCode ? mainCountry(callingCode) : country);
  return {
    text: formatted,
    international,
    ...(callingCode ? { callingCode } : {}),
    ...(detected ? { country: detected } : {}),
    nationalNumber: reader.getNationalNumber(),
  };
}

/** The main country of a calling code (+1 → US, +44 → GB), as libphonenumber lists it first. */
export function mainCountry(callingCode: string): CountryCode | undefined {
  const first = metadata.country_calling_codes[callingCode]?.[0];
  return first && isCountryCode(first) ? first : undefined;
}

export interface DialEdit {
  text: string;
  caret: number;
  /** Set when the digits name a country other than the chosen one (typed with + or 00). */
  country?: CountryCode;
}

/**
 * One input event: folds the characters, formats a plain number as you type and keeps the caret after
 * the same digit. A deletion that only removed formatting (a space, a bracket) removes the digit next to
 * it instead, so backspace is never stuck. Text with letters or an extension is left as typed.
 */
export function editDialInput(
  previous: string,
  raw: string,
  caret: number,
  country: CountryCode,
  inputType = 'insertText',
): DialEdit {
  let text = foldChars(raw);
  let at = Math.max(0, Math.min(caret, text.length));
  const deleting = inputType.startsWith('delete');
  if (deleting && countSignificant(text) === countSignificant(previous) && text.length < previous.length) {
    const backward = !inputType.endsWith('Forward');
    const index = backward ? lastSignificantBefore(text, at) : firstSignificantFrom(text, at);
    if (index >= 0) {
      text = text.slice(0, index) + text.slice(index + 1);
      if (backward) at = index;
    }
  }
  if (!isPlainNumber(text)) return { text, caret: at };
  const digitsBefore = countSignificant(text.slice(0, at));
  const read = readNumber(text, country);
  const next: DialEdit = { text: read.text, caret: caretAfterSignificant(read.text, digitsBefore) };
  // A caret at the start of a deletion stays at the start rather than jumping past a bracket.
  if (digitsBefore === 0) next.caret = 0;
  if (read.international && read.country && read.country !== country) next.country = read.country;
  return next;
}

function lastSignificantBefore(text: string, index: number): number {
  for (let i = index - 1; i >= 0; i--) if (isSignificant(text.charAt(i))) return i;
  return -1;
}

function firstSignificantFrom(text: string, index: number): number {
  for (let i = index; i < text.length; i++) if (isSignificant(text.charAt(i))) return i;
  return -1;
}

/**
 * The typed number re-read for a newly chosen country: its national digits (without a country code or
 * international prefix) formatted the new country's way.
 */
export function rereadForCountry(text: string, from: CountryCode, to: CountryCode): string {
  const folded = foldChars(text);
  if (!isPlainNumber(folded)) return folded;
  const read = readNumber(folded, from);
  const digits = read.international ? read.nationalNumber : folded.replace(/\D/g, '');
  return readNumber(digits, to).text;
}

export type DialProblem =
  | 'empty'
  | 'letters'
  | 'characters'
  | 'too-short'
  | 'too-long'
  | 'wrong-length'
  | 'invalid'
  | 'unknown-country-code';

export type DialCheck =
  | { ok: true; e164: string; country?: CountryCode; extension?: string }
  | { ok: false; problem: DialProblem; message: string };

const regionNames = (() => {
  try {
    return new Intl.DisplayNames([globalThis.navigator?.language ?? 'en', 'en'], { type: 'region' });
  } catch {
    return undefined;
  }
})();

/** "United Kingdom" for GB, in the browser's language. */
export function countryName(code: CountryCode): string {
  return regionNames?.of(code) ?? code;
}

/** "10", "9 or 10", "7, 9 or 10", "8 to 17". */
export function describeLengths(lengths: readonly number[]): string {
  const sorted = [...new Set(lengths)].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return '';
  if (sorted.length > 3 && last - first === sorted.length - 1)
    return t('dialInput_lengthsRange', first, last);
  if (sorted.length === 1) return String(first);
  return t('dialInput_lengthsOr', sorted.slice(0, -1).join(', '), last);
}

function possibleLengths(country: CountryCode): number[] {
  const plans = new Metadata();
  plans.selectNumberingPlan(country);
  return plans.numberingPlan?.possibleLengths() ?? [];
}

const fail = (problem: DialProblem, message: string): DialCheck => ({ ok: false, problem, message });

/**
 * Whether the dialer's text is a number Ringside can dial, and if not, a sentence that says what is
 * wrong: nothing typed, letters, stray characters, too short or too long for the country (with the
 * lengths it takes), not a number there, or a country code that does not exist.
 */
export function checkDialInput(raw: string, country: CountryCode, name = countryName): DialCheck {
  const { text, extension } = cleanPasted(raw);
  if (!/\d/.test(text) && !/\p{L}/u.test(text)) return fail('empty', t('phone_enterNumber'));
  const letters = text.match(/\p{L}+/gu);
  if (letters) return fail('letters', t('dialInput_letters', letters.join(' ')));
  if (!isPlainNumber(text)) {
    const stray = [...new Set(text.replace(/[\d\s().\-/]|^\s*\+/g, ''))].join('');
    return fail('characters', t('dialInput_characters', stray));
  }
  const read = readNumber(text, country);
  if (read.international && !read.callingCode) {
    const digits = text.replace(/\D/g, '').replace(/^(00|011)/, '');
    return digits.length >= 3
      ? fail('unknown-country-code', t('dialInput_unknownCode', digits.slice(0, 3)))
      : fail('too-short', t('dialInput_codeTooShort'));
  }
  const place = read.country ?? country;
  const where = read.country
    ? `${name(place)} (+${read.callingCode ?? getCountryCallingCode(place)})`
    : `+${read.callingCode}`;
  const digits = read.nationalNumber.length;
  const lengths = read.country ? describeLengths(possibleLengths(place)) : '';
  // The lengths count the national number: a trunk prefix typed before it ("0" in 020…) is named.
  const typed = read.international ? '' : text.replace(/\D/g, '');
  const prefix = typed.endsWith(read.nationalNumber) ? typed.slice(0, typed.length - digits) : '';
  const count = prefix
    ? t(digits === 1 ? 'dialInput_digitAfterPrefix' : 'dialInput_digitsAfterPrefix', digits, prefix)
    : t(digits === 1 ? 'dialInput_digit' : 'dialInput_digits', digits);
  /** One sentence per problem, with and without the lengths the country takes. */
  const lengthProblem = (problem: DialProblem, plain: MessageKey, withLengths: MessageKey) =>
    fail(problem, lengths ? t(withLengths, where, count, lengths) : t(plain, where, count));
  // "00 44 …" and "011 44 …" are read as the "+44 …" they mean.
  const written = read.international ? `+${read.callingCode}${read.nationalNumber}` : text;
  const length = validatePhoneNumberLength(written, country);
  if (length === 'TOO_SHORT' || length === 'NOT_A_NUMBER')
    return lengthProblem('too-short', 'dialInput_tooShort', 'dialInput_tooShortLengths');
  if (length === 'TOO_LONG')
    return lengthProblem('too-long', 'dialInput_tooLong', 'dialInput_tooLongLengths');
  if (length === 'INVALID_LENGTH')
    return lengthProblem('wrong-length', 'dialInput_wrongLength', 'dialInput_wrongLengthLengths');
  const parsed = parsePhoneNumberFromString(written, country);
  if (!parsed?.isValid()) return fail('invalid', t('dialInput_invalid', where));
  return {
    ok: true,
    e164: parsed.number,
    ...(parsed.country ? { country: parsed.country } : {}),
    ...(extension ? { extension } : {}),
  };
}
