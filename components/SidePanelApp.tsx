import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { CrmRecord } from '../lib/crm/adapter';
import { MessageError, send } from '../lib/messaging';
import { formatInternational } from '../lib/phone/normalize';
import type { LookupResult } from '../lib/protocol';
import { type ActiveDial, activeDialItem } from '../lib/store/active-dial';
import { CallLogForm } from './CallLogForm';
import { DialForm } from './DialForm';
import { MatchList } from './MatchList';
import { OnThisPage } from './OnThisPage';
import { PendingLogs } from './PendingLogs';
import { SiteAccess } from './SiteAccess';
import { StatusMessage } from './StatusMessage';

type Lookup =
  | { state: 'searching' }
  | { state: 'done'; results: LookupResult[] }
  | { state: 'failed'; text: string };

export function SidePanelApp() {
  const [dial, setDial] = useState<ActiveDial | null>(null);
  const [lookup, setLookup] = useState<Lookup>();
  const [selected, setSelected] = useState<CrmRecord>();

  useEffect(() => {
    void activeDialItem.get().then(setDial);
    return activeDialItem.watch(setDial);
  }, []);

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
  }, [dial?.at]);

  const noConnections = lookup?.state === 'done' && lookup.results.length === 0;
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
            <MatchList results={lookup.results} selected={selected?.ref} onSelect={setSelected} />
          )}
          {'phone' in dial && (
            <CallLogForm
              key={`${dial.phone}-${dial.at}`}
              phone={dial.phone}
              record={selected}
              direction="outbound"
            />
          )}
        </>
      )}
      {!dial && <p class="muted">Click a phone number on a CRM page, or type one above.</p>}
      <PendingLogs />
      <SiteAccess />
      <OnThisPage />
    </main>
  );
}
