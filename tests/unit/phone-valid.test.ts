import {
  type CountryCode,
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/min';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import { validNumber } from '../../lib/phone/valid';
import { mulberry32 as seeded } from '../sandbox/seeded-random';

/** What the detector used to ask libphonenumber-js: the reference the fast path must agree with. */
const reference = (input: string, country: CountryCode) => {
  const parsed = parsePhoneNumberFromString(input, country);
  return parsed?.isValid() ? parsed.number : undefined;
};

/** Every country's example mobile number, in the shapes a page shows it, plus near misses. */
function inputsFor(country: CountryCode, random: () => number): string[] {
  const national = (examples as Record<string, string>)[country];
  if (!national) return [];
  const code = getCountryCallingCode(country);
  const digit = () => String(Math.floor(random() * 10));
  const variants = [
    national,
    national.slice(0, -1) + digit(),
    national.slice(0, -2) + digit() + digit(),
    national.slice(0, -1),
    national + digit(),
    `0${national}`,
    `1${national}`,
    `8${national}`,
  ];
  return variants.flatMap((value) => [
    value,
    `+${code}${value}`,
    `${code}${value}`,
    `00${code}${value}`,
    `011${code}${value}`,
    `+${code}0${value}`,
  ]);
}

describe('validNumber', () => {
  it('agrees with libphonenumber-js for every country’s numbers, in every country', () => {
    const random = seeded(42);
    const defaults: CountryCode[] = ['US', 'GB', 'DE', 'FR', 'IN', 'AU', 'BR', 'JP', 'RU', 'IT', 'CA', 'NL'];
    let compared = 0;
    let valid = 0;
    const differences: string[] = [];
    for (const country of getCountries()) {
      for (const input of inputsFor(country, random)) {
        for (const defaultCountry of [country, ...defaults]) {
          compared++;
          const expected = reference(input, defaultCountry);
          if (expected) valid++;
          const actual = validNumber(input, defaultCountry);
          if (actual !== expected) differences.push(`${input} in ${defaultCountry}: ${actual} ≠ ${expected}`);
        }
      }
    }
    expect(differences.slice(0, 20)).toEqual([]);
    expect(compared).toBeGreaterThan(100_000);
    // Not a comparison of refusals: a good share of the inputs are valid numbers.
    expect(valid / compared).toBeGreaterThan(0.2);
  });

  it('agrees on random digit strings, with and without +', () => {
    const random = seeded(7);
    const differences: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const length = 6 + Math.floor(random() * 12);
      let digits = '';
      for (let d = 0; d < length; d++) digits += String(Math.floor(random() * 10));
      const input = random() < 0.5 ? `+${digits}` : digits;
      for (const country of ['US', 'GB', 'DE', 'IN', 'CN'] as CountryCode[]) {
        const expected = reference(input, country);
        const actual = validNumber(input, country);
        if (actual !== expected) differences.push(`${input} in ${country}: ${actual} ≠ ${expected}`);
      }
    }
    expect(differences.slice(0, 20)).toEqual([]);
  });

  it('reads national, international and access-code forms', () => {
    expect(validNumber('4155552671', 'US')).toBe('+14155552671');
    expect(validNumber('14155552671', 'US')).toBe('+14155552671');
    expect(validNumber('+442079460958', 'US')).toBe('+442079460958');
    expect(validNumber('02079460958', 'GB')).toBe('+442079460958');
    expect(validNumber('00442079460958', 'DE')).toBe('+442079460958');
    expect(validNumber('01144207946095', 'US')).toBeUndefined();
    expect(validNumber('1234567', 'US')).toBeUndefined();
  });
});
