import type { ActivityRef, CrmRecord } from '../crm/adapter';
import { CrmError, isRetryable, mayHaveBeenWritten } from '../crm/errors';
import { type LockFn, noLock } from '../crm/provider';
import { t } from '../i18n';
import type { OutboxItem, OutboxOp, OutboxStore } from '../store/outbox';
import { retryDelayMs } from './backoff';
import type { ConnectionService } from './connections';
import type { createThrottle } from './throttle';

/**
 * Delivers the outbox. Items are written before any network call and leave only when the CRM confirmed
 * them. After an attempt whose outcome is unknown (dropped connection, timeout, unreadable answer, or a
 * worker that died mid-request), the next attempt first asks the CRM whether it already has the write.
 */

const MAX_PARALLEL_CONNECTIONS = 4;
/**
 * A request whose answer was lost may still be committing on the CRM's side (a worker killed mid-request,
 * a client timeout): the check for it waits until any such request must have finished, that is past the
 * client's own 15 s timeout. Checking sooner can miss a write that lands a moment later, and duplicate it.
 */
export const SETTLE_MS = 20_000;
/** Delivered items kept for the call history. */
export const KEEP_SENT = 500;

export interface OutboxDeps {
  connections: ConnectionService;
  store: OutboxStore;
  throttle: ReturnType<typeof createThrottle>;
  /** Asks to be woken at `when` (epoch ms) even if the worker is stopped meanwhile. */
  wakeAt: (when: number) => void;
  /** Called after every change with the number of items not yet delivered and whether any needs the user. */
  onCounts: (pending: number, attention: number) => void;
  /**
   * Held for a whole pass across every context of the extension. A stopped worker can still be finishing
   * its pass while a new one starts (the soak saw both deliver one item); the lock makes the second wait.
   */
  lock?: LockFn;
  now?: () => number;
  random?: () => number;
  /** How many delivered items to keep for the history (default KEEP_SENT). */
  keepSent?: number;
  /** Called once the CRM confirmed an `update-record`, with the record as it is now (caches drop it). */
  onRecordUpdated?: (connection: { id: string; provider: OutboxItem['provider'] }, record: CrmRecord) => void;
}

