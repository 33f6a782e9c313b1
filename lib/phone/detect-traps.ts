/**
 * Digit sequences that look like phone numbers to a parser but not to a person: dates, ranges, IPs,
 * versions, postcodes, ISBNs, cards, timestamps, amounts, ids. Each check looks at a span [start, end) of
 * the text and a few characters around it, by char code: the detector runs them on every candidate of
 * every text on a page, so they neither slice nor allocate. Candidate tokens and spans are made of
 * digits, spaces and `+()-./` only (what a candidate run is made of), which the checks rely on.
 */

import { isAsciiSpace, isAsciiWordChar, isDigit, isUpper } from './chars';

function isMonthDay(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// Digit groups of the span splitGroups last read: lengths, values, and the separator after each.
const groupLength = [0, 0, 0, 0];
const groupValue = [0, 0, 0, 0];
const groupSeparator = [0, 0, 0, 0];

/**
 * Reads the span as `max` or fewer groups of digits joined by single non-digit characters into the
 * group arrays; the number of groups, or -1 for any other shape (an empty group, more groups).
 */
function splitGroups(text: string, start: number, end: number, max: number): number {
  let count = 0;
  let length = 0;
  let value = 0;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (isDigit(code)) {
      length++;
      value = value * 10 + code - 48;
      continue;
    }
    if (length === 0 || count === max - 1) return -1;
    groupLength[count] = length;
    groupValue[count] = value;
    groupSeparator[count] = code;
    count++;
    length = 0;
    value = 0;
  }
  if (length === 0) return -1;
  groupLength[count] = length;
  groupValue[count] = value;
  return count + 1;
}

/** 2026-11-22, 2026/11/22, 22.11.2026, 11/22/2026, 22/11/26 (day-month or month-day). */
function isDate(text: string, start: number, end: number): boolean {
  if (splitGroups(text, start, end, 3) !== 3) return false;
  const separator = groupSeparator[0] as number;
  if (separator !== groupSeparator[1] || (separator !== 45 && separator !== 46 && separator !== 47))
    return false;
  // Read by index: array destructuring goes through an iterator, garbage on every date of a page.
  const first = groupLength[0] as number;
  const second = groupLength[1] as number;
  const third = groupLength[2] as number;
  const a = groupValue[0] as number;
  const b = groupValue[1] as number;
  const c = groupValue[2] as number;
  if (first === 4 && second <= 2 && third <= 2) return isMonthDay(b, c);
  if (first > 2 || second > 2 || (third !== 2 && third !== 4)) return false;
  return isMonthDay(b, a) || isMonthDay(a, b);
}

/** 1900–2099 written as four digits. */
function isYear(text: string, start: number, end: number): boolean {
  if (end - start !== 4 || !isDigit(text.charCodeAt(start + 2)) || !isDigit(text.charCodeAt(start + 3)))
    return false;
  const century = text.charCodeAt(start) * 256 + text.charCodeAt(start + 1);
  // "19" or "20".
  return century === 49 * 256 + 57 || century === 50 * 256 + 48;
}

/** 2019-2023, 2019 – 2023, 01.01.2024-31.12.2024 (dashes are already normalized to `-`). */
function isRange(text: string, start: number, end: number): boolean {
  // A range has exactly one top-level dash between two dates or two years; a date's own dashes
  // (2026-11-22) leave more than two parts, which is handled by trying each split point.
  for (let at = text.indexOf('-', start + 1); at >= 0 && at < end; at = text.indexOf('-', at + 1)) {
    let leftStart = start;
    let leftEnd = at;
    let rightStart = at + 1;
    let rightEnd = end;
    while (leftEnd > leftStart && text.charCodeAt(leftEnd - 1) === 32) leftEnd--;
    while (leftStart < leftEnd && text.charCodeAt(leftStart) === 32) leftStart++;
    while (rightStart < rightEnd && text.charCodeAt(rightStart) === 32) rightStart++;
    while (rightEnd > rightStart && text.charCodeAt(rightEnd - 1) === 32) rightEnd--;
    // Years have four characters and dates more: "555-2671" is neither.
    if (leftEnd - leftStart < 4 || rightEnd - rightStart < 4) continue;
    if (isYear(text, leftStart, leftEnd) && isYear(text, rightStart, rightEnd)) return true;
    if (isDate(text, leftStart, leftEnd) && isDate(text, rightStart, rightEnd)) return true;
  }
  return false;
}

