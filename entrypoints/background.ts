import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { missingOriginsFrom } from '../lib/background/access';
import { createActivityTypes } from '../lib/background/activity-types';
import { showOutboxBadge } from '../lib/background/badge';
import { createConnectionService } from '../lib/background/connections';
import { onDialerCommand } from '../lib/background/dialer-command';
import { createHandlers } from '../lib/background/handlers';
import { createIndexSync } from '../lib/background/index-sync';
import { webLock } from '../lib/background/lock';
import { createLookups } from '../lib/background/lookup';
import { createLookupCache } from '../lib/background/lookup-cache';
import { createOutbox } from '../lib/background/outbox';
import { injectIntoTab, removeOrigins } from '../lib/background/page-inject';
import { createPageScripts, wantedSites } from '../lib/background/page-scripts';
import { openPanelOnActionClick } from '../lib/background/panel';
import { createRecordChanges } from '../lib/background/record-handlers';
import { createRouter, safeOrigin } from '../lib/background/router';
import { withSiteHandlers } from '../lib/background/sites';
import { keepSessionStorageTrusted } from '../lib/background/storage-access';
import { createThrottle } from '../lib/background/throttle';
import { createUserMapping } from '../lib/background/user-mapping';
import { countryFromLocale } from '../lib/phone/normalize';
import { activeDialItem } from '../lib/store/active-dial';
import { connectionsItem } from '../lib/store/connections';
import { createContactIndex } from '../lib/store/contact-index';
import { enabledSitesItem } from '../lib/store/enabled-sites';
import { outboxStore } from '../lib/store/outbox';
import { indexedDbSecrets } from '../lib/store/secrets';
import { DEFAULT_SETTINGS, loadSettings, readSettings, SETTINGS_KEY } from '../lib/store/settings';

const INDEX_ALARM = 'ringside:index-sync';
const OUTBOX_ALARM = 'ringside:outbox';
const INDEX_EVERY_MINUTES = 30;

export default defineBackground(() => {
  const missingOrigins = missingOriginsFrom(browser.permissions);
  const connections = createConnectionService(indexedDbSecrets, { lock: webLock, missingOrigins });
  const index = createContactIndex();
  const indexSync = createIndexSync(connections, index);
  // Kept in memory so dial() can read it synchronously, before its click's user gesture expires.
  let settings = DEFAULT_SETTINGS;
  void loadSettings(browser.storage.local).then((loaded) => {
    settings = loaded;
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[SETTINGS_KEY]) settings = readSettings(changes[SETTINGS_KEY].newValue);
  });
  const defaultCountry = () => settings.defaultCountry ?? countryFromLocale(navigator.language);
  const lookups = createLookups({ connections, index, defaultCountry, cache: createLookupCache() });
  const recordChanged = createRecordChanges({ index, lookups });
  const outbox = createOutbox({
    connections,
    store: outboxStore,
    throttle: createThrottle(),
    wakeAt: (when) => void browser.alarms.create(OUTBOX_ALARM, { when }),
    onCounts: showOutboxBadge,
    lock: webLock,
    onRecordUpdated: (connection, record) => void recordChanged(connection, record),
  });
  const userMapping = createUserMapping(connections);
  const activityTypes = createActivityTypes(connections);
  const pageScripts = createPageScripts({
    scripting: browser.scripting,
    missingOrigins,
    wanted: async () => wantedSites(await connectionsItem.get(), await enabledSitesItem.get()),
  });
  const handlers = withSiteHandlers(
    createHandlers({
      connections,
      index,
      indexSync,
      outbox,
      defaultCountry,
      lookups,
      userMapping,
      activityTypes,
    }),
    {
      connections,
      pageScripts,
      missingOrigins,
      injectInto: injectIntoTab,
      removeOrigins,
    },
  );
  const route = createRouter(handlers, {
    extensionId: browser.runtime.id,
    extensionOrigin: safeOrigin(browser.runtime.getURL('/')) ?? '',
  });
  // Listeners are registered synchronously at start-up: the worker may have been woken by this very event.
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  browser.commands.onCommand.addListener(onDialerCommand);
  // The CRMs are asked as soon as a number is dialled, while the side panel is still opening; its own
  // lookups then share these searches or find them in the cache.
  activeDialItem.watch((dial) => {
    if (dial) void lookups.all('phone' in dial ? { phone: dial.phone } : { email: dial.email });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === INDEX_ALARM) void indexSync.syncAll();
    if (alarm.name === OUTBOX_ALARM) void outbox.drain();
  });
  globalThis.addEventListener('online', () => void outbox.drain());
  // Credentials saved before encryption are encrypted now (reads also encrypt them one by one).
  indexedDbSecrets.migrate().catch(() => console.error('Ringside: saved credentials could not be encrypted'));
  // Host permissions come and go from the browser's own settings too: follow them.
  browser.permissions.onAdded.addListener(() => {
    void pageScripts.sync();
    void outbox.resumeAfterAccess();
  });
  browser.permissions.onRemoved.addListener(() => void pageScripts.sync());
  void pageScripts.sync();
  // Whatever a stopped worker left behind is delivered (or checked, if it was mid-request) now.
  void outbox.recover();
  void browser.alarms.get(INDEX_ALARM).then((existing) => {
    if (!existing)
      void browser.alarms.create(INDEX_ALARM, { periodInMinutes: INDEX_EVERY_MINUTES, delayInMinutes: 1 });
  });
  openPanelOnActionClick();
  keepSessionStorageTrusted();
});