export function createOutbox(deps: OutboxDeps) {
  const now = deps.now ?? (() => Date.now());
  const random = deps.random ?? Math.random;
  const lock = deps.lock ?? noLock;
  const inFlight = new Set<string>();
  let draining: Promise<void> | undefined;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function save(item: OutboxItem): Promise<OutboxItem> {
    const updated = { ...item, updatedAt: now() };
    await deps.store.put(updated);
    return updated;
  }

  async function publishCounts(items?: OutboxItem[]): Promise<void> {
    const all = items ?? (await deps.store.list());
    const open = all.filter((item) => item.state !== 'sent');
    deps.onCounts(open.length, open.filter((item) => item.state === 'attention').length);
  }

  /** Runs one operation, checking first where an earlier attempt may already have landed. */
  async function perform(item: OutboxItem): Promise<OutboxItem['result']> {
    const connection = await deps.connections.find(item.connectionId);
    const adapter = await deps.connections.adapterFor(connection);
    const op: OutboxOp = item.op;
    switch (op.type) {
      case 'log-activity': {
        if (!adapter.logActivity)
          throw new CrmError({ kind: 'validation', message: t('bgOutbox_cannotLog') });
        const input = { ...op.input, clientId: item.id };
        const existing: ActivityRef | undefined =
          item.unknownOutcome && adapter.findActivity ? await adapter.findActivity(input) : undefined;
        return { activity: existing ?? (await adapter.logActivity(input)) };
      }
      case 'update-activity': {
        // Updates set the same values each time: repeating one is harmless.
        if (!adapter.updateActivity)
          throw new CrmError({ kind: 'validation', message: t('bgOutbox_cannotEdit') });
        await adapter.updateActivity(op.ref, op.patch);
        return { activity: op.ref };
      }
      case 'update-record': {
        if (!adapter.updateRecord)
          throw new CrmError({ kind: 'validation', message: t('bgOutbox_cannotUpdate') });
        const updated = await adapter.updateRecord(op.ref, op.patch);
        deps.onRecordUpdated?.({ id: item.connectionId, provider: item.provider }, updated);
        return {};
      }
    }
  }

  async function attempt(start: OutboxItem): Promise<void> {
    const startedAt = now();
    let item = await save({ ...start, state: 'sending', attempts: start.attempts + 1 });
    try {
      const result = await perform(item);
      item = await save({
        ...item,
        state: 'sent',
        unknownOutcome: false,
        result,
        nextAttemptAt: undefined,
        lastError: undefined,
      });
    } catch (cause) {
      const error =
        cause instanceof CrmError
          ? cause
          : new CrmError({ kind: 'invalid-response', message: t('bgOutbox_deliveryFailed') });
      const lastError = {
        kind: error.kind,
        message: error.message,
        ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
      };
      const maybeWritten = mayHaveBeenWritten(error.kind);
      // A create may have landed before a later request of the same attempt failed: the next try of a
      // log always checks first (one cheap read). Updates set the same values again, so they need none.
      const unknownOutcome = item.unknownOutcome || maybeWritten || item.op.type === 'log-activity';
      // A removed host permission waits too, however long: nothing was sent, and granting access again
      // resumes it at once (resumeAfterAccess).
      if (isRetryable(error.kind) || error.kind === 'invalid-response' || error.kind === 'no-access') {
        const backoff = now() + retryDelayMs(item.attempts, error.retryAfterMs, random);
        const nextAttemptAt = maybeWritten ? Math.max(backoff, startedAt + SETTLE_MS) : backoff;
        item = await save({ ...item, state: 'retry', unknownOutcome, lastError, nextAttemptAt });
      } else {
        // Retrying cannot fix auth, permission, validation or a missing record: the recruiter decides.
        item = await save({
          ...item,
          state: 'attention',
          unknownOutcome,
          lastError,
          nextAttemptAt: undefined,
        });
      }
    }
  }

  function isDue(item: OutboxItem, at: number): boolean {
    if (inFlight.has(item.id)) return false;
    if (item.state === 'queued') return true;
    return item.state === 'retry' && (item.nextAttemptAt ?? 0) <= at;
  }

  /** Delivers one connection's due items in order, within its published rate limit. */
  async function drainConnection(items: OutboxItem[]): Promise<void> {
    for (const snapshot of items) {
      // Read again: the snapshot is as old as the pass, and another context may have moved the item on.
      const item = await deps.store.get(snapshot.id);
      if (!item || !isDue(item, now())) continue;
      const wait = deps.throttle.take(item.connectionId, item.provider);
      if (wait > 0) {
        // Over the CRM's limit: leave the rest for when the window has room.
        schedule(now() + wait);
        return;
      }
      inFlight.add(item.id);
      try {
        await attempt(item);
      } finally {
        inFlight.delete(item.id);
      }
    }
  }

  function schedule(when: number): void {
    deps.wakeAt(when);
    // While the worker lives, a timer is sooner and finer than an alarm; the alarm covers its death.
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void drain(), Math.max(0, when - now()));
  }

  async function pass(): Promise<void> {
    const at = now();
    const items = await deps.store.list();
    const due = items.filter((item) => isDue(item, at));
    const byConnection = new Map<string, OutboxItem[]>();
    for (const item of due)
      byConnection.set(item.connectionId, [...(byConnection.get(item.connectionId) ?? []), item]);
    const groups = [...byConnection.values()];
    for (let index = 0; index < groups.length; index += MAX_PARALLEL_CONNECTIONS) {
      await Promise.all(groups.slice(index, index + MAX_PARALLEL_CONNECTIONS).map(drainConnection));
    }
    const after = await prune(await deps.store.list());
    const waiting = after.filter((item) => item.state === 'retry' && item.nextAttemptAt !== undefined);
    const next = Math.min(...waiting.map((item) => item.nextAttemptAt ?? Number.POSITIVE_INFINITY));
    if (Number.isFinite(next)) schedule(next);
    await publishCounts(after);
  }

  /** Delivered logs stay for the call history, the newest KEEP_SENT of them; nothing undelivered is pruned. */
  async function prune(items: OutboxItem[]): Promise<OutboxItem[]> {
    const sent = items.filter((item) => item.state === 'sent').sort((a, b) => b.updatedAt - a.updatedAt);
    const old = new Set(sent.slice(deps.keepSent ?? KEEP_SENT).map((item) => item.id));
    for (const id of old) await deps.store.remove(id);
    return items.filter((item) => !old.has(item.id));
  }

  /** One pass at a time; a wake-up during a pass makes it run once more. */
  function drain(): Promise<void> {
    if (draining) {
      again = true;
      return draining;
    }
    draining = lock('outbox-drain', async () => {
      do {
        again = false;
        await pass();
      } while (again);
    }).finally(() => {
      draining = undefined;
    });
    return draining;
  }

  return {
    drain,

    /**
     * Written to storage before anything is sent; delivery starts at once. With an `id`, enqueueing again
     * returns the item already stored under it: a wrap-up sent twice (a retry after a partial failure)
     * never logs a record twice.
     */
    async enqueue(entry: {
      id?: string;
      connectionId: string;
      provider: OutboxItem['provider'];
      label: string;
      op: OutboxOp;
      callId?: string;
      recordUrl?: string;
      editOf?: string;
    }): Promise<OutboxItem> {
      const { id = crypto.randomUUID(), ...rest } = entry;
      const item = await lock(`outbox-enqueue:${id}`, async () => {
        const existing = entry.id ? await deps.store.get(id) : undefined;
        if (existing) return existing;
        const at = now();
        const created: OutboxItem = {
          v: 1,
          id,
          ...rest,
          state: 'queued',
          attempts: 0,
          createdAt: at,
          updatedAt: at,
          unknownOutcome: false,
        };
        await deps.store.put(created);
        return created;
      });
      void drain();
      return item;
    },

    /**
     * On worker start-up: an item left `sending` belonged to a worker that died mid-request, so its
     * outcome is unknown and the next attempt checks first.
     */
    async recover(): Promise<void> {
      // Under the drain lock: a still-running older worker finishes its pass first.
      await lock('outbox-drain', async () => {
        for (const item of await deps.store.list()) {
          if (item.state === 'sending' && !inFlight.has(item.id)) {
            // `updatedAt` is when that attempt started.
            const nextAttemptAt = Math.max(now(), item.updatedAt + SETTLE_MS);
            await save({ ...item, state: 'retry', unknownOutcome: true, nextAttemptAt });
          }
        }
      });
      await drain();
    },

    async retryNow(id: string): Promise<OutboxItem | undefined> {
      const item = await deps.store.get(id);
      if (!item || item.state === 'sent' || item.state === 'sending') return item;
      const updated = await save({ ...item, state: 'retry', nextAttemptAt: now() });
      void drain();
      return updated;
    },

    /** Edit a log's note (needs-attention or waiting items), then resend. */
    async editNote(id: string, note: string): Promise<OutboxItem | undefined> {
      const item = await deps.store.get(id);
      if (!item || item.state === 'sent' || item.state === 'sending' || item.op.type !== 'log-activity')
        return item;
      const op: OutboxOp = { ...item.op, input: { ...item.op.input, note } };
      const updated = await save({ ...item, op, state: 'retry', nextAttemptAt: now() });
      void drain();
      return updated;
    },

    /** A host permission came back: what waited for it is sent now rather than at its next try. */
    async resumeAfterAccess(): Promise<void> {
      for (const item of await deps.store.list()) {
        if (item.state === 'retry' && item.lastError?.kind === 'no-access')
          await save({ ...item, nextAttemptAt: now() });
      }
      await drain();
    },

    /** Only the recruiter discards; delivery never drops an item by itself. */
    async discard(id: string): Promise<void> {
      const item = await deps.store.get(id);
      if (item?.state === 'sending')
        throw new CrmError({ kind: 'validation', message: t('bgOutbox_sending') });
      await deps.store.remove(id);
      await publishCounts();
    },

    list: () => deps.store.list(),
    get: (id: string) => deps.store.get(id),
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
