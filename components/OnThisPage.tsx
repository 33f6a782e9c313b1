import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { askPage, MessageError, send } from '../lib/messaging';
import { formatInternational } from '../lib/phone/normalize';
import { StatusMessage } from './StatusMessage';

type Contact = { kind: 'phone' | 'email'; value: string };

/** The numbers and emails Ringside found on the current tab, each one click from a call or a lookup. */
export function OnThisPage() {
  const [contacts, setContacts] = useState<Contact[] | undefined>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let alive = true;
    const refresh = async () => {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      const answer = tab?.id === undefined ? undefined : await askPage(tab.id, 'page.contacts');
      if (alive) setContacts(answer?.contacts);
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
      (cause: unknown) => setError(cause instanceof MessageError ? cause.message : 'That did not work.'),
    );

  if (contacts === undefined) return null;
  const phones = contacts.filter((contact) => contact.kind === 'phone');
  const emails = contacts.filter((contact) => contact.kind === 'email');
  return (
    <section aria-label="On this page">
      <h2>On this page</h2>
      {!contacts.length && <p class="muted">No numbers or emails found on this page.</p>}
      <ul class="plain">
        {phones.map((contact) => (
          <li key={contact.value}>
            <button
              type="button"
              class="secondary"
              onClick={() => act(send('dial', { phone: contact.value, source: 'panel' }))}
            >
              Call {formatInternational(contact.value)}
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
              Look up {contact.value}
            </button>
          </li>
        ))}
      </ul>
      {error && <StatusMessage tone="error">{error}</StatusMessage>}
    </section>
  );
}
