import type { CountryCode } from 'libphonenumber-js/min';
import { isAsciiWordChar, normalizedChar } from './chars';
import { addIbanRanges, isBarrier, isEmbedded, isNumberTrap } from './detect-traps';
import { cachedParse, numberKey, rememberParse } from './parse-cache';
import { EMAIL_TLDS } from './tlds';
import { validNumber } from './valid';

export { clearParseCache } from './parse-cache';

export interface ContactMatch {
  kind: 'phone' | 'email';
  /** Offset of the first matched character in the text. */
  start: number;
  /** Offset just past the match. For phones it includes a trailing extension ("415-555-2671 ext. 12"). */
  end: number;
  /** E.164 for phones (extension dropped), the lower-cased address for emails. */
  value: string;
}

export interface FindContactsOptions {
  defaultCountry: CountryCode;
}

export interface PhoneMatch {
  start: number;
  end: number;
  /** E.164, extension dropped. */
  value: string;
}

/**
 * Countries whose national numbers are always written with the trunk `0` (030 901820, 020 7946 0958,
 * 01 23 45 67 89). A national-looking run without it ("12345678") is an id or an amount, not a number;
 * these numbering plans are permissive enough that the parser alone would accept it.
 */
const TRUNK_ZERO = new Set<string>([
  'AT',
  'AU',
  'BE',
  'CH',
  'DE',
  'FI',
  'FR',
  'GB',
  'IE',
  'IL',
  'JP',
  'KR',
  'NL',
  'NZ',
  'SE',
  'TR',
  'ZA',
]);

function normalize(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index++)
    out += normalizedChar(text.charCodeAt(index)) ?? text[index];
  return out;
}

/** Seven digits with at most three other characters between each: anything shorter is never a number. */
const SEVEN_DIGITS = /[0-9\uff10-\uff19](?:[^0-9\uff10-\uff19\n]{0,3}[0-9\uff10-\uff19]){6}/;

// What one pass over a text found (see `scanText`).
const HAS_AT = 1;
/** SEVEN_DIGITS matches. */
const SEVEN_CLOSE = 2;
/** Seven digits at most four characters apart, the most a candidate run allows (`) - `). */
const SEVEN_RUN = 4;
const HAS_UNUSUAL = 8;
/** Two capitals and two digits in a row (after normalizing): an IBAN may be there. */
const MAY_HOLD_IBAN = 16;

/**
 * One pass over the text for everything findContacts decides up front, instead of a regex each.
 * Full-width digits count as digits, as they will once normalized.
 */
function scanText(text: string): number {
  let flags = 0;
  let close = 0;
  let run = 0;
  let gap = 0;
  let capitals = 0;
  let ibanDigits = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xa0 && normalizedChar(code) !== undefined) flags |= HAS_UNUSUAL;
    if ((code >= 48 && code <= 57) || (code >= 0xff10 && code <= 0xff19)) {
      close = close > 0 && gap <= 3 ? close + 1 : 1;
      run = run > 0 && gap <= 4 ? run + 1 : 1;
      gap = 0;
      if (close >= 7) flags |= SEVEN_CLOSE;
      if (run >= 7) flags |= SEVEN_RUN;
      if (capitals >= 2) {
        if (++ibanDigits >= 2) flags |= MAY_HOLD_IBAN;
      } else capitals = 0;
      continue;
    }
    if (code === 10) {
      close = 0;
      run = 0;
    }
    gap++;
    if (code >= 65 && code <= 90) capitals = ibanDigits > 0 ? 1 : capitals + 1;
    else capitals = 0;
    ibanDigits = 0;
    if (code === 64) flags |= HAS_AT;
  }
  return flags;
}

/**
 * A run of digit groups: optional `+` or `(` / `(+` in front, groups joined by one space, a dash or
 * dot (spaces allowed around them), a slash, or brackets ("(415) 555-2671", "+44 (0) 20 …").
 * " / " and commas end a run, so "030 901820 / 0151 23456789" are two. A regex, not a char loop: it
 * runs as native code from its second use on, where a loop would spend a cold page's first pass in
 * the interpreter.
 */
const CANDIDATE = /(?:\+ ?|\(\+?)?\d+(?:(?: ?[-.] ?| |\/|\) ?-? ?| ?\()\d+)*\)?/g;

