import './style.css';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startDetection } from '../../lib/dom/engine';
import { t } from '../../lib/i18n';
import { countryFromLocale } from '../../lib/phone/normalize';
import { loadSettings, readSettings, SETTINGS_KEY, siteOf } from '../../lib/store/settings';
import { lookupEmailFromPage } from './email-lookup';
import { answerPageMessages } from './page-messages';
import { sendFromPage } from './send';

export default defineContentScript({
  // Registered by the background (lib/background/page-scripts.ts) for connected CRMs' web apps and the
  // sites enabled from the side panel, each behind its optional host permission.
  registration: 'runtime',
  runAt: 'document_idle',
  // Started again in a tab that has it ("Enable on this site" after "Stop"), WXT's context stops the
  // older instance first (ctx.onInvalidated below), so one engine runs per page.
  async main(ctx) {
    const site = siteOf(location.href);
    const settings = await loadSettings(browser.storage.local);
    if (site && settings.disabledSites.includes(site)) return;
    const controller = new AbortController();
    ctx.onInvalidated(() => controller.abort());
    // Turned off on this site while the page is open: stop at once (turning it on again takes a reload).
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const change = changes[SETTINGS_KEY];
      if (area === 'local' && change && site && readSettings(change.newValue).disabledSites.includes(site)) {
        controller.abort();
      }
    };
    browser.storage.onChanged.addListener(onChanged);
    controller.signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChanged));

    const detection = startDetection(window, {
      defaultCountry: settings.defaultCountry ?? countryFromLocale(navigator.language),
      leaveTelLinks: settings.leaveTelLinks,
      signal: controller.signal,
      onDial: (phone) => {
        sendFromPage('dial', { phone, source: 'page' }).catch((error: unknown) => {
          console.warn('Ringside could not dial:', error instanceof Error ? error.message : error);
        });
      },
      onLookupEmail: lookupEmailFromPage,
      overlayText: ({ kind, value }) =>
        kind === 'phone'
          ? { label: t('overlay_call'), title: t('overlay_callTitle', value) }
          : { label: t('overlay_lookUp'), title: t('overlay_lookUpTitle', value) },
    });
    answerPageMessages(detection, controller.signal);
  },
});
