import type { CountryCode } from 'libphonenumber-js';
import { isCountryCode } from '../phone/normalize';

/**
 * The recruiter's page settings: the country national numbers are read in, whether `tel:` links stay
 * with the system's phone app, and sites where Ringside stays off. Content scripts read these too, so
 * the check is hand-written here rather than zod (which would double the content script, see
 * entrypoints/content/send.ts); every field is checked and a bad one falls back on its own.
 */
export interface PageSettings {
  /** Absent: the browser's locale decides. */
  defaultCountry?: CountryCode;
  leaveTelLinks: boolean;
  /** Origins ("https://app.close.com") where the content script does nothing. */
  disabledSites: string[];
}

export const SETTINGS_KEY = 'settings';
export const DEFAULT_SETTINGS: PageSettings = { leaveTelLinks: false, disabledSites: [] };

export function readSettings(raw: unknown): PageSettings {
  if (typeof raw !== 'object' || raw === null) return DEFAULT_SETTINGS;
  const value = raw as Record<string, unknown>;
  const country =
    typeof value.defaultCountry === 'string' && isCountryCode(value.defaultCountry)
      ? value.defaultCountry
      : undefined;
  const sites = Array.isArray(value.disabledSites)
    ? value.disabledSites
        .filter((site): site is string => typeof site === 'string' && site.length <= 300)
        .slice(0, 500)
    : [];
  return {
    ...(country ? { defaultCountry: country } : {}),
    leaveTelLinks: value.leaveTelLinks === true,
    disabledSites: sites,
  };
}

interface StorageAreaLike {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export async function loadSettings(area: StorageAreaLike): Promise<PageSettings> {
  return readSettings((await area.get(SETTINGS_KEY))[SETTINGS_KEY]);
}

export async function saveSettings(area: StorageAreaLike, settings: PageSettings): Promise<void> {
  await area.set({ [SETTINGS_KEY]: readSettings(settings) });
}

/** The site a page belongs to, as stored in `disabledSites`. */
export function siteOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) ? `${parsed.protocol}//${parsed.host}` : undefined;
  } catch {
    return undefined;
  }
}