/** "ext. 12", "ext 12", "extension 12", "x12", "x 12", "#12", optionally after a comma. */
const EXTENSION = /^,? ?(?:(?:ext(?:ension)?|extn)\.?:? ?|x ?|# ?)\d{1,7}(?!\d)/i;

// The space-separated tokens of the run being read (see `readTokens`), reused from run to run.
const tokenStarts: number[] = [];
const tokenEnds: number[] = [];
/** How many digits each token holds: a span's digit count is their sum, brackets trimmed or not. */
const tokenDigits: number[] = [];

/** Splits a run into space-separated tokens; " - " and " . " join their neighbours into one token. */
function readTokens(text: string, start: number, end: number): number {
  let count = 0;
  let tokenStart = start;
  let digits = 0;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code !== 32) {
      if (code >= 48 && code <= 57) digits++;
      continue;
    }
    const previous = text.charCodeAt(index - 1);
    const next = text.charCodeAt(index + 1);
    if (previous === 45 || previous === 46 || next === 45 || next === 46) continue;
    tokenStarts[count] = tokenStart;
    tokenEnds[count] = index;
    tokenDigits[count] = digits;
    count++;
    tokenStart = index + 1;
    digits = 0;
  }
  tokenStarts[count] = tokenStart;
  tokenEnds[count] = end;
  tokenDigits[count] = digits;
  return count + 1;
}

/** The digits of the span as a string: one slice when it has nothing else, else its digit groups joined. */
function digitsOf(text: string, start: number, end: number, count: number): string {
  if (end - start === count) return text.slice(start, end);
  let digits = '';
  let groupStart = -1;
  for (let index = start; index <= end; index++) {
    const code = index < end ? text.charCodeAt(index) : 0;
    const digit = code >= 48 && code <= 57;
    if (digit && groupStart < 0) groupStart = index;
    else if (!digit && groupStart >= 0) {
      digits += text.slice(groupStart, index);
      groupStart = -1;
    }
  }
  return digits;
}

// The span trimBrackets last returned.
let trimmedStart = 0;
let trimmedEnd = 0;

/**
 * Sets trimmedStart/trimmedEnd to the span without brackets that wrap it whole or are unmatched:
 * "(+44 20 7946 0958)" → "+44 …".
 */
function trimBrackets(text: string, start: number, end: number): void {
  let from = start;
  let to = end;
  if (
    text.charCodeAt(start) === 40 &&
    text.charCodeAt(end - 1) === 41 &&
    text.indexOf(')', start) === end - 1
  ) {
    from++;
    to--;
  }
  if (from < end && text.charCodeAt(from) === 40) {
    const close = text.indexOf(')', from);
    if (close < 0 || close >= to) from++;
  }
  if (to > start && text.charCodeAt(to - 1) === 41 && text.lastIndexOf('(', to - 1) < from) to--;
  trimmedStart = from;
  trimmedEnd = to;
}

/**
 * E.164 for the span, or undefined when it is not a valid number a person would write this way.
 * `digitCount` (7–17) is how many digits it holds; `trapChecked` when isNumberTrap already said no.
 */
function parseSpan(
  text: string,
  start: number,
  end: number,
  digitCount: number,
  trapChecked: boolean,
  defaultCountry: CountryCode,
): string | undefined {
  if (!trapChecked && isNumberTrap(text, start, end, digitCount)) return undefined;
  const plus = text.charCodeAt(start) === 43;
  const key = numberKey(text, start, end, plus);
  const known = cachedParse(defaultCountry, key);
  if (known !== undefined) return known ?? undefined;
  const value = parseDigits(digitsOf(text, start, end, digitCount), plus, defaultCountry);
  rememberParse(defaultCountry, key, value);
  return value;
}

/** E.164 for the digits of a span (after a `+` when `plus`), or undefined. */
function parseDigits(digits: string, plus: boolean, defaultCountry: CountryCode): string | undefined {
  if (plus) return validNumber(`+${digits}`, defaultCountry);
  // International access codes: 00 (most of the world) and 011 (North America), whatever the default.
  // 011 wins when what follows is a valid international number: no numbering plan that uses 0 as its
  // trunk prefix has 011 area codes long enough to also read as +CC plus a full number.
  if (digits.startsWith('00')) return validNumber(`+${digits.slice(2)}`, defaultCountry);
  const international = digits.startsWith('011')
    ? validNumber(`+${digits.slice(3)}`, defaultCountry)
    : undefined;
  if (international) return international;
  if (TRUNK_ZERO.has(defaultCountry) && digits.charCodeAt(0) !== 48) return undefined;
  return validNumber(digits, defaultCountry);
}

