import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
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
    setMessage({ tone: 'error', text: error instanceof MessageError ? error.message : 'That did not work.' });

  const enable = ({ site, host, state }: { site: string; host: string; state: SiteStatus['state'] }) => {
    // Before any await: the permission prompt needs this click's user gesture. Asked even for loopback,
    // which the browser's site-access settings can withhold; a host already granted resolves at once.
    const granted = browser.permissions.request({ origins: [site] }).catch(() => false);
    void (async () => {
      if (!(await granted)) {
        setMessage({ tone: 'error', text: `Ringside needs your permission to run on ${host}.` });
        return;
      }
      try {
        // A connected CRM's site is registered again by the background as soon as access is back.
        if (state !== 'connection')
          await send('site.enable', { site, ...(tab?.id === undefined ? {} : { tabId: tab.id }) });
        setMessage({
          tone: 'ok',
          text:
            state === 'connection'
              ? `Access to ${host} is back. Reload the page.`
              : `Ringside now runs on ${host}.`,
        });
      } catch (error) {
        fail(error);
      }
      await refresh();
    })();
  };

  const disable = (site: string, host: string) =>
    void send('site.disable', { site })
      .then(() =>
        setMessage({ tone: 'ok', text: `Ringside will not run on ${host} from the next page load.` }),
      )
      .catch(fail)
      .then(refresh);

  if (!tab) return null;
  let body: ComponentChildren;
  if (!tab.url) {
    body = (
      <p class="muted">
        To use Ringside on this site, click Ringside’s toolbar button while the page is open.
      </p>
    );
  } else if (!status || status.state === 'unsupported' || !status.site || !status.host) {
    // Browser pages, extension pages, plain-http sites: nothing to offer.
    return null;
  } else {
    const { site, host } = status;
    const runs = status.state !== 'none' && status.granted;
    body = (
      <>
        <p data-testid="site-status">
          {runs &&
            status.state === 'connection' &&
            `Ringside runs on ${host} (your ${status.label} connection).`}
          {runs && status.state === 'enabled' && `Ringside runs on ${host}.`}
          {!runs && status.state === 'none' && `Ringside does not run on ${host}.`}
          {!runs && status.state !== 'none' && `Ringside no longer has access to ${host}.`}
        </p>
        {!runs && (
          <button type="button" onClick={() => enable({ site, host, state: status.state })}>
            {status.state === 'none' ? 'Enable on this site' : 'Grant access again'}
          </button>
        )}
        {runs && status.state === 'enabled' && (
          <button type="button" class="secondary" onClick={() => disable(site, host)}>
            Stop running on this site
          </button>
        )}
      </>
    );
  }
  return (
    <section aria-label="This site">
      {body}
      {message && <StatusMessage tone={message.tone}>{message.text}</StatusMessage>}
    </section>
  );
}
