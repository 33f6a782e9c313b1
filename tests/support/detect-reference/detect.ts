import type { CountryCode } from 'libphonenumber-js/min';
import { EMAIL_TLDS } from '../../../lib/phone/tlds';
import { ibanRanges, isBarrierToken, isEmbedded, isNumberTrap, isPostcodeBeforeTown } from './detect-traps';
import { validNumber } from './valid';

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

/** Space-like, dash-like, full-width digits, plus and brackets: all one UTF-16 unit, so offsets hold. */
const UNUSUAL =
  /[\u00a0\u2000-\u200a\u202f\u205f\u3000\u2010-\u2015\u2212\ufe58\ufe63\uff0b\uff0d\uff08\uff09\uff10-\uff19]/;

function normalize(text: string): string {
  if (!UNUSUAL.test(text)) return text;
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xff10 && code <= 0xff19) out += String.fromCharCode(code - 0xff10 + 48);
    else if (code === 0xff0b) out += '+';
    else if (code === 0xff08) out += '(';
    else if (code === 0xff09) out += ')';
    else if (
      code === 0x00a0 ||
      code === 0x202f ||
      code === 0x205f ||
      code === 0x3000 ||
      (code >= 0x2000 && code <= 0x200a)
    )
      out += ' ';
    else if (
      (code >= 0x2010 && code <= 0x2015) ||
      code === 0x2212 ||
      code === 0xfe58 ||
      code === 0xfe63 ||
      code === 0xff0d
    )
      out += '-';
    else out += text[index];
  }
  return out;
}

/** Seven digits with at most three other characters between each: anything shorter is never a number. */
const SEVEN_DIGITS = /[0-9\uff10-\uff19](?:[^0-9\uff10-\uff19\n]{0,3}[0-9\uff10-\uff19]){6}/;

/**
 * A run of digit groups: optional `+` or `(` / `(+` in front, groups joined by one space, a dash or
 * dot (spaces allowed around them), a slash, or brackets ("(415) 555-2671", "+44 (0) 20 …").
 * " / " and commas end a run, so "030 901820 / 0151 23456789" are two.
 */
const CANDIDATE = /(?:\+ ?|\(\+?)?\d+(?:(?: ?[-.] ?| |\/|\) ?-? ?| ?\()\d+)*\)?/g;

/** "ext. 12", "ext 12", "extension 12", "x12", "x 12", "#12", optionally after a comma. */
const EXTENSION = /^,? ?(?:(?:ext(?:ension)?|extn)\.?:? ?|x ?|# ?)\d{1,7}(?!\d)/i;

interface Token {
  start: number;
  end: number;
}

/** Space-separated tokens of a run; " - " and " . " join their neighbours into one token. */
function tokensOf(text: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  let tokenStart = start;
  for (let index = start; index < end; index++) {
    if (text.charCodeAt(index) !== 32) continue;
    const previous = text[index - 1];
    const next = text[index + 1];
    if (previous === '-' || previous === '.' || next === '-' || next === '.') continue;
    tokens.push({ start: tokenStart, end: index });
    tokenStart = index + 1;
  }
  tokens.push({ start: tokenStart, end });
  return tokens;
}

function countDigits(text: string, start: number, end: number): number {
  let count = 0;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) count++;
  }
  return count;
}

function digitsOf(value: string): string {
  let digits = '';
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code >= 48 && code <= 57) digits += value[index];
  }
  return digits;
}

/** The span without brackets that wrap it whole or are unmatched: "(+44 20 7946 0958)" → "+44 …". */
function trimBrackets(text: string, start: number, end: number): [number, number] {
  const span = text.slice(start, end);
  let from = 0;
  let to = span.length;
  if (span[0] === '(' && span[to - 1] === ')' && span.indexOf(')') === to - 1) {
    from++;
    to--;
  }
  if (span[from] === '(') {
    const close = span.indexOf(')', from);
    if (close < 0 || close >= to) from++;
  }
  if (span[to - 1] === ')' && span.lastIndexOf('(', to - 1) < from) to--;
  return [start + from, start + to];
}

/** E.164 for the span, or undefined when it is not a valid number a person would write this way. */
function parseSpan(span: string, defaultCountry: CountryCode): string | undefined {
  const digits = digitsOf(span);
  if (digits.length < 7 || digits.length > 17) return undefined;
  if (isNumberTrap(span, digits)) return undefined;
  if (span.startsWith('+')) return valid(`+${digits}`, defaultCountry);
  // International access codes: 00 (most of the world) and 011 (North America), whatever the default.
  // 011 wins when what follows is a valid international number: no numbering plan that uses 0 as its
  // trunk prefix has 011 area codes long enough to also read as +CC plus a full number.
  if (digits.startsWith('00')) return valid(`+${digits.slice(2)}`, defaultCountry);
  const international = digits.startsWith('011') ? valid(`+${digits.slice(3)}`, defaultCountry) : undefined;
  if (international) return international;
  if (TRUNK_ZERO.has(defaultCountry) && !digits.startsWith('0')) return undefined;
  return valid(digits, defaultCountry);
}