/** Where a number ending at `end` really ends, counting a trailing extension ("… ext. 12"). */
function endWithExtension(text: string, end: number): number {
  const code = text.charCodeAt(end);
  // Only `,`, space, `x`/`X`, `e`/`E` and `#` can open an extension; skip the regex otherwise.
  if (code !== 44 && code !== 32 && code !== 120 && code !== 88 && code !== 101 && code !== 69 && code !== 35)
    return end;
  const extension = EXTENSION.exec(text.slice(end, end + 20));
  return extension ? end + extension[0].length : end;
}

/**
 * Adds the phone numbers of the text to `contacts`. `blocked` holds sorted ranges (emails, IBANs)
 * whose digits are not a number.
 */
function addPhones(
  text: string,
  defaultCountry: CountryCode,
  blocked: readonly [number, number][],
  contacts: ContactMatch[],
): void {
  let lastEnd = 0;
  // Runs come in text order, so a cursor over the sorted blocked ranges keeps it linear.
  let cursor = 0;
  CANDIDATE.lastIndex = 0;
  // Stops without a last exec when the previous run reached the end (a cell holding just a number).
  for (
    let match = CANDIDATE.exec(text);
    match;
    match = CANDIDATE.lastIndex < text.length ? CANDIDATE.exec(text) : null
  ) {
    const runStart = match.index;
    let end = runStart + match[0].length;
    if (runStart < lastEnd) continue;
    while (cursor < blocked.length && (blocked[cursor]?.[1] ?? 0) <= runStart) cursor++;
    const block = blocked[cursor];
    if (block && block[0] < end) {
      // Digits inside an email or IBAN are not a number; look again right after it
      // ("DE89 3704 0044 0532 0130 00 415-555-2671"), and stop this run where a block starts.
      CANDIDATE.lastIndex = block[1];
      if (block[0] <= runStart) continue;
      end = block[0];
      while (end > runStart && !endsRun(text.charCodeAt(end - 1))) end--;
    }
    if (end - runStart < 7) continue;
    // Split the run at tokens that cannot be part of a number (dates, ranges, IPs, versions, …) and
    // look for a number in each piece between them.
    const tokens = readTokens(text, runStart, end);
    let segmentStart = 0;
    for (let index = 0; index <= tokens; index++) {
      if (
        index < tokens &&
        !isBarrier(text, tokenStarts[index] as number, tokenEnds[index] as number, index === 0)
      )
        continue;
      if (index > segmentStart) {
        const end = addNumberInSegment(text, segmentStart, index - 1, defaultCountry, contacts);
        if (end >= 0) lastEnd = end;
      }
      segmentStart = index + 1;
    }
  }
}

/** A digit or `)`: what a run can end with. */
function endsRun(code: number): boolean {
  return (code >= 48 && code <= 57) || code === 41;
}

/**
 * Adds the first acceptable number in the segment of tokens first..final to `contacts`: none when the
 * whole segment is a card, ISBN, timestamp or amount; else the whole, or without one token at either
 * edge ("Room 12 415-555-2671"). The cheap context checks run before libphonenumber does. Returns
 * where the number ends, or -1.
 */
