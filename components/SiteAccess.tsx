import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../lib/i18n';
import { MessageError, send } from '../lib/messaging';
import type { SiteStatus } from '../lib/protocol';
import { StatusMessage } from './StatusMessage';

type Tab = { id?: number; url?: string };

/**
 * Whether Ringside runs on the current tab's site, and "Enable on this site": the browser's permission
 * for that host is asked for from the click, then the background registers the content script for the
 * site and starts it in the tab. The tab's URL is known where Ringside has the host or was invoked from
 * the toolbar on it (activeTab).
 */
export function SiteAccess() {
  const [tab, setTab] = useState<Tab>();
  const [status, setStatus] = useState<SiteStatus>();
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string }>();

  const refresh = async () => {
    const [current] = await browser.tabs.query({ active: true, currentWindow: true });
    const next = current?.url
      ? await send('site.status', { url: current.url }).catch(() => undefined)
      : undefined;
    setTab(current ? { id: current.id, url: current.url } : undefined);
    setStatus(next);
  };

  useEffect(() => {
    void refresh();
    const onActivated = () => {
      setMessage(undefined);
      void refresh();
    };
    const onUpdated = (_id: number, change: { status?: string; url?: string }) => {
      if (change.status === 'complete' || change.url) void refresh();
    };
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    // A toolbar click on the tab (activeTab) reveals its URL without any tab event.
    const timer = setInterval(() => void refresh(), 3_000);
    return () => {
      clearInterval(timer);
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, []);

  const fail = (error: unknown) =>
    setMessage({
      tone: 'error',
      text: error instanceof MessageError ? error.message : t('common_didNotWork'),
    });

  const enable = ({ site, host, state }: { site: string; host: string; state: SiteStatus['state'] }) => {
    // Before any await: the permission prompt needs this click's user gesture. Asked even for loopback,
    // which the browser's site-access settings can withhold; a host already granted resolves at once.
    const granted = browser.permissions.request({ origins: [site] }).catch(() => false);
    void (async () => {
      if (!(await granted)) {
        setMessage({ tone: 'error', text: t('site_needsPermission', host) });
        return;
      }
      try {
        // A connected CRM's site is registered again by the background as soon as access is back.
        if (state !== 'connection')
          await send('site.enable', { site, ...(tab?.id === undefined ? {} : { tabId: tab.id }) });
        setMessage({
          tone: 'ok',
          text: state === 'connection' ? t('site_accessBack', host) : t('site_nowRuns', host),
        });
      } catch (error) {
        fail(error);
      }
      await refresh();
    })();
  };

  const disable = (site: string, host: string) =>
    void send('site.disable', { site })
      .then(() => setMessage({ tone: 'ok', text: t('site_willStop', host) }))
      .catch(fail)
      .then(refresh);

  if (!tab) return null;
  let body: ComponentChildren;
  if (!tab.url) {
    body = <p class="muted">{t('site_useToolbar')}</p>;
  } else if (!status || status.state === 'unsupported' || !status.site || !status.host) {
    // Browser pages, extension pages, plain-http sites: nothing to offer.
    return null;
  } else {
    const { site, host } = status;
    const runs = status.state !== 'none' && status.granted;
    body = (
      <>
        <p data-testid="site-status">
          {runs && status.state === 'connection' && t('site_runsConnection', host, status.label ?? '')}
          {runs && status.state === 'enabled' && t('site_runs', host)}
          {!runs && status.state === 'none' && t('site_notRunning', host)}
          {!runs && status.state !== 'none' && t('site_noAccess', host)}
        </p>
        {!runs && (
          <button type="button" onClick={() => enable({ site, host, state: status.state })}>
            {status.state === 'none' ? t('site_enable') : t('site_grantAgain')}
          </button>
        )}
        {runs && status.state === 'enabled' && (
          <button type="button" class="secondary" onClick={() => disable(site, host)}>
            {t('site_stop')}
          </button>
        )}
      </>
    );
  }
  return (
    <section aria-label={t('site_title')}>
      {body}
      {message && <StatusMessage tone={message.tone}>{message.text}</StatusMessage>}
    </section>
  );
}
