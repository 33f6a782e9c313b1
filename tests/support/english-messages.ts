import { readFileSync } from 'node:fs';

/**
 * `i18n.getMessage` outside a browser, answering from one catalogue the way Chrome does: names ignore case,
 * `$1`..`$9` are the substitutions (a missing one is empty), `$$` is a `$`, and an unknown name gives ''.
 * Unit tests (tests/setup/i18n.ts) and Playwright's Node side (tests/e2e/node-i18n.ts) use the English one,
 * so both see the sentences the extension shows in English.
 */
export function catalogMessages(lang: string): (name: string, substitutions?: string | string[]) => string {
  const catalog = JSON.parse(
    readFileSync(new URL(`../../public/_locales/${lang}/messages.json`, import.meta.url), 'utf8'),
  ) as Record<string, { message: string }>;
  const byName = new Map(Object.entries(catalog).map(([name, entry]) => [name.toLowerCase(), entry.message]));
  return (name, substitutions) => {
    if (name === '@@ui_locale') return lang;
    const message = byName.get(name.toLowerCase());
    if (message === undefined) return '';
    const values = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
    return message.replace(/\$(\$+|[1-9])/g, (_match, what: string) =>
      what.startsWith('$') ? what : (values[Number(what) - 1] ?? ''),
    );
  };
}

export const englishMessage = catalogMessages('en');
