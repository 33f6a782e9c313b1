import type { CountryCode } from 'libphonenumber-js';
import { validNumber } from '../phone/valid';

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Separators a written number may have between its digits. */
const SEPARATORS = /[\s().\-/\u00a0]/g;

/**
 * The number a `tel:` href dials: E.164 when it is a valid number, else the href's own text (the
 * background, which parses everything a person can type, decides what it can dial). Parameters
 * (`;ext=12`, `;phone-context=`) are dropped.
 */
export function telValue(href: string, defaultCountry: CountryCode): string | undefined {
  const raw = decode(href.replace(/^tel:\/*/i, ''))
    .split(/[;?]/)[0]
    ?.trim();
  if (!raw) return undefined;
  const compact = raw.replace(SEPARATORS, '');
  return (/^\+?\d{7,17}$/.test(compact) ? validNumber(compact, defaultCountry) : undefined) ?? raw;
}

/** The first address of a `mailto:` href, lower-cased; undefined when there is none. */
export function mailtoValue(href: string): string | undefined {
  let rest = href.slice(7);
  const query = rest.indexOf('?');
  if (query >= 0) rest = rest.slice(0, query);
  // Most hrefs are plain addresses: no escapes to decode.
  if (rest.includes('%')) rest = decode(rest);
  const comma = rest.indexOf(',');
  const address = (comma >= 0 ? rest.slice(0, comma) : rest).trim().toLowerCase();
  return address && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address) ? address : undefined;
}
