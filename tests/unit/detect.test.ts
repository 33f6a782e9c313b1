import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CountryCode } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { findContacts, findPhoneNumbers } from '../../lib/phone/detect';

interface Expected {
  kind: 'phone' | 'email';
  value: string;
  /** The matched text, when the case pins the range down. */
  match?: string;
}

interface DetectionCase {
  text: string;
  defaultCountry: CountryCode;
  expect: Expected[];
}

const FIXTURES = resolve(import.meta.dirname, '../fixtures/detection');
const categories = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => ({
    name: name.replace(/\.json$/, ''),
    cases: JSON.parse(readFileSync(resolve(FIXTURES, name), 'utf8')) as DetectionCase[],
  }));

function detect(testCase: DetectionCase): Expected[] {
  const found = findContacts(testCase.text, { defaultCountry: testCase.defaultCountry });
  // Shape invariants hold for every case: inside the text, sorted, non-overlapping.
  let previousEnd = 0;
  for (const contact of found) {
    expect(contact.start).toBeGreaterThanOrEqual(previousEnd);
    expect(contact.end).toBeGreaterThan(contact.start);
    expect(contact.end).toBeLessThanOrEqual(testCase.text.length);
    previousEnd = contact.end;
  }
  return found.map((contact, index) => {
    const wanted = testCase.expect[index];
    const result: Expected = { kind: contact.kind, value: contact.value };
    if (wanted?.match !== undefined) result.match = testCase.text.slice(contact.start, contact.end);
    return result;
  });
}

describe('detection fixtures', () => {
  it('has both trap and format categories, each with cases', () => {
    expect(categories.filter((category) => category.name.startsWith('trap-')).length).toBeGreaterThan(5);
    expect(categories.filter((category) => category.name.startsWith('format-')).length).toBeGreaterThan(5);
    for (const category of categories) expect(category.cases.length, category.name).toBeGreaterThan(0);
  });
});

for (const category of categories) {
  describe(category.name, () => {
    it.each(category.cases.map((testCase) => [testCase.text, testCase] as const))('%j', (_text, testCase) => {
      expect(detect(testCase)).toEqual(testCase.expect);
    });
  });
}

describe('findContacts', () => {
  it('returns nothing, fast, for text without seven digits or an @', () => {
    expect(findContacts('Jane Doe · Senior Recruiter · Acme 2024', { defaultCountry: 'US' })).toEqual([]);
    expect(findContacts('', { defaultCountry: 'US' })).toEqual([]);
  });
  it('indexes the original text when unusual characters were normalized', () => {
    const text = '\u00a0\u00a0Tel\u00a0:\u00a0\uff0b44\u00a020\u00a07946\u00a00958';
    const [found] = findContacts(text, { defaultCountry: 'US' });
    expect(found && text.slice(found.start, found.end)).toBe('\uff0b44\u00a020\u00a07946\u00a00958');
  });
  it('handles long text with many numbers in order', () => {
    const rows = Array.from({ length: 200 }, (_, index) => `Row ${index}: 415-555-${String(1000 + index)}`);
    const found = findContacts(rows.join(' | '), { defaultCountry: 'US' });
    expect(found).toHaveLength(200);
    expect(found[199]?.value).toBe('+14155551199');
  });
});

describe('findPhoneNumbers', () => {
  it('keeps phones only, with the same ranges as findContacts', () => {
    const text = 'jane@acme.com (415) 555-2671';
    expect(findPhoneNumbers(text, 'US')).toEqual([{ start: 14, end: 28, value: '+14155552671' }]);
  });
});