/**
 * Parse results by country and digits. A CRM page shows the same few thousand numbers over and over
 * (list, detail pane, activity feed); validating costs ~1 µs (lib/phone/valid.ts), a Map lookup ~50 ns.
 */
const parsed = new Map<string, string | null>();
const PARSED_LIMIT = 10_000;

/** Forgets cached parse results (benchmarks measure a cold first scan with it). */
export function clearParseCache(): void {
  parsed.clear();
}

function valid(input: string, defaultCountry: CountryCode): string | undefined {
  // International input means the same whatever the default country.
  const key = input.startsWith('+') ? input : `${defaultCountry}${input}`;
  const known = parsed.get(key);
  if (known !== undefined) return known ?? undefined;
  const value = validNumber(input, defaultCountry);
  // Oldest first out (a Map iterates in insertion order).
  if (parsed.size >= PARSED_LIMIT) parsed.delete(parsed.keys().next().value ?? '');
  parsed.set(key, value ?? null);
  return value;
}

interface Found {
  start: number;
  end: number;
  value: string;
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
 * The first acceptable number in the tokens, trying the whole, then without one token at either edge
 * ("Room 12 415-555-2671"). The cheap context checks run before libphonenumber does.
 */
function numberInTokens(text: string, tokens: Token[], defaultCountry: CountryCode): Found | undefined {
  const last = tokens.length - 1;
  const attempts: [number, number][] = [[0, last]];
  // Never drop an edge that carries the international prefix or an opening bracket.
  const fixedStart = /[+(]/.test(text[tokens[0]?.start ?? 0] ?? '');
  if (last >= 1) {
    if (!fixedStart) attempts.push([1, last]);
    attempts.push([0, last - 1]);
  }
  if (last >= 2 && !fixedStart) attempts.push([1, last - 1]);
  for (const [first, final] of attempts) {
    const firstToken = tokens[first];
    const finalToken = tokens[final];
    if (!firstToken || !finalToken) continue;
    const [start, end] = trimBrackets(text, firstToken.start, finalToken.end);
    if (start >= end) continue;
    // parseSpan refuses these lengths too: counted first, it spares the context checks below.
    const digits = countDigits(text, start, end);
    if (digits < 7 || digits > 17) continue;
    const fullEnd = endWithExtension(text, end);
    if (isEmbedded(text, start, fullEnd)) continue;
    const value = parseSpan(text.slice(start, end), defaultCountry);
    if (value) return { start, end: fullEnd, value };
  }
  return undefined;
}

/** A token that cannot be part of a number: a date, range, IP, version, ISBN, or a time or postcode edge. */
function isBarrier(text: string, token: Token, first: boolean): boolean {
  const next = text.charCodeAt(token.end);
  // "2026-11-22 10:30": the token before a colon and a digit is an hour.
  if (next === 58) {
    const after = text.charCodeAt(token.end + 1);
    if (after >= 48 && after <= 57) return true;
  }
  const length = token.end - token.start;
  if (length === 5 && isPostcodeBeforeTown(text, text.slice(token.start, token.end), token.end)) return true;
  let start = token.start;
  let end = token.end;
  if (text.charCodeAt(start) === 40) start++;
  if (text.charCodeAt(end - 1) === 41) end--;
  // Every other barrier has a dash, dot or slash; most tokens ("415", "(020)", "7946") have none.
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code === 45 || code === 46 || code === 47) return isBarrierToken(text.slice(start, end), first);
  }
  return false;
}