/** 192.168.100.200: four dotted parts of one to three digits, each at most 255. */
function isIpAddress(text: string, start: number, end: number): boolean {
  if (splitGroups(text, start, end, 4) !== 4) return false;
  for (let group = 0; group < 4; group++) {
    if ((groupLength[group] as number) > 3 || (groupValue[group] as number) > 255) return false;
    if (group < 3 && groupSeparator[group] !== 46) return false;
  }
  return true;
}

/**
 * 10.0.19045.3803, 4.18.2: three or more dotted parts with a one-character part after the first.
 * Dotted phone formats (415.555.2671, 01.23.45.67.89, 1.800.555.1234) never have one.
 */
function isVersion(text: string, start: number, end: number): boolean {
  if (text.charCodeAt(start) === 43) return false;
  let dot = text.indexOf('.', start);
  if (dot < 0 || dot >= end) return false;
  let dots = 1;
  let shortPart = false;
  for (let next = text.indexOf('.', dot + 1); next >= 0 && next < end; next = text.indexOf('.', next + 1)) {
    dots++;
    if (next - dot === 2) shortPart = true;
    dot = next;
  }
  return dots >= 2 && (shortPart || end - dot === 2);
}

/** 978-3-16-148410-0, 0-306-40615-2: four or more hyphenated parts ending in a check digit. */
function isHyphenatedIsbn(text: string, start: number, end: number): boolean {
  if (end - start < 2 || text.charCodeAt(end - 2) !== 45) return false;
  let dashes = 0;
  for (let index = start; index < end; index++) if (text.charCodeAt(index) === 45) dashes++;
  return dashes >= 3;
}

/** 94103-1234. */
function isZipPlus4(text: string, start: number, end: number): boolean {
  if (end - start !== 10 || text.charCodeAt(start + 5) !== 45) return false;
  for (let index = start; index < end; index++)
    if (index !== start + 5 && !isDigit(text.charCodeAt(index))) return false;
  return true;
}

/**
 * A space-separated token of a candidate run that cannot be part of a number: a date, range, IP,
 * version, ISBN, or a time or postcode edge. Each kind has a fixed count of dashes, dots or slashes,
 * counted first so a token is only tried as what it can be; most tokens ("415", "(020)") have none.
 */
export function isBarrier(text: string, tokenStart: number, tokenEnd: number, first: boolean): boolean {
  // "2026-11-22 10:30": the token before a colon and a digit is an hour.
  if (text.charCodeAt(tokenEnd) === 58) {
    const after = text.charCodeAt(tokenEnd + 1);
    if (after >= 48 && after <= 57) return true;
  }
  if (isPostcodeBeforeTown(text, tokenStart, tokenEnd)) return true;
  let start = tokenStart;
  let end = tokenEnd;
  if (text.charCodeAt(start) === 40) start++;
  if (text.charCodeAt(end - 1) === 41) end--;
  // The longest barrier is a date range ("01.01.2024 - 31.12.2024"); bail out on longer input so a
  // pathological run ("1-1-1-1-…") stays linear.
  if (end - start > 32) return false;
  let dashes = 0;
  let dots = 0;
  let slashes = 0;
  let others = 0;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code === 45) dashes++;
    else if (code === 46) dots++;
    else if (code === 47) slashes++;
    else if (!isDigit(code)) others++;
  }
  const separators = dashes + dots + slashes;
  if (separators === 0) return false;
  // A date: digits and two of the same separator.
  const dateShape = others === 0 && (dashes === 2 || dots === 2 || slashes === 2) && separators === 2;
  if (dateShape && isDate(text, start, end)) return true;
  if (dashes > 0 && isRange(text, start, end)) return true;
  if (dots === 3 && separators === 3 && others === 0 && isIpAddress(text, start, end)) return true;
  if (dots >= 2 && isVersion(text, start, end)) return true;
  if (dashes >= 3 && isHyphenatedIsbn(text, start, end)) return true;
  // 94103-1234 opens a run ("CA 94103-1234"); after an area code it is a Brazilian number: (11) 98765-4321.
  return first && dashes === 1 && isZipPlus4(text, start, end);
}

