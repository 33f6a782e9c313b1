import { browser } from 'wxt/browser';

/**
 * Every user-facing string comes from public/_locales/<lang>/messages.json through `t`. The keys are
 * typed from the English catalogue, so a missing or misspelt key fails the type check; a key the
 * browser cannot resolve at run time shows as itself rather than as an empty string.
 */
type Catalog = typeof import('../public/_locales/en/messages.json');
export type MessageKey = Exclude<keyof Catalog, 'default'>;

export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  const text = browser.i18n.getMessage(
    key,
    substitutions.map((value) => String(value)),
  );
  return text || key;
}

/** The page's `lang`, so screen readers pronounce it in the language the strings are in. */
export function applyDocumentLanguage(): void {
  document.documentElement.lang = browser.i18n.getMessage('@@ui_locale').replace('_', '-') || 'en';
}
