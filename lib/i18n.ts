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

/**
 * A zod message looked up when a check fails rather than when the schema is built, so a schema can be a
 * module-level constant: `.min(1, lazyMessage('key'))`, `.refine(test, { ...lazyMessage('key'), abort: true })`.
 */
export function lazyMessage(key: MessageKey, ...substitutions: (string | number)[]): { error: () => string } {
  return { error: () => t(key, ...substitutions) };
}

/**
 * The language of the catalogue the browser picked (not the browser's own, which may have no catalogue),
 * so dates and numbers formatted with Intl read in the same language as the sentences around them.
 */
export function messageLocale(): string {
  return t('i18n_locale');
}

/** The page's `lang`, so screen readers pronounce it in the language the strings are in (the catalogue's). */
export function applyDocumentLanguage(): void {
  document.documentElement.lang = messageLocale();
}
