import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createConnectionService } from '../lib/background/connections';
import { createHandlers } from '../lib/background/handlers';
import { openPanelOnActionClick } from '../lib/background/panel';
import { createRouter, safeOrigin } from '../lib/background/router';
import { countryFromLocale } from '../lib/phone/normalize';
import { indexedDbSecrets } from '../lib/store/secrets';

export default defineBackground(() => {
  const connections = createConnectionService(indexedDbSecrets);
  const route = createRouter(
    createHandlers({ connections, defaultCountry: () => countryFromLocale(navigator.language) }),
    {
      extensionId: browser.runtime.id,
      extensionOrigin: safeOrigin(browser.runtime.getURL('/')) ?? '',
    },
  );
  // Registered synchronously at start-up: the worker may have been woken by this very message.
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  openPanelOnActionClick();
});
