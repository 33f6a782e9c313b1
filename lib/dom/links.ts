import type { CountryCode } from 'libphonenumber-js';
import { toE164 } from '../phone/normalize';

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The number a `tel:` href dials: E.164 when it parses, else the href's own text (the background
 * decides what it can dial). Parameters (`;ext=12`, `;phone-context=`) are dropped.
 */
export function telValue(href: string, defaultCountry: CountryCode): string | undefined {
  const raw = decode(href.replace(/^tel:\/*/i, ''))
    .split(/[;?]/)[0]
    ?.trim();
  if (!raw) return undefined;
  return toE164(raw, defaultCountry) ?? raw;
}

/** The first address of a `mailto:` href, lower-cased; undefined when there is none. */
export function mailtoValue(href: string): string | undefined {
  const address = decode(href.replace(/^mailto:/i, '').split('?')[0] ?? '')
    .split(',')[0]
    ?.trim()
    .toLowerCase();
  return address && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address) ? address : undefined;
}
