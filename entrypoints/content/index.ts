import './style.css';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { listenForDialClicks } from '../../lib/dom/clicks';
import { createHighlighter } from '../../lib/dom/highlight';
import { scanInSlices } from '../../lib/dom/scan';
import { send } from '../../lib/messaging';
import { countryFromLocale } from '../../lib/phone/normalize';

export default defineContentScript({
  // Close's app and the local sandbox CRM. Per-site enabling arrives with the detection engine (issue 6).
  matches: ['https://app.close.com/*', 'http://localhost/*', 'http://127.0.0.1/*'],
  runAt: 'document_idle',
  main(ctx) {
    const highlighter = createHighlighter(window);
    const controller = new AbortController();
    ctx.onInvalidated(() => {
      controller.abort();
      highlighter.dispose();
    });
    listenForDialClicks(document, {
      highlighter,
      signal: controller.signal,
      dial: (phone) => {
        send('dial', { phone, source: 'page' }).catch((error: unknown) => {
          console.warn('Ringside could not dial:', error instanceof Error ? error.message : error);
        });
      },
    });
    void scanInSlices(document.body, {
      defaultCountry: countryFromLocale(navigator.language),
      onFound: (found) => highlighter.add(found),
      signal: controller.signal,
    });
  },
});