function addNumberInSegment(
  text: string,
  first: number,
  final: number,
  defaultCountry: CountryCode,
  contacts: ContactMatch[],
): number {
  trimBrackets(text, tokenStarts[first] as number, tokenEnds[final] as number);
  const wholeStart = trimmedStart;
  const wholeEnd = trimmedEnd;
  let wholeDigits = 0;
  for (let token = first; token <= final; token++) wholeDigits += tokenDigits[token] as number;
  if (isNumberTrap(text, wholeStart, wholeEnd, wholeDigits)) return -1;
  // Never drop an edge that carries the international prefix or an opening bracket.
  const opening = text.charCodeAt(tokenStarts[first] as number);
  const fixedStart = opening === 43 || opening === 40;
  // Attempts in order: whole, without the first token, without the last, without both.
  for (let attempt = 0; attempt < 4; attempt++) {
    const dropFirst = attempt === 1 || attempt === 3;
    const dropLast = attempt >= 2;
    if (dropFirst && fixedStart) continue;
    if (attempt > 0 && final - first < (attempt === 3 ? 2 : 1)) break;
    let start = wholeStart;
    let end = wholeEnd;
    let digits = wholeDigits;
    if (attempt > 0) {
      trimBrackets(
        text,
        tokenStarts[dropFirst ? first + 1 : first] as number,
        tokenEnds[dropLast ? final - 1 : final] as number,
      );
      start = trimmedStart;
      end = trimmedEnd;
      digits -=
        (dropFirst ? (tokenDigits[first] as number) : 0) + (dropLast ? (tokenDigits[final] as number) : 0);
    }
    // parseSpan refuses these lengths too: counted first, it spares the context checks below.
    if (start >= end || digits < 7 || digits > 17) continue;
    const fullEnd = endWithExtension(text, end);
    if (isEmbedded(text, start, fullEnd)) continue;
    // The whole segment was checked for traps above.
    const value = parseSpan(text, start, end, digits, attempt === 0, defaultCountry);
    if (value) {
      contacts.push({ kind: 'phone', start, end: fullEnd, value });
      return fullEnd;
    }
  }
  return -1;
}

/** Characters of an address's local part: letters, digits and `. _ % + ' = ~ -`. */
function isLocalChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 46 ||
    code === 95 ||
    code === 37 ||
    code === 43 ||
    code === 39 ||
    code === 61 ||
    code === 126 ||
    code === 45
  );
}

const DOMAIN = /(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(?![A-Za-z0-9_-])/y;

const RETINA = /^\d(?:\.\d)?x\./i;

/** Adds the addresses around each `@`; linear in the text (no regex backtracking over long local parts). */
function addEmails(text: string, contacts: ContactMatch[]): void {
  let from = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', from)) {
    from = at + 1;
    let start = at;
    while (start > 0 && start > at - 64 && isLocalChar(text.charCodeAt(start - 1))) start--;
    if (start > 0 && isLocalChar(text.charCodeAt(start - 1))) continue;
    // Leading punctuation (quotes, dots, dashes) belongs to the prose, not the address.
    while (start < at && !isAsciiWordChar(text.charCodeAt(start))) start++;
    // An empty local part, or one that ends in a dot or holds two in a row, is not one.
    if (start === at || text.charCodeAt(at - 1) === 46 || text.slice(start, at).includes('..')) continue;
    const domainStart = at + 1;
    DOMAIN.lastIndex = domainStart;
    if (!DOMAIN.test(text)) continue;
    // Keep the longest run of labels that ends in a real TLD: "jane@x.com.Next" → "x.com".
    let end = DOMAIN.lastIndex;
    let dot = text.lastIndexOf('.', end - 1);
    while (dot > domainStart && !EMAIL_TLDS.has(text.slice(dot + 1, end).toLowerCase())) {
      end = dot;
      dot = text.lastIndexOf('.', dot - 1);
    }
    if (dot <= domainStart) continue;
    // Retina asset names: "logo@2x.png" already fails on the TLD; "icon@2x.de" should too.
    const first = text.charCodeAt(domainStart);
    if (first >= 48 && first <= 57 && RETINA.test(text.slice(domainStart, end))) continue;
    contacts.push({ kind: 'email', start, end, value: text.slice(start, end).toLowerCase() });
    from = end;
  }
}

// Where the last mayHoldContact scan stopped: digits counted and characters since the last one, so a
// run's text nodes can be scanned one after another as if joined.
let carriedDigits = 0;
let carriedGap = 0;

/** Scans one more piece of text after what carriedDigits/carriedGap describe; true on a contact's sign. */
function scanForContact(text: string): boolean {
  // SEVEN_DIGITS and `@` in one pass over char codes: on a cold page (13,000 texts) the regex cost 12 ms.
  let digits = carriedDigits;
  let gap = carriedGap;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if ((code >= 48 && code <= 57) || (code >= 0xff10 && code <= 0xff19)) {
      if (++digits === 7) return true;
      gap = 0;
    } else if (code === 64) return true;
    else if (digits > 0 && (++gap > 3 || code === 10)) digits = 0;
  }
  carriedDigits = digits;
  carriedGap = gap;
  return false;
}

