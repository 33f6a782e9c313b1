import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../lib/call/machine';
import type { CallSession } from '../../lib/call/session';
import { toLocalInput } from '../../lib/call/start-time';
import { bindTransport, type TransportEvent, toCallEvent } from '../../lib/call/transport';
import { defaultStart, manualTransport, parseElsewhere } from '../../lib/call/transports/manual';
import { createTelTransport, telUrl } from '../../lib/call/transports/tel';

const T0 = new Date(2025, 0, 6, 9, 30, 0).getTime();
const dialing = (over: Partial<CallSession> = {}): CallSession => ({
  id: 'call-test-0001',
  phone: '+14155552671',
  direction: 'outbound',
  state: 'dialing',
  transport: 'tel',
  records: [],
  startedAt: T0,
  ...over,
});

function telWith() {
  const handedOff: string[] = [];
  const events: TransportEvent[] = [];
  const transport = createTelTransport({ handOff: (url) => handedOff.push(url), now: () => T0 + 10 });
  transport.subscribe((event) => events.push(event));
  return { transport, handedOff, events };
}

describe('tel: transport', () => {
  it('hands an outbound call to the phone app, then reports it connected', () => {
    const { transport, handedOff, events } = telWith();
    transport.start(dialing());
    expect(handedOff).toEqual(['tel:+14155552671']);
    expect(events).toEqual([{ type: 'connected', at: T0 + 10 }]);
    // The phone app cannot be asked to hang up: the recruiter says "Call ended".
    expect(transport.hangUp).toBeUndefined();
    expect(transport.id).toBe('tel');
  });
  it('only starts the timer for an inbound call that rang on the phone', () => {
    const { transport, handedOff, events } = telWith();
    transport.start(dialing({ direction: 'inbound' }));
    expect(handedOff).toEqual([]);
    expect(events).toEqual([{ type: 'connected', at: T0 + 10 }]);
  });
  it('fails, with a sentence, without a number or when the hand-off throws', () => {
    const { transport, events } = telWith();
    const { phone: _phone, ...noPhone } = dialing();
    transport.start(noPhone);
    expect(events).toEqual([{ type: 'failed', at: T0 + 10, reason: 'There is no number to call.' }]);
    const broken = createTelTransport({
      handOff: () => {
        throw new Error('blocked');
      },
      now: () => T0,
    });
    const seen: TransportEvent[] = [];
    broken.subscribe((event) => seen.push(event));
    broken.start(dialing());
    expect(seen).toEqual([{ type: 'failed', at: T0, reason: 'The phone app could not be opened.' }]);
  });
  it('builds tel: URLs from E.164 only', () => {
    expect(telUrl('+442079460958')).toBe('tel:+442079460958');
    expect(telUrl('javascript:alert(1)')).toBeUndefined();
    expect(telUrl(undefined)).toBeUndefined();
  });
  it('stops telling a listener that unsubscribed', () => {
    const transport = createTelTransport({ handOff: () => undefined, now: () => T0 });
    const seen: TransportEvent[] = [];
    const unsubscribe = transport.subscribe((event) => seen.push(event));
    unsubscribe();
    transport.start(dialing());
    expect(seen).toEqual([]);
  });
});

describe('bindTransport', () => {
  it('feeds connected, ended and failed into the machine; ringing changes nothing', () => {
    const dispatched: CallEvent[] = [];
    const transport = createTelTransport({ handOff: () => undefined, now: () => T0 });
    const unbind = bindTransport(transport, (event) => dispatched.push(event));
    transport.start(dialing());
    unbind();
    transport.start(dialing());
    expect(dispatched).toEqual([{ type: 'connected', at: T0 }]);
    expect(toCallEvent({ type: 'ringing', at: T0 })).toBeUndefined();
    expect(toCallEvent({ type: 'ended', at: T0 })).toEqual({ type: 'ended', at: T0 });
    expect(toCallEvent({ type: 'failed', at: T0, reason: 'Busy.' })).toEqual({
      type: 'failed',
      at: T0,
      reason: 'Busy.',
    });
  });
});

describe('a call made elsewhere', () => {
  it('is the manual transport, which has nothing to place', () => {
    expect(manualTransport.id).toBe('manual');
    expect(manualTransport.start(dialing())).toBeUndefined();
  });
  it('parses direction, start and duration into the log-elsewhere event', () => {
    const start = toLocalInput(T0 - 300_000);
    expect(parseElsewhere({ direction: 'inbound', start, duration: '5:00' }, T0)).toEqual({
      event: { type: 'log-elsewhere', direction: 'inbound', startedAt: T0 - 300_000, durationSec: 300 },
    });
  });
  it('starts, by default, the duration before now', () => {
    expect(defaultStart('5:00', T0)).toBe(toLocalInput(T0 - 300_000));
    expect(defaultStart('', T0)).toBe(toLocalInput(T0));
    expect(defaultStart('nonsense', T0)).toBe(toLocalInput(T0));
    expect(toLocalInput(T0)).toBe('2025-01-06T09:30');
  });
  it('says what is wrong with each field', () => {
    const start = toLocalInput(T0);
    expect(parseElsewhere({ direction: 'outbound', start, duration: '' }, T0)).toEqual({
      errors: { duration: 'Enter how long the call lasted, such as 5:00.' },
    });
    expect(parseElsewhere({ direction: 'outbound', start, duration: '5m' }, T0)).toEqual({
      errors: { duration: 'Enter the duration as minutes:seconds, such as 3:25.' },
    });
    expect(parseElsewhere({ direction: 'outbound', start: '', duration: '1:00' }, T0)).toEqual({
      errors: { start: 'Enter when the call started.' },
    });
    expect(parseElsewhere({ direction: 'outbound', start: 'yesterday', duration: '1:00' }, T0)).toEqual({
      errors: { start: 'Enter the date and time the call started.' },
    });
    // A date that does not exist is named as such (the wrap-up's own rule).
    expect(
      parseElsewhere({ direction: 'outbound', start: '2024-02-30T10:00', duration: '1:00' }, T0),
    ).toEqual({
      errors: { start: 'That date does not exist.' },
    });
    expect(
      parseElsewhere({ direction: 'outbound', start: toLocalInput(T0 + 3600_000), duration: '1:00' }, T0),
    ).toEqual({ errors: { start: 'The call cannot start in the future.' } });
    expect(parseElsewhere({ direction: 'sideways' as 'inbound', start, duration: '1:00' }, T0)).toEqual({
      errors: { direction: 'Choose inbound or outbound.' },
    });
  });
});