function findPhones(text: string, defaultCountry: CountryCode, blocked: [number, number][]): Found[] {
  const found: Found[] = [];
  let lastEnd = 0;
  // Runs come in text order, so a cursor over the sorted blocked ranges (emails, IBANs) keeps it linear.
  blocked.sort((a, b) => a[0] - b[0]);
  let cursor = 0;
  CANDIDATE.lastIndex = 0;
  for (let match = CANDIDATE.exec(text); match; match = CANDIDATE.exec(text)) {
    const runStart = match.index;
    let runEnd = runStart + match[0].length;
    if (runStart < lastEnd) continue;
    while (cursor < blocked.length && (blocked[cursor]?.[1] ?? 0) <= runStart) cursor++;
    const block = blocked[cursor];
    if (block && block[0] < runEnd) {
      // Digits inside an email or IBAN are not a number; look again right after it
      // ("DE89 3704 0044 0532 0130 00 415-555-2671"), and stop this run where a block starts.
      CANDIDATE.lastIndex = block[1];
      if (block[0] <= runStart) continue;
      runEnd = block[0];
      while (runEnd > runStart && !/[\d)]/.test(text[runEnd - 1] ?? '')) runEnd--;
    }
    if (runEnd - runStart < 7) continue;
    // Split the run at tokens that cannot be part of a number (dates, ranges, IPs, versions, …) and
    // look for a number in each piece between them.
    const tokens = tokensOf(text, runStart, runEnd);
    let segmentStart = 0;
    for (let index = 0; index <= tokens.length; index++) {
      const token = tokens[index];
      if (token && !isBarrier(text, token, index === 0)) continue;
      if (index > segmentStart) {
        const number = numberInSegment(text, tokens.slice(segmentStart, index), defaultCountry);
        if (number) {
          found.push(number);
          lastEnd = number.end;
        }
      }
      segmentStart = index + 1;
    }
  }
  return found;
}

function numberInSegment(text: string, tokens: Token[], defaultCountry: CountryCode): Found | undefined {
  const first = tokens[0];
  const final = tokens[tokens.length - 1];
  if (!first || !final) return undefined;
  // A whole segment that is a card, ISBN, timestamp or amount is rejected outright, before any
  // attempt at a shorter piece of it.
  const [start, end] = trimBrackets(text, first.start, final.end);
  const whole = text.slice(start, end);
  if (isNumberTrap(whole, digitsOf(whole))) return undefined;
  return numberInTokens(text, tokens, defaultCountry);
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

function isWordChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95
  );
}

const DOMAIN = /(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(?![A-Za-z0-9_-])/y;

/** Addresses around each `@`; linear in the text (no regex backtracking over long local parts). */
function findEmails(text: string): Found[] {
  const found: Found[] = [];
  let from = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', from)) {
    from = at + 1;
    let start = at;
    while (start > 0 && start > at - 64 && isLocalChar(text.charCodeAt(start - 1))) start--;
    if (start > 0 && isLocalChar(text.charCodeAt(start - 1))) continue;
    // Leading punctuation (quotes, dots, dashes) belongs to the prose, not the address.
    while (start < at && !isWordChar(text.charCodeAt(start))) start++;
    const local = text.slice(start, at);
    if (!local || local.endsWith('.') || local.includes('..')) continue;
    DOMAIN.lastIndex = at + 1;
    const domain = DOMAIN.exec(text)?.[0];
    if (!domain) continue;
    // Keep the longest run of labels that ends in a real TLD: "jane@x.com.Next" → "x.com".
    let hostEnd = domain.length;
    let dot = domain.lastIndexOf('.');
    while (dot > 0 && !EMAIL_TLDS.has(domain.slice(dot + 1, hostEnd).toLowerCase())) {
      hostEnd = dot;
      dot = domain.lastIndexOf('.', dot - 1);
    }
    if (dot <= 0) continue;
    const host = domain.slice(0, hostEnd);
    // Retina asset names: "logo@2x.png" already fails on the TLD; "icon@2x.de" should too.
    if (/^\d(?:\.\d)?x\./i.test(host)) continue;
    const end = at + 1 + host.length;
    found.push({ start, end, value: `${local}@${host}`.toLowerCase() });
    from = end;
  }
  return found;
}

/**
 * Whether `text` can hold a number or an address at all: an `@`, or seven digits close together. Most
 * text on a page fails this, and costs no more than this test. Text that joins more characters to this
 * (a run with virtual spaces) passes it no more often.
 */
export function mayHoldContact(text: string): boolean {
  return text.includes('@') || SEVEN_DIGITS.test(text);
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
  const hasAt = text.includes('@');
  if (!hasAt && !SEVEN_DIGITS.test(text)) return [];
  const normalized = normalize(text);
  const contacts: ContactMatch[] = [];
  const blocked: [number, number][] = [];
  if (hasAt) {
    for (const email of findEmails(normalized)) {
      contacts.push({ kind: 'email', start: email.start, end: email.end, value: email.value });
      blocked.push([email.start, email.end]);
    }
  }
  for (const range of ibanRanges(normalized)) blocked.push(range);
  const emailCount = contacts.length;
  for (const phone of findPhones(normalized, options.defaultCountry, blocked)) {
    contacts.push({ kind: 'phone', start: phone.start, end: phone.end, value: phone.value });
  }
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
