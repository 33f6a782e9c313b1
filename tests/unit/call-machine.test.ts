import { describe, expect, it } from 'vitest';
import { formatClock, spokenMinutes } from '../../lib/call/clock';
import {
  type CallEvent,
  canApply,
  elapsedSec,
  isLive,
  reduceCall,
  secondsBetween,
  sessionIdFor,
} from '../../lib/call/machine';
import { type CallSession, type CallState, callSessionSchema, callStates } from '../../lib/call/session';
import { MAX_CALL_SEC, type RecordRef } from '../../lib/crm/adapter';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const PHONE = '+14155552671';
const JANE: RecordRef = {
  provider: 'close',
  connectionId: 'c1',
  kind: 'contact',
  id: 'cont_1',
  parentId: 'lead_1',
};

const idle = (): CallSession => {
  const session = reduceCall(null, { type: 'dial', at: T0, phone: PHONE });
  if (!session) throw new Error('no session');
  return session;
};
/** Runs events from `start`, failing loudly if one is refused. */
function run(start: CallSession | null, ...events: CallEvent[]): CallSession {
  let session = start;
  for (const event of events) {
    const next = reduceCall(session, event);
    if (next === session) throw new Error(`${event.type} refused in ${session?.state}`);
    session = next;
  }
  if (!session) throw new Error('no session');
  return callSessionSchema.parse(session);
}

const inState = (state: CallState): CallSession => {
  const base = idle();
  switch (state) {
    case 'idle':
      return base;
    case 'dialing':
      return run(base, { type: 'start-dial', transport: 'tel', at: T0 + 1000 });
    case 'in-call':
      return run(inState('dialing'), { type: 'connected', at: T0 + 2000 });
    case 'wrap-up':
      return run(inState('in-call'), { type: 'ended', at: T0 + 2000 + 125_400 });
    case 'logged':
      return run(inState('wrap-up'), { type: 'logged' });
  }
};

/** One event of each type, with values that are legal somewhere. */
const samples: CallEvent[] = [
  { type: 'take-next' },
  { type: 'set-direction', direction: 'inbound' },
  { type: 'start-dial', transport: 'tel', at: T0 + 5000 },
  { type: 'connected', at: T0 + 6000 },
  { type: 'ended', at: T0 + 9000 },
  { type: 'failed', at: T0 + 9000, reason: 'The line dropped.' },
  { type: 'log-elsewhere', direction: 'inbound', startedAt: T0 - 600_000, durationSec: 300 },
  { type: 'set-records', records: [JANE] },
  { type: 'logged' },
  { type: 'reset', id: 'call-fresh-1234' },
];

/** Which event types each state accepts (the dial event is covered on its own). */
const allowed: Record<CallState, CallEvent['type'][]> = {
  idle: ['set-direction', 'start-dial', 'log-elsewhere', 'set-records'],
  dialing: ['connected', 'ended', 'failed', 'set-records'],
  'in-call': ['ended', 'failed', 'set-records'],
  'wrap-up': ['set-records', 'logged', 'reset'],
  logged: ['set-records', 'reset'],
};

describe('reduceCall: which transitions are allowed', () => {
  for (const state of callStates) {
    for (const event of samples) {
      const ok = allowed[state].includes(event.type);
      it(`${state} ${ok ? 'accepts' : 'refuses'} ${event.type}`, () => {
        const session = inState(state);
        const next = reduceCall(session, event);
        if (ok) {
          expect(next).not.toBe(session);
          expect(callSessionSchema.safeParse(next).success).toBe(true);
        } else {
          // Refused: the very same object, so callers can tell with ===.
          expect(next).toBe(session);
        }
        expect(canApply(session, event)).toBe(ok);
      });
    }
  }
  it('before any dial there is no session, and nothing but a dial makes one', () => {
    for (const event of samples) expect(reduceCall(null, event)).toBeNull();
  });
});

