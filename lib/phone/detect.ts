import { type CountryCode, findPhoneNumbersInText } from 'libphonenumber-js';

export interface PhoneMatch {
  start: number;
  end: number;
  /** E.164, extension dropped. */
  value: string;
}

/**
 * Phone numbers in a run of text. libphonenumber's matcher already refuses most dates, prices and ids
 * because it only keeps numbers valid for their country; the full detection engine (issue 6) adds its
 * own rejections on top.
 */
export function findPhoneNumbers(text: string, defaultCountry: CountryCode): PhoneMatch[] {
  // Cheap guard: no run of 7 digits (allowing separators) means no phone number.
  if (!/\d(?:[\s().\u00a0\u2013-]*\d){6}/.test(text)) return [];
  return findPhoneNumbersInText(text, { defaultCountry })
    .filter((found) => found.number.isValid() && standsAlone(text, found.startsAt, found.endsAt))
    .map((found) => ({ start: found.startsAt, end: found.endsAt, value: found.number.number }));
}

/** An id after `#`, or digits glued to letters or other digits ("PO#4155552671", "A4155552671"), are not numbers. */
function standsAlone(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 1), start);
  const after = text.slice(end, end + 1);
  return !/[#\p{L}\p{N}_/]/u.test(before) && !/[\p{L}\p{N}_]/u.test(after);
}
