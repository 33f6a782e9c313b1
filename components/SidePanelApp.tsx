import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { CrmRecord } from '../lib/crm/adapter';
import { MessageError, send } from '../lib/messaging';
import { formatInternational } from '../lib/phone/normalize';
import type { LookupResult } from '../lib/protocol';
import { nameNumber } from '../lib/store/recent-numbers';
import { CallControls } from './CallControls';
import { CallLogForm } from './CallLogForm';
import { DialForm } from './DialForm';
import { MatchList } from './MatchList';
import { OnThisPage } from './OnThisPage';
import { PendingLogs } from './PendingLogs';
import { StatusMessage } from './StatusMessage';
import { useCallSession } from './useCallSession';

type Lookup =
  | { state: 'searching' }
  | { state: 'done'; results: LookupResult[] }
  | { state: 'failed'; text: string };

export function SidePanelApp() {
  const { session, dispatch } = useCallSession();
  // The panel follows the call session, not the latest dial: a number dialled mid-call waits as "next".
  const phone = session?.phone;
  const email = session?.email;
  const dial: { phone: string } | { email: string } | null = phone ? { phone } : email ? { email } : null;
  const [lookup, setLookup] = useState<Lookup>();
  const [selected, setSelected] = useState<CrmRecord>();

  // The dialer's recent numbers show who each one reached (a record holding that very number).
  useEffect(() => {
    if (phone && selected?.phones.some((entry) => entry.e164 === phone))
      void nameNumber(phone, selected.name);
  }, [phone, selected]);

  useEffect(() => {
    if (!dial) return;
    let current = true;
    setLookup({ state: 'searching' });
    setSelected(undefined);
    send('lookup', 'phone' in dial ? { phone: dial.phone } : { email: dial.email })
      .then(({ results }) => {
        if (!current) return;
        setLookup({ state: 'done', results });
        const records = results.flatMap((result) => result.records);
        // One match links automatically; several are offered to choose from.
        if (records.length === 1) setSelected(records[0]);
      })
      .catch((error: unknown) => {
        if (current)
          setLookup({
            state: 'failed',
            text: error instanceof MessageError ? error.message : 'Lookup failed.',
          });
      });
    return () => {
      current = false;
    };
  }, [phone, email, session?.dialAt]);

  const noConnections = lookup?.state === 'done' && lookup.results.length === 0;
  const subject = dial ? ('phone' in dial ? formatInternational(dial.phone) : dial.email) : '';

  return (
    <main>
      <h1>Ringside</h1>
      <DialForm />
      {session && dial && (
        <>
          <p class="number" data-testid="active-number">
            {subject}
          </p>
          {lookup?.state === 'searching' && <StatusMessage tone="info">Looking up {subject}…</StatusMessage>}
          {lookup?.state === 'failed' && <StatusMessage tone="error">{lookup.text}</StatusMessage>}
          {noConnections && (
            <StatusMessage tone="info">
              No CRM is connected.{' '}
              <button type="button" class="secondary" onClick={() => void browser.runtime.openOptionsPage()}>
                Connect a CRM
              </button>
            </StatusMessage>
          )}
          {lookup?.state === 'done' && (
            <MatchList results={lookup.results} selected={selected?.ref} onSelect={setSelected} />
          )}
          {session.phone && <CallControls session={session} dispatch={dispatch} />}
          {session.phone && (
            <CallLogForm
              key={session.id}
              phone={session.phone}
              record={selected}
              direction={session.direction}
              durationSec={session.durationSec}
              startedAt={session.startedAt}
              onLogged={() => dispatch({ type: 'logged' })}
            />
          )}
        </>
      )}
      {!dial && <p class="muted">Click a phone number on a CRM page, or type one above.</p>}
      <PendingLogs />
      <OnThisPage />
    </main>
  );
}
