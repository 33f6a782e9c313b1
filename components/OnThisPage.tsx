import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../lib/i18n';
import { askPage, MessageError, send } from '../lib/messaging';
import { formatInternational } from '../lib/phone/normalize';
import {
  DEFAULT_SETTINGS,
  loadSettings,
  type PageSettings,
  saveSettings,
  siteOf,
} from '../lib/store/settings';
import { StatusMessage } from './StatusMessage';

type Contact = { kind: 'phone' | 'email'; value: string };

/** The numbers and emails Ringside found on the current tab, each one click from a call or a lookup. */
export function OnThisPage() {
  const [contacts, setContacts] = useState<Contact[] | undefined>();
  const [site, setSite] = useState<string>();
  const [settings, setSettings] = useState<PageSettings>(DEFAULT_SETTINGS);
  const [error, setError] = useState<string>();

  useEffect(() => {
    let alive = true;
    const refresh = async () => {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      const answer = tab?.id === undefined ? undefined : await askPage(tab.id, 'page.contacts');
      // The URL is known only where Ringside may run (host permission): exactly where the switch matters.
      const loaded = await loadSettings(browser.storage.local);
      if (!alive) return;
      setContacts(answer?.contacts);
      setSite(tab?.url ? siteOf(tab.url) : undefined);
      setSettings(loaded);
    };
    void refresh();
    const onActivated = () => void refresh();
    const onUpdated = (_id: number, change: { status?: string }) => {
      if (change.status === 'complete') void refresh();
    };
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    // Pages keep rendering after load (lists, lazy rows): look again now and then while the panel is open.
    const timer = setInterval(() => void refresh(), 5_000);
    return () => {
      alive = false;
      clearInterval(timer);
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, []);

  const act = (action: Promise<unknown>) =>
    action.then(
      () => setError(undefined),
      (cause: unknown) => setError(cause instanceof MessageError ? cause.message : t('common_didNotWork')),
    );

  const off = site !== undefined && settings.disabledSites.includes(site);
  const toggleSite = (disable: boolean) => {
    if (!site) return;
    const disabledSites = disable
      ? [...settings.disabledSites, site]
      : settings.disabledSites.filter((other) => other !== site);
    const next = { ...settings, disabledSites };
    setSettings(next);
    void saveSettings(browser.storage.local, next);
    if (disable) setContacts(undefined);
  };
  if (off) {
    return (
      <section aria-label={t('onPage_title')}>
        <p class="muted">
          {t('onPage_off', site)}{' '}
          <button type="button" class="secondary" onClick={() => toggleSite(false)}>
            {t('onPage_turnOn')}
          </button>
        </p>
      </section>
    );
  }
  if (contacts === undefined) return null;
  const phones = contacts.filter((contact) => contact.kind === 'phone');
  const emails = contacts.filter((contact) => contact.kind === 'email');
  return (
    <section aria-label={t('onPage_title')}>
      <h2>{t('onPage_title')}</h2>
      {!contacts.length && <p class="muted">{t('onPage_none')}</p>}
      <ul class="plain">
        {phones.map((contact) => (
          <li key={contact.value}>
            <button
              type="button"
              class="secondary"
              onClick={() => act(send('dial', { phone: contact.value, source: 'panel' }))}
            >
              {t('onPage_call', formatInternational(contact.value))}
            </button>
          </li>
        ))}
        {emails.map((contact) => (
          <li key={contact.value}>
            <button
              type="button"
              class="secondary"
              onClick={() => act(send('lookup.email', { email: contact.value, source: 'panel' }))}
            >
              {t('onPage_lookUp', contact.value)}
            </button>
          </li>
        ))}
      </ul>
      {site && (
        <button type="button" class="secondary" onClick={() => toggleSite(true)}>
          {t('onPage_turnOff')}
        </button>
      )}
      {error && <StatusMessage tone="error">{error}</StatusMessage>}
    </section>
  );
}
