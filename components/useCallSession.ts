import { useEffect, useMemo, useState } from 'preact/hooks';
import type { CallEvent } from '../lib/call/machine';
import type { CallSession } from '../lib/call/session';
import { type ActiveDial, activeDialItem } from '../lib/store/active-dial';
import { createCallSessionStore } from '../lib/store/call-session';

export interface CallSessionHandle {
  /** The current call; null until the panel is first pointed at a number or an address. */
  session: CallSession | null;
  /** Applies an event at once (illegal ones change nothing) and returns the resulting session. */
  dispatch: (event: CallEvent) => CallSession | null;
  /** The stored session has been read. */
  ready: boolean;
}

/**
 * The panel's call session: read from storage (so a reload mid-call keeps the state and the timer),
 * shared with every other extension page, and following the active dial: a new number starts a new
 * session, unless a call is live, which keeps going with the new number offered as "next".
 */
export function useCallSession(): CallSessionHandle {
  const store = useMemo(() => createCallSessionStore(), []);
  const [session, setSession] = useState<CallSession | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let alive = true;
    let unwatchDial = () => {};
    const unsubscribe = store.subscribe(setSession);
    const follow = (dial: ActiveDial | null) => {
      if (!dial) return;
      store.dispatch(
        'phone' in dial
          ? { type: 'dial', at: dial.at, phone: dial.phone }
          : { type: 'dial', at: dial.at, email: dial.email },
      );
    };
    void store.load().then(async () => {
      const dial = await activeDialItem.get();
      if (!alive) return;
      follow(dial);
      setReady(true);
      unwatchDial = activeDialItem.watch(follow);
    });
    return () => {
      alive = false;
      unwatchDial();
      unsubscribe();
      store.close();
    };
  }, [store]);

  return { session, dispatch: store.dispatch, ready };
}
