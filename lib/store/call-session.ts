import { type CallEvent, reduceCall } from '../call/machine';
import { type CallSession, callSessionSchema } from '../call/session';
import { type ParsedItem, parsedItem } from './item';

/**
 * The current call, in storage.local: closing the panel (or reloading it) mid-call keeps the state, and
 * the timer runs from `connectedAt`. Every extension page shares it.
 */
export const callSessionItem = parsedItem('local:callSession', callSessionSchema.nullable(), null, {
  version: 1,
});

export interface CallSessionStore {
  current(): CallSession | null;
  /** Reads the stored session; call once before dispatching. */
  load(): Promise<CallSession | null>;
  /** Applies `event` now (in memory) and stores the result; writes land in order. */
  dispatch(event: CallEvent): CallSession | null;
  /** Called with every change, this page's own and other pages'. Returns the unsubscribe. */
  subscribe(listener: (session: CallSession | null) => void): () => void;
  /** Resolves once every write so far has landed. */
  flushed(): Promise<void>;
  close(): void;
}

/**
 * One page's view of the stored session. Events are reduced against the newest state in memory (so two
 * quick events never read a stale copy) and written in order; the echo of this page's own writes is
 * recognised and skipped, while another page's write replaces what this one holds.
 */
export function createCallSessionStore(
  item: ParsedItem<CallSession | null> = callSessionItem,
): CallSessionStore {
  let session: CallSession | null = null;
  let writes: Promise<void> = Promise.resolve();
  // JSON of this page's writes whose storage echo has not come back yet, oldest first.
  const pending: string[] = [];
  const listeners = new Set<(session: CallSession | null) => void>();
  const tell = () => {
    for (const listener of [...listeners]) listener(session);
  };
  const canonical = (value: CallSession | null) =>
    JSON.stringify(value === null ? null : callSessionSchema.parse(value));

  const unwatch = item.watch((value) => {
    const json = canonical(value);
    const own = pending.indexOf(json);
    if (own >= 0) {
      pending.splice(0, own + 1);
      return;
    }
    if (json === canonical(session)) return;
    session = value;
    tell();
  });

  return {
    current: () => session,
    async load() {
      session = await item.get();
      tell();
      return session;
    },
    dispatch(event) {
      const next = reduceCall(session, event);
      if (next === session) return session;
      session = next;
      pending.push(canonical(next));
      writes = writes
        .then(() => item.set(next))
        .catch((error: unknown) => {
          console.warn('Ringside: call session not stored:', error);
        });
      tell();
      return session;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    flushed: () => writes,
    close() {
      unwatch();
      listeners.clear();
    },
  };
}
