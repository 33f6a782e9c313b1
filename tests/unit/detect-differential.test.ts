/**
 * The detector is tuned for speed (fast paths, char-code loops instead of regexes, a numeric parse
 * cache); its answers must not move. tests/support/detect-reference/ holds the straightforward
 * implementation the tuned one replaced (detect.ts, detect-traps.ts and valid.ts as they were), kept
 * only here as the reference: every input below must give the same matches (kind, start, end, value)
 * from both. Fixture texts, the benchmark page's texts, and seeded random strings built to hit
 * the edges (separators, brackets, traps, unicode spaces, dashes and digits, emails, extensions).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CountryCode } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { clearParseCache, findContacts } from '../../lib/phone/detect';
import { DETECTION_PAGE_COUNTRY, renderDetectionPage } from '../sandbox/pages-detect';
import { mulberry32 as seeded } from '../sandbox/seeded-random';
import { findContacts as referenceFindContacts } from '../support/detect-reference/detect';

const COUNTRIES: CountryCode[] = ['US', 'GB', 'DE', 'FR', 'BR', 'IN', 'JP'];

/** Inputs on which the two disagree, described, at most `limit` of them. */
function differences(texts: readonly string[], countries: readonly CountryCode[], limit = 10): string[] {
  const found: string[] = [];
  for (const defaultCountry of countries) {
    for (const text of texts) {
      const actual = findContacts(text, { defaultCountry });
      const expected = referenceFindContacts(text, { defaultCountry });
      if (JSON.stringify(actual) === JSON.stringify(expected)) continue;
      found.push(`${JSON.stringify(text)} in ${defaultCountry}: ${JSON.stringify(actual)}`);
      if (found.length >= limit) return found;
    }
  }
  return found;
}

/** How many of the texts hold at least one contact by the reference: the inputs must not be all misses. */
function withContacts(texts: readonly string[], defaultCountry: CountryCode): number {
  return texts.filter((text) => referenceFindContacts(text, { defaultCountry }).length > 0).length;
}

function fixtureTexts(): string[] {
  const folder = resolve(import.meta.dirname, '../fixtures/detection');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .flatMap((name) =>
      (JSON.parse(readFileSync(resolve(folder, name), 'utf8')) as { text: string }[]).map(
        (item) => item.text,
      ),
    );
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': '\u00a0',
};

/** The text of every table cell of the benchmark page, and of every row whole, tags stripped. */
function benchmarkTexts(): string[] {
  const { html } = renderDetectionPage(2000);
  const text = (fragment: string) =>
    fragment
      .replace(/<[^>]*>/g, '')
      .replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity] ?? '');
  const cells = [...html.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((match) => text(match[1] ?? ''));
  const rows = [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((match) =>
    text((match[1] ?? '').replace(/<\/td>/g, ' ')),
  );
  return [...cells, ...rows];
}

const SEPARATORS = [
  ' ',
  '-',
  '.',
  '/',
  '(',
  ')',
  '+',
  '#',
  ',',
  ':',
  ' - ',
  ' . ',
  ') ',
  ') - ',
  ' (',
  '  ',
  ', ',
  ': ',
];
const UNICODE = [
  '\u00a0',
  '\u2009',
  '\u202f',
  '\u3000',
  '\u2013',
  '\u2014',
  '\u2212',
  '\uff0b',
  '\uff08',
  '\uff09',
];
const WORDS = [
  'Tel',
  'ext.',
  'ext',
  'x',
  'X',
  'extension',
  'Office',
  'ISBN',
  'USD',
  '€',
  '$',
  '%',
  'CA',
  'DE89',
];
const WORDS_MORE = [
  'Berlin',
  'Order',
  'v',
  'rc',
  'é',
  'Ab',
  'IBAN',
  'EUR',
  '£',
  'T',
  'Z',
  'am',
  'GB29',
  'NWBK',
];
const EMAIL_PARTS = [
  'jane.doe',
  'a',
  'x_y',
  '.',
  '..',
  '-',
  'acme.com',
  'b.co.uk',
  '2x.png',
  'host',
  'ex.de',
];

/** Number shapes of the default countries; `#` is a random digit. */
const SHAPES = [
  '(415) ###-####',
  '415.###.####',
  '+1 212 ### ####',
  '1-646-###-####',
  '+44 20 7### ####',
  '020 7### ####',
  '07### ######',
  '+49 30 ########',
  '030 #######',
  '0151 ########',
  '01 4# ## ## ##',
  '06 ## ## ## ##',
  '+33 6 ## ## ## ##',
  '(11) 9####-####',
  '+55 11 9####-####',
  '+91 98### #####',
  '098### #####',
  '03-####-####',
  '090-####-####',
  '00 44 20 7### ####',
  '011 44 20 7### ####',
];

/** One random string: digit groups glued by separators, with words, unicode, emails and traps mixed in. */
function randomText(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const shape = () => pick(SHAPES).replace(/#/g, () => String(Math.floor(random() * 10)));
  const digits = (count: number) => {
    let out = '';
    for (let index = 0; index < count; index++) {
      const digit = Math.floor(random() * 10);
      out += random() < 0.05 ? String.fromCharCode(0xff10 + digit) : String(digit);
    }
    return out;
  };
  let text = '';
  const parts = 1 + Math.floor(random() * 9);
  for (let part = 0; part < parts; part++) {
    const roll = random();
    if (roll < 0.2) text += shape();
    else if (roll < 0.5) text += digits(1 + Math.floor(random() * (random() < 0.2 ? 14 : 5)));
    else if (roll < 0.75) text += pick(SEPARATORS);
    else if (roll < 0.82) text += pick(UNICODE);
    else if (roll < 0.9) text += pick(random() < 0.5 ? WORDS : WORDS_MORE);
    else if (roll < 0.95) text += `${pick(EMAIL_PARTS)}@${pick(EMAIL_PARTS)}`;
    else
      text += pick(['2024-03-12', '12.03.2024', '192.168.1.20', '4.18.2', '978-3-16-148410-0', '1712345678']);
  }
  return text;
}

describe('findContacts matches the reference implementation', () => {
  it('on every fixture text, in every default country', () => {
    const texts = fixtureTexts();
    expect(texts.length).toBeGreaterThan(100);
    expect(differences(texts, COUNTRIES)).toEqual([]);
  });

  it('on the benchmark page’s texts, with a cold and a warm parse cache', () => {
    const texts = benchmarkTexts();
    expect(texts.length).toBeGreaterThan(10_000);
    expect(withContacts(texts, DETECTION_PAGE_COUNTRY)).toBeGreaterThan(5000);
    clearParseCache();
    expect(differences(texts, [DETECTION_PAGE_COUNTRY, 'GB', 'DE'])).toEqual([]);
    expect(differences(texts, [DETECTION_PAGE_COUNTRY])).toEqual([]);
  });

  it('on seeded random strings, in every default country', () => {
    const random = seeded(2026);
    const texts = Array.from({ length: 6000 }, () => randomText(random));
    expect(withContacts(texts, 'US')).toBeGreaterThan(600);
    expect(differences(texts, COUNTRIES)).toEqual([]);
  });

  it('on the random strings cut at every offset (edges of runs, brackets and blocks)', () => {
    const random = seeded(11);
    const texts: string[] = [];
    for (let index = 0; index < 300; index++) {
      const text = randomText(random) + randomText(random);
      for (let cut = 1; cut < text.length; cut++) texts.push(text.slice(0, cut), text.slice(cut));
    }
    expect(differences(texts, ['US', 'DE', 'IN'])).toEqual([]);
  });
});
