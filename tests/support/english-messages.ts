import { readFileSync } from 'node:fs';

/**
 * `i18n.getMessage` outside a browser, answering from the English catalogue the way Chrome does: `$1`..`$9`
 * are the substitutions (a missing one is empty), `$$` is a `$`, and an unknown name gives ''. Unit tests
 * (tests/setup/i18n.ts) and Playwright's Node side (tests/e2e/node-i18n.ts) use it, so both see the same
 * English sentences the extension shows.
 */
const catalog = JSON.parse(
  readFileSync(new URL('../../public/_locales/en/messages.json', import.meta.url), 'utf8'),
) as Record<string, { message: string }>;

export function englishMessage(name: string, substitutions?: string | string[]): string {
  if (name === '@@ui_locale') return 'en';
  const entry = Object.entries(catalog).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  if (!entry) return '';
  const values = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
  return entry.message.replace(/\$(\$+|[1-9])/g, (_match, what: string) =>
    what.startsWith('$') ? what : (values[Number(what) - 1] ?? ''),
  );
}