/**
 * Whether `text` can hold a number or an address at all: an `@`, or seven digits close together. Most
 * text on a page fails this, and costs no more than this test. Text that joins more characters to this
 * (a run with virtual spaces) passes it no more often.
 */
export function mayHoldContact(text: string): boolean {
  carriedDigits = 0;
  carriedGap = 0;
  return scanForContact(text);
}

/**
 * mayHoldContact of the texts joined end to end (a run's text nodes), without joining them: most runs
 * fail it, and building their text first was a string per run for nothing.
 */
export function mayHoldContactAcross(texts: readonly { readonly data: string }[]): boolean {
  carriedDigits = 0;
  carriedGap = 0;
  // Indexed: a for-of makes an iterator per run while a page's first scan runs this code cold.
  for (let index = 0; index < texts.length; index++)
    if (scanForContact((texts[index] as { readonly data: string }).data)) return true;
  return false;
}

const NOTHING_BLOCKED: readonly [number, number][] = [];

/**
 * An `@`, a character normalize() changes, or two capitals before two digits (an IBAN): what text
 * needs scanText and the full path for. One native pass; most texts on a page have none of these.
 */
const NOTABLE =
  /[@\u00a0\u2000-\u200a\u202f\u205f\u3000\u2010-\u2015\u2212\ufe58\ufe63\uff0b\uff0d\uff08\uff09\uff10-\uff19]|[A-Z]{2}\d{2}/;

/** findContacts for text without anything NOTABLE: phones only, nothing to normalize or block. */
function phonesInPlainText(text: string, defaultCountry: CountryCode): ContactMatch[] {
  const contacts: ContactMatch[] = [];
  addPhones(text, defaultCountry, NOTHING_BLOCKED, contacts);
  // Text without seven digits close together holds no contact (what mayHoldContact promises), even
  // when a run with wider gaps ("415) - 555) - 2671") read as one. Only `) - ` makes a gap that wide:
  // without it, the number found has seven close digits itself.
  if (contacts.length > 0 && text.includes(') - ') && !SEVEN_DIGITS.test(text)) return [];
  return contacts;
}

/**
 * Phone numbers and email addresses in a run of text, sorted and non-overlapping.
 *
 * Phones: candidates are found with one regex pass and only they reach libphonenumber (min metadata);
 * traps (dates, ranges, amounts, IPs, versions, postcodes, IBANs, cards, ISBNs, UUIDs, timestamps,
 * ids, glued letters) are rejected before or after parsing. A trailing extension is included in the
 * range but not in the value. Emails: a closed TLD list, lower-cased value, surrounding punctuation
 * left out.
 */
export function findContacts(text: string, options: FindContactsOptions): ContactMatch[] {
  if (!NOTABLE.test(text)) return phonesInPlainText(text, options.defaultCountry);
  const flags = scanText(text);
  if ((flags & (HAS_AT | SEVEN_CLOSE)) === 0) return [];
  const normalized = flags & HAS_UNUSUAL ? normalize(text) : text;
  const contacts: ContactMatch[] = [];
  if (flags & HAS_AT) addEmails(normalized, contacts);
  // No seven digits a run apart: no number, whatever the emails or IBANs around.
  if ((flags & SEVEN_RUN) === 0) return contacts;
  const emailCount = contacts.length;
  let blocked = NOTHING_BLOCKED;
  if (emailCount > 0 || flags & MAY_HOLD_IBAN) {
    const ranges: [number, number][] = [];
    for (const email of contacts) ranges.push([email.start, email.end]);
    if (flags & MAY_HOLD_IBAN) {
      addIbanRanges(normalized, ranges);
      if (emailCount > 0) ranges.sort((a, b) => a[0] - b[0]);
    }
    blocked = ranges;
  }
  addPhones(normalized, options.defaultCountry, blocked, contacts);
  if (emailCount > 0 && contacts.length > emailCount) contacts.sort((a, b) => a.start - b.start);
  return contacts;
}

/** Phone numbers only, as Ranges-to-be over the text (see `findContacts`). */
export function findPhoneNumbers(text: string, defaultCountry: CountryCode): PhoneMatch[] {
  const matches: PhoneMatch[] = [];
  for (const contact of findContacts(text, { defaultCountry })) {
    if (contact.kind === 'phone')
      matches.push({ start: contact.start, end: contact.end, value: contact.value });
  }
  return matches;
}
