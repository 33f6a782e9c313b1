/**
 * Digit sequences that look like phone numbers to a parser but not to a person: dates, ranges, IPs,
 * versions, postcodes, ISBNs, cards, timestamps, amounts, ids. All checks are plain string work on one
 * candidate and a few characters of context around it; none allocates much or scans the whole text.
 */

const DATE_YMD = /^(\d{4})([-./])(\d{1,2})\2(\d{1,2})$/;
const DATE_DMY = /^(\d{1,2})([-./])(\d{1,2})\2(\d{2}|\d{4})$/;
const YEAR = /^(?:19|20)\d\d$/;
const IP = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const ZIP_PLUS_4 = /^\d{5}-\d{4}$/;
const THOUSANDS = /^\d{1,2}(?: \d{3}){2,}$/;

function isMonthDay(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** 2026-11-22, 2026/11/22, 22.11.2026, 11/22/2026, 22/11/26 (day-month or month-day). */
export function isDate(token: string): boolean {
  const ymd = DATE_YMD.exec(token);
  if (ymd) return isMonthDay(Number(ymd[3]), Number(ymd[4]));
  const dmy = DATE_DMY.exec(token);
  if (!dmy) return false;
  const first = Number(dmy[1]);
  const second = Number(dmy[3]);
  return isMonthDay(second, first) || isMonthDay(first, second);
}

/** 2019-2023, 2019 – 2023, 01.01.2024-31.12.2024 (dashes are already normalized to `-`). */
export function isRange(token: string): boolean {
  const dash = token.indexOf('-', 1);
  if (dash < 0) return false;
  // A range has exactly one top-level dash between two dates or two years; a date's own dashes
  // (2026-11-22) leave more than two parts, which is handled by trying each split point.
  for (let at = dash; at >= 0; at = token.indexOf('-', at + 1)) {
    const left = token.slice(0, at).trim();
    const right = token.slice(at + 1).trim();
    if ((YEAR.test(left) && YEAR.test(right)) || (isDate(left) && isDate(right))) return true;
  }
  return false;
}

/** 192.168.100.200: four dotted parts of at most 255. */
export function isIpAddress(token: string): boolean {
  const ip = IP.exec(token);
  return ip?.slice(1).every((part) => Number(part) <= 255) === true;
}

/**
 * 10.0.19045.3803, 4.18.2: three or more dotted parts with a one-digit part after the first.
 * Dotted phone formats (415.555.2671, 01.23.45.67.89, 1.800.555.1234) never have one.
 */
export function isVersion(token: string): boolean {
  if (token.startsWith('+') || token.indexOf('.') === token.lastIndexOf('.')) return false;
  const parts = token.split('.');
  return parts.length >= 3 && parts.slice(1).some((part) => part.length === 1);
}

/** 978-3-16-148410-0, 0-306-40615-2: four or more hyphenated parts ending in a check digit. */
export function isHyphenatedIsbn(token: string): boolean {
  if (token.charCodeAt(token.length - 2) !== 45) return false;
  const parts = token.split('-');
  return parts.length >= 4 && parts[parts.length - 1]?.length === 1;
}

/** A space-separated piece of a candidate that can never be part of a phone number. */
export function isBarrierToken(token: string, first: boolean): boolean {
  // The longest barrier is a date range ("01.01.2024 - 31.12.2024"); bail out on longer input so a
  // pathological run ("1-1-1-1-…") stays linear.
  if (token.length > 32) return false;
  // Every barrier has a dash, dot or slash; most tokens ("415", "(020)", "7946") have none.
  if (!/[-./]/.test(token)) return false;
  return (
    isDate(token) ||
    isRange(token) ||
    isIpAddress(token) ||
    isVersion(token) ||
    isHyphenatedIsbn(token) ||
    // 94103-1234 opens a run ("CA 94103-1234"); after an area code it is a Brazilian number: (11) 98765-4321.
    (first && ZIP_PLUS_4.test(token))
  );
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function ean13Valid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < 13; index++) sum += (digits.charCodeAt(index) - 48) * (index % 2 === 0 ? 1 : 3);
  return sum % 10 === 0;
}

