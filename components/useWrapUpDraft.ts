import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CallSession } from '../lib/call/session';
import { type Draft, type DraftChoice, debouncedSaver, draftStore } from '../lib/store/drafts';
import type { LogChannel } from '../lib/store/log-defaults';

/**
 * The wrap-up's draft for one call session: restored from storage when the panel opens, saved as it is
 * typed (debounced) and at once when the panel hides or closes, and replaced by a fresh one once its
 * logs are in the outbox.
 */

export function newDraft(session: CallSession): Draft {
  const subject = session.phone ?? session.email;
  return {
    v: 1,
    sessionId: session.id,
    logKey: crypto.randomUUID(),
    note: '',
    channel: session.phone ? 'call' : 'email',
    choices: {},
    ...(subject ? { subject } : {}),
    updatedAt: Date.now(),
  };
}

export function useWrapUpDraft(session: CallSession) {
  const [draft, setDraft] = useState<Draft>();
  const draftRef = useRef<Draft>();
  const saver = useMemo(() => debouncedSaver((value: Draft) => draftStore.save(value)), []);

  useEffect(() => {
    let alive = true;
    void draftStore.prune().catch(() => undefined);
    const start = (stored: Draft | undefined) => {
      if (!alive) return;
      const value = stored ?? newDraft(session);
      draftRef.current = value;
      setDraft(value);
    };
    draftStore.get(session.id).then(start, () => start(undefined));
    return () => {
      alive = false;
    };
  }, [session.id]);

  // Saved at once when the panel hides or closes, and when this wrap-up goes away.
  useEffect(() => {
    const flush = () => void saver.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    globalThis.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      globalThis.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      flush();
    };
  }, [saver]);

  function update(change: Partial<Draft>) {
    const current = draftRef.current;
    if (!current) return;
    const next = { ...current, ...change, updatedAt: Date.now() };
    draftRef.current = next;
    setDraft(next);
    saver.schedule(next);
  }

  function choose(connectionId: string, change: DraftChoice) {
    const current = draftRef.current;
    if (!current) return;
    update({
      choices: { ...current.choices, [connectionId]: { ...current.choices[connectionId], ...change } },
    });
  }

  /** The logs are stored: this draft goes, and the next one keeps the channel. */
  async function finish(channel: LogChannel) {
    saver.cancel();
    await saver.flush();
    await draftStore.remove(session.id);
    const fresh = { ...newDraft(session), channel };
    draftRef.current = fresh;
    setDraft(fresh);
  }

  return { draft, draftRef, saver, update, choose, finish };
}
