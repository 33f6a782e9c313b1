import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const LOCALES = resolve(import.meta.dirname, '../../public/_locales');
const catalogSchema = z.record(
  z.string().regex(/^[A-Za-z0-9_]+$/, 'Chrome allows only letters, digits and _ in message names'),
  z.object({ message: z.string().min(1), description: z.string().optional() }),
);
const read = (lang: string) =>
  catalogSchema.parse(JSON.parse(readFileSync(resolve(LOCALES, lang, 'messages.json'), 'utf8')));
const placeholders = (text: string) => [...text.matchAll(/\$(\d)/g)].map((match) => match[1]).sort();

const english = read('en');
const others = readdirSync(LOCALES).filter((lang) => lang !== 'en');

describe('_locales', () => {
  it('has English and at least one more language', () => {
    expect(Object.keys(english).length).toBeGreaterThan(0);
    expect(others.length).toBeGreaterThanOrEqual(1);
  });

  for (const lang of others) {
    it(`${lang} translates every English message and nothing else`, () => {
      expect(Object.keys(read(lang)).sort()).toEqual(Object.keys(english).sort());
    });

    it(`${lang} keeps every message's substitutions`, () => {
      const catalog = read(lang);
      for (const [key, { message }] of Object.entries(english)) {
        expect(placeholders(catalog[key]?.message ?? ''), key).toEqual(placeholders(message));
      }
    });
  }
});