describe('reduceCall: each transition', () => {
  it('dial starts an idle outbound tel: session on the number', () => {
    expect(idle()).toEqual({
      id: sessionIdFor({ at: T0, phone: PHONE }),
      phone: PHONE,
      direction: 'outbound',
      state: 'idle',
      transport: 'tel',
      records: [],
      dialAt: T0,
    });
    const email = reduceCall(null, { type: 'dial', at: T0, email: 'jane@acme.test' });
    expect(email).toMatchObject({ email: 'jane@acme.test', state: 'idle' });
    expect(email?.phone).toBeUndefined();
  });
  it('dial needs exactly one of phone and email', () => {
    expect(reduceCall(null, { type: 'dial', at: T0 })).toBeNull();
    expect(reduceCall(null, { type: 'dial', at: T0, phone: PHONE, email: 'a@b.test' })).toBeNull();
  });
  it('the same dial seen twice (a reload, a second panel) changes nothing', () => {
    const session = idle();
    expect(reduceCall(session, { type: 'dial', at: T0, phone: PHONE })).toBe(session);
    expect(sessionIdFor({ at: T0, phone: PHONE })).toBe(sessionIdFor({ at: T0, phone: PHONE }));
  });
  it('a new dial replaces an idle, wrapped-up or logged session', () => {
    for (const state of ['idle', 'wrap-up', 'logged'] as const) {
      const next = run(inState(state), { type: 'dial', at: T0 + 500_000, phone: '+442079460958' });
      expect(next).toMatchObject({ phone: '+442079460958', state: 'idle', dialAt: T0 + 500_000 });
      expect(next.id).not.toBe(inState(state).id);
    }
  });
  it('a new dial during a live call keeps the call and offers the number as next', () => {
    for (const state of ['dialing', 'in-call'] as const) {
      const live = inState(state);
      const next = run(live, { type: 'dial', at: T0 + 500_000, phone: '+442079460958' });
      expect(next).toEqual({ ...live, next: { phone: '+442079460958', at: T0 + 500_000 } });
      expect(reduceCall(next, { type: 'dial', at: T0 + 500_000, phone: '+442079460958' })).toBe(next);
    }
  });
  it('take-next, once the call is over, starts on the waiting number', () => {
    const waiting = run(inState('in-call'), { type: 'dial', at: T0 + 500_000, email: 'priya@north.test' });
    expect(reduceCall(waiting, { type: 'take-next' })).toBe(waiting);
    const over = run(waiting, { type: 'ended', at: T0 + 600_000 });
    expect(over.next).toEqual({ email: 'priya@north.test', at: T0 + 500_000 });
    expect(run(over, { type: 'take-next' })).toMatchObject({
      email: 'priya@north.test',
      state: 'idle',
      dialAt: T0 + 500_000,
    });
  });
  it('set-direction only before the call, and only when it changes', () => {
    const session = idle();
    expect(run(session, { type: 'set-direction', direction: 'inbound' }).direction).toBe('inbound');
    expect(reduceCall(session, { type: 'set-direction', direction: 'outbound' })).toBe(session);
  });
  it('start-dial needs a number', () => {
    const email = reduceCall(null, { type: 'dial', at: T0, email: 'jane@acme.test' });
    expect(reduceCall(email, { type: 'start-dial', transport: 'tel', at: T0 })).toBe(email);
  });
  it('start-dial records the transport and when, and clears an earlier failure', () => {
    const failed = run(inState('dialing'), { type: 'failed', at: T0 + 1500, reason: 'No line.' });
    expect(failed).toMatchObject({ state: 'idle', failure: 'No line.' });
    expect(failed.startedAt).toBeUndefined();
    const again = run(failed, { type: 'start-dial', transport: 'sip', at: T0 + 3000 });
    expect(again).toMatchObject({ state: 'dialing', transport: 'sip', startedAt: T0 + 3000 });
    expect(again.failure).toBeUndefined();
  });
  it('connected starts the timer from that moment', () => {
    expect(inState('in-call')).toMatchObject({
      state: 'in-call',
      startedAt: T0 + 1000,
      connectedAt: T0 + 2000,
    });
  });
  it('ended after connecting keeps whole seconds from connected to ended', () => {
    expect(inState('wrap-up')).toMatchObject({ state: 'wrap-up', endedAt: T0 + 127_400, durationSec: 125 });
  });
  it('ended before anyone answered is a 0-second call to wrap up', () => {
    expect(run(inState('dialing'), { type: 'ended', at: T0 + 30_000 })).toMatchObject({
      state: 'wrap-up',
      durationSec: 0,
    });
  });
  it('failed mid-call ends the call with the time so far and says why', () => {
    expect(
      run(inState('in-call'), { type: 'failed', at: T0 + 62_000, reason: 'The line dropped.' }),
    ).toMatchObject({ state: 'wrap-up', durationSec: 60, failure: 'The line dropped.' });
  });
  it('log-elsewhere goes straight to wrap-up with what was entered', () => {
    const session = run(idle(), {
      type: 'log-elsewhere',
      direction: 'inbound',
      startedAt: T0 - 300_000,
      durationSec: 300,
    });
    expect(session).toMatchObject({
      state: 'wrap-up',
      transport: 'manual',
      direction: 'inbound',
      startedAt: T0 - 300_000,
      connectedAt: T0 - 300_000,
      endedAt: T0,
      durationSec: 300,
    });
  });
  it('log-elsewhere refuses durations that are negative, fractional or over 24 h', () => {
    const session = idle();
    for (const durationSec of [-1, 1.5, MAX_CALL_SEC + 1, Number.NaN]) {
      const event: CallEvent = { type: 'log-elsewhere', direction: 'outbound', startedAt: T0, durationSec };
      expect(reduceCall(session, event)).toBe(session);
    }
    expect(
      reduceCall(session, { type: 'log-elsewhere', direction: 'outbound', startedAt: 1.5, durationSec: 1 }),
    ).toBe(session);
  });
  it('set-records keeps at most 20 records, in any state', () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ ...JANE, id: `cont_${i}` }));
    expect(run(inState('in-call'), { type: 'set-records', records: many }).records).toHaveLength(20);
  });
  it('reset starts a fresh idle session on the same number and records', () => {
    const logged = run(inState('logged'), { type: 'set-records', records: [JANE] });
    const fresh = run(logged, { type: 'reset', id: 'call-again-0001' });
    expect(fresh).toEqual({
      id: 'call-again-0001',
      phone: PHONE,
      direction: 'outbound',
      state: 'idle',
      transport: 'tel',
      records: [JANE],
      dialAt: T0,
    });
  });
  it('isLive is dialing and in-call only', () => {
    expect(callStates.filter((state) => isLive(inState(state)))).toEqual(['dialing', 'in-call']);
    expect(isLive(null)).toBe(false);
  });
});

