import type { CallEvent } from './machine';
import type { CallSession, TransportId } from './session';

/**
 * How a call is carried. The panel only ever talks to this interface: it asks a transport to start a
 * call, maybe to hang up, and follows what the transport reports. `tel:` hands off to the system's
 * phone app and reports "connected" at once; a WebRTC/SIP transport would report ringing, connected,
 * ended and failed as its signalling does, with no change to the panel.
 */
export type TransportEvent =
  | { type: 'ringing'; at: number }
  | { type: 'connected'; at: number }
  | { type: 'ended'; at: number }
  | { type: 'failed'; at: number; reason: string };

export interface CallTransport {
  readonly id: TransportId;
  /** Shown to the recruiter ("Phone app"). */
  readonly label: string;
  /**
   * Places (or, inbound, takes) the call for `session`, which is in state `dialing`. Called synchronously
   * from the click that started it: hand-offs to other apps need that user gesture.
   */
  start(session: CallSession): void;
  /** Ends the call itself. Absent: the transport cannot tell, so the recruiter says "Call ended". */
  hangUp?(session: CallSession): void;
  /** Follows the transport's events; returns the unsubscribe. */
  subscribe(listener: (event: TransportEvent) => void): () => void;
}

/** The machine event a transport event stands for (ringing changes nothing the panel keeps). */
export function toCallEvent(event: TransportEvent): CallEvent | undefined {
  switch (event.type) {
    case 'ringing':
      return undefined;
    case 'connected':
    case 'ended':
      return { type: event.type, at: event.at };
    case 'failed':
      return { type: 'failed', at: event.at, reason: event.reason };
  }
}

/** Feeds a transport's events into the call machine; returns the unsubscribe. */
export function bindTransport(transport: CallTransport, dispatch: (event: CallEvent) => void): () => void {
  return transport.subscribe((event) => {
    const callEvent = toCallEvent(event);
    if (callEvent) dispatch(callEvent);
  });
}

/** A minimal listener list for transports. */
export function createEmitter() {
  const listeners = new Set<(event: TransportEvent) => void>();
  return {
    emit(event: TransportEvent) {
      for (const listener of [...listeners]) listener(event);
    },
    subscribe(listener: (event: TransportEvent) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
