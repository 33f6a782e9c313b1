import { describe, expect, it } from 'vitest';
import { findPhoneNumbers } from '../../lib/phone/detect';
import { countryFromLocale, formatInternational, toE164 } from '../../lib/phone/normalize';

describe('toE164', () => {
  it('normalizes national numbers with the default country', () => {
    expect(toE164('(415) 555-2671', 'US')).toBe('+14155552671');
    expect(toE164('020 7946 0958', 'GB')).toBe('+442079460958');
  });
  it('keeps international numbers whatever the default country', () => {
    expect(toE164('+44 20 7946 0958', 'US')).toBe('+442079460958');
  });
  it('refuses what is not a valid number', () => {
    expect(toE164('12345', 'US')).toBeUndefined();
    expect(toE164('not a number', 'US')).toBeUndefined();
  });
});

describe('countryFromLocale', () => {
  it('takes the region of the locale', () => {
    expect(countryFromLocale('en-GB')).toBe('GB');
    expect(countryFromLocale('de-DE')).toBe('DE');
    expect(countryFromLocale('pt_BR')).toBe('BR');
  });
  it('falls back when the locale has no known region', () => {
    expect(countryFromLocale('en')).toBe('US');
    expect(countryFromLocale(undefined, 'GB')).toBe('GB');
    expect(countryFromLocale('en-XX', 'FR')).toBe('FR');
  });
});

describe('formatInternational', () => {
  it('formats E.164 for display', () => {
    expect(formatInternational('+14155552671')).toBe('+1 415 555 2671');
  });
});

describe('findPhoneNumbers', () => {
  it('finds national and international numbers with their positions', () => {
    const text = 'Call Jane at (415) 555-2671 or Priya on +44 20 7946 0958.';
    const found = findPhoneNumbers(text, 'US');
    expect(found.map((match) => match.value)).toEqual(['+14155552671', '+442079460958']);
    const first = found[0];
    expect(first && text.slice(first.start, first.end)).toBe('(415) 555-2671');
  });
  it('does not take dates, prices or short ids for numbers', () => {
    expect(findPhoneNumbers('Meeting on 2026-11-22 at 10:30, fee $1,250.00, ref 12345', 'US')).toEqual([]);
  });
  it('does not take ids after # or digits glued to letters for numbers', () => {
    expect(findPhoneNumbers('Purchase order #4155552671', 'US')).toEqual([]);
    expect(findPhoneNumbers('PO4155552671 and 4155552671X', 'US')).toEqual([]);
    expect(findPhoneNumbers('Phone: 415-555-2671.', 'US').map((match) => match.value)).toEqual([
      '+14155552671',
    ]);
  });
});
