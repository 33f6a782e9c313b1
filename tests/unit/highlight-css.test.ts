import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_CSS } from '../../lib/dom/highlight';
import { HIGHLIGHT_NAMES, TINTS } from '../../lib/dom/painter';

/** The rules of a stylesheet as `selector → declarations`, white space and comments aside. */
function rules(css: string): Record<string, string> {
  const found: Record<string, string> = {};
  const clean = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const match of clean.matchAll(/([^{}]+)\{([^{}]*)\}/g))
    found[(match[1] ?? '').trim()] = (match[2] ?? '').replace(/\s+/g, ' ').replace(/;\s*$/, '').trim();
  return found;
}

describe('the highlight tints', () => {
  it('the content script’s stylesheet (plain CSS the manifest loads) has the same rules as HIGHLIGHT_CSS', () => {
    const shipped = readFileSync(resolve(import.meta.dirname, '../../entrypoints/content/style.css'), 'utf8');
    expect(rules(shipped)).toEqual(rules(HIGHLIGHT_CSS));
    expect(rules(HIGHLIGHT_CSS)).toEqual({
      [`::highlight(${HIGHLIGHT_NAMES.phone})`]: `background-color: ${TINTS.phone}`,
      [`::highlight(${HIGHLIGHT_NAMES.email})`]: `background-color: ${TINTS.email}`,
    });
  });
});
