import './style.css';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startDetection } from '../../lib/dom/engine';
import { countryFromLocale } from '../../lib/phone/normalize';
import { lookupEmailFromPage } from './email-lookup';
import { answerPageMessages } from './page-messages';
import { sendFromPage } from './send';

export default defineContentScript({
  // Close's app and the local sandbox CRM. Per-site enabling arrives with the detection engine (issue 6).
  matches: ['https://app.close.com/*', 'http://localhost/*', 'http://127.0.0.1/*'],
  runAt: 'document_idle',
  main(ctx) {
    const controller = new AbortController();
    ctx.onInvalidated(() => controller.abort());
    const detection = startDetection(window, {
      defaultCountry: countryFromLocale(navigator.language),
      signal: controller.signal,
      onDial: (phone) => {
        sendFromPage('dial', { phone, source: 'page' }).catch((error: unknown) => {
          console.warn('Ringside could not dial:', error instanceof Error ? error.message : error);
        });
      },
      onLookupEmail: lookupEmailFromPage,
    });
    answerPageMessages(detection, controller.signal);
  },
});
