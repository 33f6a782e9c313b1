import { type ComponentChildren, Fragment, h } from 'preact';
import { browser } from 'wxt/browser';
import { type MessageKey, t } from '../lib/i18n';

/**
 * What the extension pages need on top of `t`: a message with elements in it, lists, plural forms and the
 * UI's locale. Translators always see whole sentences; code never glues translated fragments together.
 */

/** The browser's UI language ("en-US", "es"), the one the catalogue was chosen for. */
export const uiLocale = (): string => browser.i18n.getUILanguage();

/** Private-use characters mark where each element goes; no message text contains them. */
const MARK = /\uE000(\d)\uE001/;

/**
 * A message whose `$1`.. are elements (a `<time>`, a `<strong>`), placed where the translation puts them.
 * Strings may be passed too.
 */
export function tNodes(key: MessageKey, ...parts: ComponentChildren[]) {
  const text = t(key, ...parts.map((_, index) => `\uE000${index}\uE001`));
  const pieces = text.split(MARK).map((piece, index) => (index % 2 === 0 ? piece : parts[Number(piece)]));
  return h(Fragment, null, ...pieces);
}

/** "a and b and c", in the UI's language. */
export function joinAnd(items: string[]): string {
  const [first = '', ...rest] = items;
  return rest.reduce((list, item) => t('common_listAnd', list, item), first);
}

/** The singular or plural message for `count`, by the UI language's plural rules. */
export function plural(count: number, one: MessageKey, other: MessageKey): MessageKey {
  return new Intl.PluralRules(uiLocale()).select(count) === 'one' ? one : other;
}
