import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { CrmRecord } from '../lib/crm/adapter';
import { MessageError, send } from '../lib/messaging';
import { formatInternational } from '../lib/phone/normalize';
import type { LookupResult } from '../lib/protocol';
import { nameNumber } from '../lib/store/recent-numbers';
import { CallControls } from './CallControls';
import { CallHistory } from './CallHistory';
import { DialForm } from './DialForm';
import { MatchList, sameRef } from './MatchList';
import { OnThisPage } from './OnThisPage';
import { PendingLogs } from './PendingLogs';
import { StatusMessage } from './StatusMessage';
import { useCallSession } from './useCallSession';
import { WrapUp } from './WrapUp';

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
  const [selected, setSelected] = useState<CrmRecord[]>([]);

  // The dialer's recent numbers show who each one reached (a record holding that very number).
  useEffect(() => {
    const reached = selected.find((record) => record.phones.some((entry) => entry.e164 === phone));
    if (phone && reached) void nameNumber(phone, reached.name);
  }, [phone, selected]);

  useEffect(() => {
    if (!dial) return;
    let current = true;
    setLookup({ state: 'searching' });
    setSelected([]);
    send('lookup', 'phone' in dial ? { phone: dial.phone } : { email: dial.email })
      .then(({ results }) => {
        if (!current) return;
        setLookup({ state: 'done', results });
        const records = results.flatMap((result) => result.records);
        // One match links automatically; several are offered to choose from.
        if (records.length === 1) setSelected(records);
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
            <MatchList
              results={lookup.results}
              selected={selected.map((record) => record.ref)}
              multiple
              onSelect={(record) =>
                setSelected((current) =>
                  current.some((chosen) => sameRef(chosen.ref, record.ref))
                    ? current.filter((chosen) => !sameRef(chosen.ref, record.ref))
                    : [...current, record],
                )
              }
            />
          )}
          {session.phone && <CallControls session={session} dispatch={dispatch} />}
          <WrapUp
            key={session.id}
            session={session}
            records={selected}
            onLogged={() => void dispatch({ type: 'logged' })}
          />
        </>
      )}
      {!dial && <p class="muted">Click a phone number on a CRM page, or type one above.</p>}
      <PendingLogs />
      <CallHistory />
      <OnThisPage />
    </main>
  );
}
