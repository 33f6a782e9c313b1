import { messageLocale, t } from './i18n';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

/**
 * "3 days ago", "in 2 hours", "just now": the largest whole unit between `iso` and `now`, in the language of
 * the catalogue in use so it reads like the sentence around it.
 */
export function relativeTime(iso: string, now = Date.now(), locale = messageLocale()): string | undefined {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return undefined;
  const diff = at - now;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size) return format.format(Math.trunc(diff / size), unit);
  }
  return t('relativeTime_justNow');
}

/** The absolute time, for the title beside a relative one. */
export function absoluteTime(iso: string, locale?: string): string | undefined {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return undefined;
  return new Date(at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}
