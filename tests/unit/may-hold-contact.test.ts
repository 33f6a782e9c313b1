import { describe, expect, it } from 'vitest';
import { mayHoldContact, mayHoldContactAcross } from '../../lib/phone/detect';
import { mulberry32 as random } from '../sandbox/seeded-random';

/** The rule mayHoldContact implements by hand: an `@`, or seven digits with at most three other characters (no line break) between each. */
const RULE = /@|[0-9\uff10-\uff19](?:[^0-9\uff10-\uff19\n]{0,3}[0-9\uff10-\uff19]){6}/;

const ALPHABET = ['1', '2', '9', '０', '９', ' ', '-', '.', '(', ')', '\n', 'a', 'Z', '@', '\u00a0', '/'];

describe('mayHoldContact', () => {
  it.each([
    ['415-555-2671', true],
    ['(415) 555-2671', true],
    ['+1 (415) 555', true],
    ['jane@acme.io', true],
    ['call 41 5 55', false],
    ['1234    567', false],
    ['123\n4567', false],
    ['１２３４５６７', true],
    ['v2.3.14 · 2024', true],
    ['room 12, floor 3, 2 min', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(mayHoldContact(text)).toBe(expected);
  });

  it('answers as the regex rule on 20,000 seeded random strings', () => {
    const next = random(6);
    let held = 0;
    for (let round = 0; round < 20_000; round++) {
      const length = Math.floor(next() * 24);
      let text = '';
      for (let index = 0; index < length; index++) {
        // Digits twice as likely as the rest, so both answers come up often.
        const pick =
          next() < 0.45 ? String(Math.floor(next() * 10)) : ALPHABET[Math.floor(next() * ALPHABET.length)];
        text += pick;
      }
      const expected = RULE.test(text);
      if (expected) held++;
      expect(mayHoldContact(text), JSON.stringify(text)).toBe(expected);
    }
    expect(held).toBeGreaterThan(2_000);
    expect(held).toBeLessThan(18_000);
  });

  it.each([
    [['(415)', ' 555-2671'], true],
    [['+1 ', '415', ' 555'], true],
    [['jane', '@acme.io'], true],
    [['415', '\n', '5552671'], true],
    [['41', '5\n55', '26'], false],
    [['123', '    ', '4567'], false],
    [[], false],
  ])('across nodes %j → %s', (parts, expected) => {
    expect(mayHoldContactAcross(parts.map((data) => ({ data })))).toBe(expected);
  });

  it('answers across split text as it does for the joined text (seeded random splits)', () => {
    const next = random(11);
    let held = 0;
    for (let round = 0; round < 5_000; round++) {
      let text = '';
      const length = Math.floor(next() * 24);
      for (let index = 0; index < length; index++)
        text +=
          next() < 0.45 ? String(Math.floor(next() * 10)) : ALPHABET[Math.floor(next() * ALPHABET.length)];
      const parts: { data: string }[] = [];
      for (let cut = 0; cut < text.length; ) {
        const end = cut + 1 + Math.floor(next() * 6);
        parts.push({ data: text.slice(cut, end) });
        cut = end;
      }
      const expected = mayHoldContact(text);
      if (expected) held++;
      expect(mayHoldContactAcross(parts), JSON.stringify(parts)).toBe(expected);
    }
    expect(held).toBeGreaterThan(500);
  });
});