/** Luhn checksum over the digits of the span. */
function luhnValid(text: string, start: number, end: number): boolean {
  let sum = 0;
  let position = 0;
  for (let index = end - 1; index >= start; index--) {
    let digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) continue;
    if (position++ % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** ISBN-13/EAN: the span's 13 digits start with 978 or 979 and carry a valid check digit. */
function isEan13(text: string, start: number, end: number): boolean {
  let sum = 0;
  let position = 0;
  let prefix = 0;
  for (let index = start; index < end; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) continue;
    if (position < 3) prefix = prefix * 10 + digit;
    sum += digit * (position % 2 === 0 ? 1 : 3);
    position++;
  }
  return (prefix === 978 || prefix === 979) && sum % 10 === 0;
}

/** Thousands grouped by spaces: 12 500 000, 1 250 000 (3-3-3 stays a number: Spain, Poland). */
function isSpacedThousands(text: string, start: number, end: number): boolean {
  let lead = 0;
  while (start + lead < end && isDigit(text.charCodeAt(start + lead))) lead++;
  if (lead < 1 || lead > 2) return false;
  let groups = 0;
  for (let index = start + lead; index < end; index += 4) {
    if (
      end - index < 4 ||
      text.charCodeAt(index) !== 32 ||
      !isDigit(text.charCodeAt(index + 1)) ||
      !isDigit(text.charCodeAt(index + 2)) ||
      !isDigit(text.charCodeAt(index + 3))
    )
      return false;
    groups++;
  }
  return groups >= 2;
}

/**
 * Number-shaped things judged on their digits and layout: card numbers (13–19 Luhn-valid digits),
 * ISBN-13/EAN (978/979 with a valid check digit), Unix timestamps in seconds or milliseconds
 * (10 or 13 unseparated digits starting with 1, i.e. 2001–2033), amounts with thousands spaces.
 * Never applied to `+` numbers. `digits` is how many digits the span holds.
 */
export function isNumberTrap(text: string, start: number, end: number, digits: number): boolean {
  if (text.charCodeAt(start) === 43) return false;
  let firstDigit = start;
  while (firstDigit < end && !isDigit(text.charCodeAt(firstDigit))) firstDigit++;
  const first = text.charCodeAt(firstDigit);
  // Card numbers never start with 0; international (00…) and trunk-0 national numbers do.
  if (digits >= 13 && digits <= 19 && first !== 48 && luhnValid(text, start, end)) return true;
  if (digits === 13 && isEan13(text, start, end)) return true;
  if ((digits === 10 || digits === 13) && end - start === digits && first === 49) return true;
  return isSpacedThousands(text, start, end);
}

const GLUED_BEFORE = /[\p{L}\p{N}_@#&]$/u;
const JOINED_BEFORE = /(?:[\p{L}\p{N}][-/]|\d[.,:]|#\s?)$/u;
const CURRENCY_BEFORE =
  /(?:[$€£¥₹₽₩¢]|\b(?:USD|EUR|GBP|CHF|JPY|CNY|INR|CAD|AUD|SEK|NOK|DKK|PLN|BRL|RUB))\s?$/;
const LABEL_BEFORE = /\b(?:ISBN(?:-1[03])?|ISSN|IBAN|SSN|EAN|UPC)\s*:?\s*$/i;

const GLUED_AFTER = /^[\p{L}\p{N}_@]/u;
const JOINED_AFTER =
  /^(?:[-/][\p{L}\p{N}]|[.,:]\d|%|\s?(?:[$€£¥₹₽₩¢]|(?:USD|EUR|GBP|CHF|JPY|INR|CAD|AUD)\b))/u;

/** `-/.,:` (joins), `#` (id marker), `$`, `&`, `@`, `%`. */
function isJoiner(code: number): boolean {
  return (
    code === 45 ||
    code === 47 ||
    code === 46 ||
    code === 44 ||
    code === 58 ||
    code === 35 ||
    code === 36 ||
    code === 38 ||
    code === 64 ||
    code === 37
  );
}

/**
 * Whether the characters just around a span can make the *_BEFORE / *_AFTER patterns match. False
 * only when they provably cannot (plain ASCII that joins nothing, like a space before a bracket);
 * otherwise the patterns decide. Spares the regexes for nearly every candidate.
 */
function mayJoin(code: number, following: number): boolean {
  if (code >= 128 || isAsciiWordChar(code) || isJoiner(code)) return true;
  // After a space only an id marker (`# 123`) or a currency (`$ 12`, `USD 12`, `12 USD`) still joins.
  return (
    isAsciiSpace(code) && (following >= 128 || following === 35 || following === 36 || isUpper(following))
  );
}

/** Whether a label (ISBN, IBAN, SSN, …) can end right before `start`: only its last letter can. */
function mayFollowLabel(text: string, start: number): boolean {
  const from = Math.max(0, start - 12);
  let index = start - 1;
  for (; index >= from; index--) {
    const code = text.charCodeAt(index);
    if (code >= 128) return true;
    if (!isAsciiSpace(code) && code !== 58) break;
  }
  if (index < from) return false;
  const last = text.charCodeAt(index) | 32;
  // N (ISBN, ISSN, IBAN, SSN, EAN), C (UPC), 0 and 3 (ISBN-10, ISBN-13), either case.
  return last === 110 || last === 99 || last === 48 || last === 51;
}

/**
 * Whether the characters around [start, end) make the digits part of something bigger: letters or
 * digits glued on (PO4155552671, A-4155552671, 4155552671X), an id marker (#4155552671, Order #123…),
 * a time (10:30), a decimal or thousands part (1,250.00), a currency or percent sign, or a label
 * such as ISBN.
 */
export function isEmbedded(text: string, start: number, end: number): boolean {
  // The whole text: nothing around it to be glued to (a table cell holding just the number).
  if (start === 0 && end >= text.length) return false;
  if (start > 0 && mayJoin(text.charCodeAt(start - 1), start > 1 ? text.charCodeAt(start - 2) : 0)) {
    const before = text.slice(Math.max(0, start - 8), start);
    if (GLUED_BEFORE.test(before) || JOINED_BEFORE.test(before) || CURRENCY_BEFORE.test(before)) return true;
  }
  if (end < text.length && mayJoin(text.charCodeAt(end), text.charCodeAt(end + 1))) {
    const after = text.slice(end, end + 6);
    if (GLUED_AFTER.test(after) || JOINED_AFTER.test(after)) return true;
  }
  return mayFollowLabel(text, start) && LABEL_BEFORE.test(text.slice(Math.max(0, start - 12), start));
}

const TOWN_AFTER = /^ \p{Lu}\p{Ll}/u;

/** A five-digit German/French-style postcode right before a capitalized town name: "10115 Berlin". */
function isPostcodeBeforeTown(text: string, start: number, end: number): boolean {
  if (end - start !== 5 || text.charCodeAt(end) !== 32) return false;
  for (let index = start; index < end; index++) if (!isDigit(text.charCodeAt(index))) return false;
  return TOWN_AFTER.test(text.slice(end, end + 3));
}

const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g;

/**
 * Adds the ranges of IBANs in the text (DE89 3704 0044 0532 0130 00, GB29 NWBK 6016 1331 9268 19) to
 * `ranges`. The caller has checked that two capitals and two digits occur together.
 */
export function addIbanRanges(text: string, ranges: [number, number][]): void {
  IBAN.lastIndex = 0;
  for (let match = IBAN.exec(text); match; match = IBAN.exec(text))
    ranges.push([match.index, match.index + match[0].length]);
}