/**
 * Number-shaped things judged on their digits and layout: card numbers (13–19 Luhn-valid digits),
 * ISBN-13/EAN (978/979 with a valid check digit), Unix timestamps in seconds or milliseconds
 * (10 or 13 unseparated digits starting with 1, i.e. 2001–2033), amounts with thousands spaces.
 * Never applied to `+` numbers.
 */
export function isNumberTrap(candidate: string, digits: string): boolean {
  if (candidate.startsWith('+')) return false;
  const length = digits.length;
  // Card numbers never start with 0; international (00…) and trunk-0 national numbers do.
  if (length >= 13 && length <= 19 && digits.charCodeAt(0) !== 48 && luhnValid(digits)) return true;
  if (length === 13 && /^97[89]/.test(digits) && ean13Valid(digits)) return true;
  if ((length === 10 || length === 13) && candidate === digits && digits.charCodeAt(0) === 49) return true;
  // Thousands grouped by spaces: 12 500 000, 1 250 000 (3-3-3 stays a number: Spain, Poland).
  return THOUSANDS.test(candidate);
}

const GLUED_BEFORE = /[\p{L}\p{N}_@#&]$/u;
const JOINED_BEFORE = /(?:[\p{L}\p{N}][-/]|\d[.,:]|#\s?)$/u;
const CURRENCY_BEFORE =
  /(?:[$€£¥₹₽₩¢]|\b(?:USD|EUR|GBP|CHF|JPY|CNY|INR|CAD|AUD|SEK|NOK|DKK|PLN|BRL|RUB))\s?$/;
const LABEL_BEFORE = /\b(?:ISBN(?:-1[03])?|ISSN|IBAN|SSN|EAN|UPC)\s*:?\s*$/i;

const GLUED_AFTER = /^[\p{L}\p{N}_@]/u;
const JOINED_AFTER =
  /^(?:[-/][\p{L}\p{N}]|[.,:]\d|%|\s?(?:[$€£¥₹₽₩¢]|(?:USD|EUR|GBP|CHF|JPY|INR|CAD|AUD)\b))/u;

/**
 * Whether the characters around [start, end) make the digits part of something bigger: letters or
 * digits glued on (PO4155552671, A-4155552671, 4155552671X), an id marker (#4155552671, Order #123…),
 * a time (10:30), a decimal or thousands part (1,250.00), a currency or percent sign, or a label
 * such as ISBN.
 */
export function isEmbedded(text: string, start: number, end: number): boolean {
  // The whole text: nothing around it to be glued to (a table cell holding just the number).
  if (start === 0 && end >= text.length) return false;
  const before = text.slice(Math.max(0, start - 8), start);
  const after = text.slice(end, end + 6);
  if (GLUED_BEFORE.test(before) || JOINED_BEFORE.test(before) || CURRENCY_BEFORE.test(before)) return true;
  if (GLUED_AFTER.test(after) || JOINED_AFTER.test(after)) return true;
  return LABEL_BEFORE.test(text.slice(Math.max(0, start - 12), start));
}

/** A five-digit German/French-style postcode right before a capitalized town name: "10115 Berlin". */
export function isPostcodeBeforeTown(text: string, token: string, end: number): boolean {
  return /^\d{5}$/.test(token) && /^ \p{Lu}\p{Ll}/u.test(text.slice(end, end + 3));
}

const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g;

/** Ranges of IBANs in the text (DE89 3704 0044 0532 0130 00, GB29 NWBK 6016 1331 9268 19). */
export function ibanRanges(text: string): [number, number][] {
  if (!/[A-Z]{2}\d{2}/.test(text)) return [];
  const ranges: [number, number][] = [];
  for (const match of text.matchAll(IBAN)) ranges.push([match.index, match.index + match[0].length]);
  return ranges;
}
