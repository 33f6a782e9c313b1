import { useEffect, useState } from 'preact/hooks';
import type { CrmRecord } from '../lib/crm/adapter';
import { t } from '../lib/i18n';
import { formatInternational } from '../lib/phone/normalize';
import { nameNumber } from '../lib/store/recent-numbers';
import { CallControls } from './CallControls';
import { CallHistory } from './CallHistory';
import { DialForm } from './DialForm';
import { OnThisPage } from './OnThisPage';
import { PendingLogs } from './PendingLogs';
import { ScreenPop } from './ScreenPop';
import { SiteAccess } from './SiteAccess';
import { useCallSession } from './useCallSession';
import { WrapUp } from './WrapUp';

/** The records chosen in one screen pop; a new pop starts with none, in the same render. */
interface Choice {
  pop: string;
  records: CrmRecord[];
}

export function SidePanelApp() {
  const { session, dispatch } = useCallSession();
  // The panel follows the call session, not the latest dial: a number dialled mid-call waits as "next".
  const phone = session?.phone;
  const email = session?.email;
  const subject: { phone: string } | { email: string } | null = phone ? { phone } : email ? { email } : null;
  const pop = session ? `${session.id}:${session.dialAt ?? ''}` : '';
  const [choice, setChoice] = useState<Choice>({ pop: '', records: [] });
  const selected = choice.pop === pop ? choice.records : [];

  // The dialer's recent numbers show who each one reached (a record holding that very number).
  useEffect(() => {
    const reached = selected.find((record) => record.phones.some((entry) => entry.e164 === phone));
    if (phone && reached) void nameNumber(phone, reached.name);
  }, [phone, selected]);

  return (
    <main>
      <h1>{t('extName')}</h1>
      <DialForm />
      {session && subject && (
        <>
          <p class="number" data-testid="active-number">
            {'phone' in subject ? formatInternational(subject.phone) : subject.email}
          </p>
          <ScreenPop
            key={pop}
            subject={subject}
            selected={selected.map((record) => record.ref)}
            onSelectionChange={(records) => setChoice({ pop, records })}
          />
          {session.phone && <CallControls session={session} dispatch={dispatch} />}
          <WrapUp
            key={session.id}
            session={session}
            records={selected}
            onLogged={() => void dispatch({ type: 'logged' })}
          />
        </>
      )}
      {!subject && <p class="muted">{t('panel_hint')}</p>}
      <PendingLogs />
      <CallHistory />
      <SiteAccess />
      <OnThisPage />
    </main>
  );
}
