import { useEffect, useState } from 'preact/hooks';
import type { CrmRecord } from '../lib/crm/adapter';
import { formatInternational } from '../lib/phone/normalize';
import { type ActiveDial, activeDialItem } from '../lib/store/active-dial';
import { CallLogForm } from './CallLogForm';
import { DialForm } from './DialForm';
import { OnThisPage } from './OnThisPage';
import { PendingLogs } from './PendingLogs';
import { ScreenPop } from './ScreenPop';

export function SidePanelApp() {
  const [dial, setDial] = useState<ActiveDial | null>(null);
  const [selected, setSelected] = useState<CrmRecord[]>([]);

  useEffect(() => {
    // A new dial starts with no record chosen, in the same render as its screen pop: the pop then chooses
    // (or offers), and nothing clears its choice afterwards.
    const start = (next: ActiveDial | null) => {
      setDial(next);
      setSelected([]);
    };
    void activeDialItem.get().then(start);
    return activeDialItem.watch(start);
  }, []);

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
          <ScreenPop
            key={dial.at}
            subject={'phone' in dial ? { phone: dial.phone } : { email: dial.email }}
            selected={selected.map((record) => record.ref)}
            onSelectionChange={setSelected}
          />
          {'phone' in dial && (
            <CallLogForm
              key={`${dial.phone}-${dial.at}`}
              phone={dial.phone}
              // Logging to several records at once is the wrap-up's; this form logs to exactly one.
              record={selected.length === 1 ? selected[0] : undefined}
              direction="outbound"
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
