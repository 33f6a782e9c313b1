import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { CallSession } from '../lib/call/session';
import type { CrmRecord } from '../lib/crm/adapter';
import { MessageError, send } from '../lib/messaging';
import { formatInternational } from '../lib/phone/normalize';
import type { LookupResult } from '../lib/protocol';
import { type ActiveDial, activeDialItem } from '../lib/store/active-dial';
import { CallHistory } from './CallHistory';
import { DialForm } from './DialForm';
import { MatchList, sameRef } from './MatchList';
import { OnThisPage } from './OnThisPage';
import { PendingLogs } from './PendingLogs';
import { StatusMessage } from './StatusMessage';
import { WrapUp } from './WrapUp';

/**
 * STAND-IN until the dialer's `useCallSession()` lands: a call session derived from the active dial, so
 * the wrap-up has one to log. Swap this for the real session (and its chosen records) at merge.
 */
function standInSession(dial: ActiveDial | null, records: CrmRecord[]): CallSession | undefined {
  if (!dial) return undefined;
  return {
    id: `dial-${dial.at}`,
    ...('phone' in dial ? { phone: dial.phone } : { email: dial.email }),
    direction: 'outbound',
    state: 'wrap-up',
    transport: 'manual',
    startedAt: dial.at,
    records: records.map((record) => record.ref),
  };
}

type Lookup =
  | { state: 'searching' }
  | { state: 'done'; results: LookupResult[] }
  | { state: 'failed'; text: string };

export function SidePanelApp() {
  const [dial, setDial] = useState<ActiveDial | null>(null);
  const [lookup, setLookup] = useState<Lookup>();
  const [selected, setSelected] = useState<CrmRecord[]>([]);

  useEffect(() => {
    void activeDialItem.get().then(setDial);
    return activeDialItem.watch(setDial);
  }, []);

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
  }, [dial?.at]);

  const noConnections = lookup?.state === 'done' && lookup.results.length === 0;
  const session = standInSession(dial, selected);
  const subject = dial ? ('phone' in dial ? formatInternational(dial.phone) : dial.email) : '';

  return (
    <main>
      <h1>Ringside</h1>
      <DialForm />
      {dial && (
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
          {session && (
            <WrapUp key={session.id} session={session} records={selected} onLogged={() => undefined} />
          )}
        </>
      )}
      {!dial && <p class="muted">Click a phone number on a CRM page, or type one above.</p>}
      <PendingLogs />
      <CallHistory />
      <OnThisPage />
    </main>
  );
}
