import { englishMessage } from '../support/english-messages';

/**
 * Playwright's Node side imports lib/ modules (the provider registry, for field labels) that translate
 * through `wxt/browser`, which outside an extension is `globalThis.chrome`. Import this module before any
 * of them, so their labels come out in English, as the extension under test shows them.
 */
const scope = globalThis as { chrome?: unknown; browser?: unknown };
scope.chrome ??= { i18n: { getMessage: englishMessage, getUILanguage: () => 'en' } };
