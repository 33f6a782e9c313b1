import { type CallDirection, MAX_CALL_SEC, type RecordRef } from '../crm/adapter';
import type { CallSession, CallState, TransportId } from './session';

/**
 * The call session's state machine, as one pure reducer. Events come from the panel (dial, direction,
 * "Call ended", a call made elsewhere, logged) and from transports (connected, ended, failed). An event
 * the current state does not allow returns the very same session object, so callers can tell with `===`.
 *
 *   idle ──start-dial──▶ dialing ──connected──▶ in-call ──ended──▶ wrap-up ──logged──▶ logged
 *     │                    │ └──ended (never answered, 0 s)──────────▲  ▲                  │
 *     │                    └──failed──▶ idle          in-call ─failed─┘  │                  │
 *     └──log-elsewhere (direction, start, duration)──────────────────────┘                  │
 *   wrap-up, logged ──reset──▶ idle (same number, new id) ◀──────────────────────────────────┘
 */

export type CallEvent =
  /** The panel was pointed at a number or an address (page click, dialer, history). */
  | { type: 'dial'; at: number; phone?: string; email?: string }
  /** Start on the number that was dialled while the last call was live. */
  | { type: 'take-next' }
  | { type: 'set-direction'; direction: CallDirection }
  | { type: 'start-dial'; transport: TransportId; at: number }
  | { type: 'connected'; at: number }
  | { type: 'ended'; at: number }
  | { type: 'failed'; at: number; reason: string }
  /** A call made on another phone: straight to wrap-up with what the recruiter entered. */
  | { type: 'log-elsewhere'; direction: CallDirection; startedAt: number; durationSec: number }
  | { type: 'set-records'; records: RecordRef[] }
  | { type: 'logged' }
  /** Done with this call (logged or not): a fresh session on the same number. */
  | { type: 'reset'; id: string };

export type CallEventType = CallEvent['type'];

/** A call is live while it is being placed or talked on: a new dial must not replace it. */
export function isLive(session: CallSession | null): boolean {
  return session?.state === 'dialing' || session?.state === 'in-call';
}

/** Whole seconds from `from` to `to`, never negative, capped at 24 h. */
export function secondsBetween(from: number, to: number): number {
  return Math.min(MAX_CALL_SEC, Math.max(0, Math.floor((to - from) / 1000)));
}

/** What the timer shows: seconds since connected while in call, the call's duration after it. */
export function elapsedSec(session: CallSession | null, now: number): number {
  if (!session) return 0;
  if (session.state === 'in-call' && session.connectedAt !== undefined)
    return secondsBetween(session.connectedAt, now);
  return session.durationSec ?? 0;
}

/** A session id derived from the dial, so two panels following the same dial agree on it. */
export function sessionIdFor(dial: { at: number; phone?: string; email?: string }): string {
  const who = dial.phone ? dial.phone.slice(1) : 'email';
  return `call-${dial.at.toString(36)}-${who}`;
}

function fresh(dial: { at: number; phone?: string | undefined; email?: string | undefined }): CallSession {
  return {
    id: sessionIdFor(dial),
    ...(dial.phone ? { phone: dial.phone } : {}),
    ...(dial.email ? { email: dial.email } : {}),
    direction: 'outbound',
    state: 'idle',
    transport: 'tel',
    records: [],
    dialAt: dial.at,
  };
}

/** The session with the timing of any earlier attempt cleared. */
function untimed(session: CallSession): CallSession {
  const { startedAt: _s, connectedAt: _c, endedAt: _e, durationSec: _d, failure: _f, ...rest } = session;
  return rest;
}

const is = (session: CallSession, ...states: CallState[]) => states.includes(session.state);

export function reduceCall(session: CallSession | null, event: CallEvent): CallSession | null {
  if (event.type === 'dial') {
    if (!event.phone === !event.email) return session;
    if (session && (session.dialAt === event.at || session.next?.at === event.at)) return session;
    if (session && isLive(session)) {
      const next = { at: event.at, ...(event.phone ? { phone: event.phone } : { email: event.email }) };
      return { ...session, next };
    }
    return fresh(event);
  }
  // Every other event is about a session; before the first dial there is none.
  if (!session) return session;
  switch (event.type) {
    case 'take-next':
      if (!session.next || isLive(session)) return session;
      return fresh(session.next);
    case 'set-direction':
      if (!is(session, 'idle') || session.direction === event.direction) return session;
      return { ...session, direction: event.direction };
    case 'start-dial':
      if (!is(session, 'idle') || !session.phone) return session;
      return { ...untimed(session), state: 'dialing', transport: event.transport, startedAt: event.at };
    case 'connected':
      if (!is(session, 'dialing')) return session;
      return { ...session, state: 'in-call', connectedAt: event.at };
    case 'ended':
      if (is(session, 'in-call')) return endCall(session, event.at);
      // Hung up before anyone answered: a 0-second call the recruiter may still log ("no answer").
      if (is(session, 'dialing')) return { ...session, state: 'wrap-up', endedAt: event.at, durationSec: 0 };
      return session;
    case 'failed':
      if (is(session, 'dialing')) return { ...untimed(session), state: 'idle', failure: event.reason };
      if (is(session, 'in-call')) return { ...endCall(session, event.at), failure: event.reason };
      return session;
    case 'log-elsewhere': {
      if (!is(session, 'idle')) return session;
      const { durationSec, startedAt } = event;
      if (!Number.isInteger(durationSec) || durationSec < 0 || durationSec > MAX_CALL_SEC) return session;
      if (!Number.isInteger(startedAt)) return session;
      return {
        ...untimed(session),
        state: 'wrap-up',
        transport: 'manual',
        direction: event.direction,
        startedAt,
        connectedAt: startedAt,
        endedAt: startedAt + durationSec * 1000,
        durationSec,
      };
    }
    case 'set-records':
      return { ...session, records: event.records.slice(0, 20) };
    case 'logged':
      if (!is(session, 'wrap-up')) return session;
      return { ...session, state: 'logged' };
    case 'reset': {
      if (!is(session, 'wrap-up', 'logged')) return session;
      const { direction: _d, transport: _t, ...rest } = untimed(session);
      return { ...rest, id: event.id, state: 'idle', direction: 'outbound', transport: 'tel' };
    }
  }
}

function endCall(session: CallSession, at: number): CallSession {
  const from = session.connectedAt ?? session.startedAt ?? at;
  return { ...session, state: 'wrap-up', endedAt: at, durationSec: secondsBetween(from, at) };
}

/** Whether `event` would change `session` now (for enabling buttons). */
export function canApply(session: CallSession | null, event: CallEvent): boolean {
  return reduceCall(session, event) !== session;
}
