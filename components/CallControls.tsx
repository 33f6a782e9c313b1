import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatClock, spokenMinutes } from '../lib/call/clock';
import { type CallEvent, elapsedSec, isLive } from '../lib/call/machine';
import type { CallSession } from '../lib/call/session';
import { bindTransport, type CallTransport } from '../lib/call/transport';
import { manualTransport } from '../lib/call/transports/manual';
import { createTelTransport } from '../lib/call/transports/tel';
import { type MessageKey, t } from '../lib/i18n';
import { formatInternational } from '../lib/phone/normalize';
import { DirectionChoice } from './DirectionChoice';
import { tNodes } from './i18n-ui';
import { LogElsewhereForm } from './LogElsewhereForm';
import { StatusMessage } from './StatusMessage';

const newId = () => `call-${crypto.randomUUID()}`;

/** "Call ended: outbound, 3:05." and its variants: one whole sentence each, for translators. */
function summaryKey(logged: boolean, elsewhere: boolean): MessageKey {
  if (logged) return elsewhere ? 'callControls_summaryLoggedElsewhere' : 'callControls_summaryLogged';
  return elsewhere ? 'callControls_summaryEndedElsewhere' : 'callControls_summaryEnded';
}

/** The current time, ticking every second while `running`. */
function useNow(running: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}

/**
 * The call itself: direction, Call (handed to the phone app), the running timer, "Call ended", and
 * "Log a call made elsewhere". It drives the session through the machine and knows transports only by
 * their interface.
 */
export function CallControls({
  session,
  dispatch,
}: {
  session: CallSession;
  dispatch: (event: CallEvent) => CallSession | null;
}) {
  const tel = useMemo(() => createTelTransport(), []);
  const transports: Record<string, CallTransport> = { tel, manual: manualTransport };
  const transport = transports[session.transport] ?? tel;
  useEffect(() => bindTransport(tel, dispatch), [tel, dispatch]);
  const inCall = session.state === 'in-call';
  const now = useNow(inCall);
  const elapsed = elapsedSec(session, now);
  const endButton = useRef<HTMLButtonElement>(null);
  const summary = useRef<HTMLParagraphElement>(null);

  // The button pressed to get here is gone: keyboard focus moves to what comes next, unless it is elsewhere.
  useEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (!lost) return;
    if (isLive(session)) endButton.current?.focus();
    else if (session.state === 'wrap-up' || session.state === 'logged') summary.current?.focus();
  }, [session.state]);

  function call() {
    // Synchronous from the click: the phone app hand-off needs its user gesture.
    const dialing = dispatch({ type: 'start-dial', transport: tel.id, at: Date.now() });
    if (dialing?.state === 'dialing') tel.start(dialing);
  }

  function hangUp() {
    if (transport.hangUp) transport.hangUp(session);
    else dispatch({ type: 'ended', at: Date.now() });
  }

  const outbound = session.direction === 'outbound';
  return (
    <section aria-label={t('callControls_label')} class="call-controls" data-state={session.state}>
      {session.state === 'idle' && (
        <>
          <DirectionChoice
            name="call-direction"
            value={session.direction}
            onChange={(direction) => dispatch({ type: 'set-direction', direction })}
          />
          <button type="button" onClick={call}>
            {outbound ? t('callControls_call') : t('callControls_startTimer')}
          </button>
          {session.failure && <StatusMessage tone="error">{session.failure}</StatusMessage>}
          <details class="elsewhere-disclosure">
            <summary>{t('callControls_logElsewhere')}</summary>
            <LogElsewhereForm direction={session.direction} onSubmit={dispatch} />
          </details>
        </>
      )}
      {session.state === 'dialing' && (
        <p class="call-line">
          {t('callControls_calling')}{' '}
          <button ref={endButton} type="button" class="secondary" onClick={hangUp}>
            {t('callControls_callEnded')}
          </button>
        </p>
      )}
      {inCall && (
        <>
          <p class="call-line">
            <span>{outbound ? t('callControls_inCall') : t('callControls_onInboundCall')}</span>{' '}
            <span
              class="timer"
              role="timer"
              aria-label={t('callControls_timerLabel')}
              data-testid="call-timer"
            >
              {formatClock(elapsed)}
            </span>
            <button ref={endButton} type="button" class="secondary" onClick={hangUp}>
              {t('callControls_callEnded')}
            </button>
          </p>
          {/* Announced once a minute, not every second: the text only changes when the minute does. */}
          <p class="sr-only" aria-live="polite">
            {spokenMinutes(elapsed)}
          </p>
        </>
      )}
      {(session.state === 'wrap-up' || session.state === 'logged') && (
        <p ref={summary} tabIndex={-1} class="call-line" data-testid="call-summary">
          {tNodes(
            summaryKey(session.state === 'logged', session.transport === 'manual'),
            outbound ? t('callControls_directionOutbound') : t('callControls_directionInbound'),
            <span data-testid="call-duration">{formatClock(session.durationSec ?? 0)}</span>,
          )}{' '}
          <button type="button" class="secondary" onClick={() => dispatch({ type: 'reset', id: newId() })}>
            {session.state === 'logged' ? t('callControls_newCall') : t('callControls_dontLog')}
          </button>
        </p>
      )}
      {session.state === 'wrap-up' && session.failure && (
        <StatusMessage tone="error">{session.failure}</StatusMessage>
      )}
      {session.next && (
        <StatusMessage tone="info">
          {t(
            'callControls_next',
            session.next.phone ? formatInternational(session.next.phone) : (session.next.email ?? ''),
          )}
          {!isLive(session) && (
            <>
              {' '}
              <button type="button" class="secondary" onClick={() => dispatch({ type: 'take-next' })}>
                {t('callControls_goToNext')}
              </button>
            </>
          )}
        </StatusMessage>
      )}
    </section>
  );
}