describe('timer and duration arithmetic', () => {
  it('secondsBetween floors, never goes negative and caps at 24 h', () => {
    expect(secondsBetween(T0, T0 + 999)).toBe(0);
    expect(secondsBetween(T0, T0 + 61_999)).toBe(61);
    expect(secondsBetween(T0, T0 - 5000)).toBe(0);
    expect(secondsBetween(T0, T0 + 30 * 3600_000)).toBe(MAX_CALL_SEC);
  });
  it('elapsedSec runs from connectedAt while in call and is the duration after', () => {
    const inCall = inState('in-call');
    expect(elapsedSec(inCall, T0 + 2000)).toBe(0);
    expect(elapsedSec(inCall, T0 + 2000 + 65_500)).toBe(65);
    // A clock that went backwards shows 0, not a negative time.
    expect(elapsedSec(inCall, T0)).toBe(0);
    expect(elapsedSec(inState('wrap-up'), T0 + 10_000_000)).toBe(125);
    expect(elapsedSec(inState('idle'), T0 + 10_000)).toBe(0);
    expect(elapsedSec(null, T0)).toBe(0);
  });
  it('the ended duration equals what the timer showed at that moment', () => {
    const inCall = inState('in-call');
    for (const offset of [0, 999, 1000, 59_999, 3_600_000 + 1]) {
      const at = T0 + 2000 + offset;
      expect(run(inCall, { type: 'ended', at }).durationSec).toBe(elapsedSec(inCall, at));
    }
  });
  it('formatClock shows mm:ss, and h:mm:ss past the hour', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(5.9)).toBe('00:05');
    expect(formatClock(754)).toBe('12:34');
    expect(formatClock(3723)).toBe('1:02:03');
    expect(formatClock(-3)).toBe('00:00');
  });
  it('spokenMinutes changes once a minute', () => {
    expect(spokenMinutes(0)).toBe('Call connected.');
    expect(spokenMinutes(59)).toBe('Call connected.');
    expect(spokenMinutes(60)).toBe('1 minute in call.');
    expect(spokenMinutes(179)).toBe('2 minutes in call.');
  });
});
