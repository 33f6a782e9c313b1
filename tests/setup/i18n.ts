import { fakeBrowser } from 'wxt/testing';
import { englishMessage } from '../support/english-messages';

// WXT's fake browser has no i18n: unit tests read the English catalogue, so they assert the sentences
// an English-speaking recruiter sees.
fakeBrowser.i18n.getMessage = englishMessage as typeof fakeBrowser.i18n.getMessage;
fakeBrowser.i18n.getUILanguage = () => 'en';
