import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { patternHost, sitePattern } from '../../lib/access/patterns';
import { retryDelayMs } from '../../lib/background/backoff';
import { createConnectionService } from '../../lib/background/connections';
import { createOutbox, SETTLE_MS } from '../../lib/background/outbox';
import { createThrottle, PUBLISHED_LIMITS } from '../../lib/background/throttle';
import { connectionsItem } from '../../lib/store/connections';
import { outboxStore, readOutboxItem } from '../../lib/store/outbox';
import { bullhornTarget } from '../conformance/bullhorn.target';
import { closeTarget } from '../conformance/close.target';
import { entityCrmTarget } from '../conformance/entity-crm.target';
import type { ConformanceTarget } from '../conformance/harness';
import { memorySecrets } from '../support/memory-secrets';
import { useSandbox } from '../support/use-sandbox';

describe('retryDelayMs', () => {
  it('doubles from 2 s with jitter in the upper half', () => {
    expect(retryDelayMs(1, undefined, () => 0)).toBe(1_000);
    expect(retryDelayMs(1, undefined, () => 1)).toBe(2_000);
    expect(retryDelayMs(2, undefined, () => 0.5)).toBe(3_000);
    expect(retryDelayMs(4, undefined, () => 1)).toBe(16_000);
  });
  it('stops growing at 15 minutes', () => {
    expect(retryDelayMs(30, undefined, () => 1)).toBe(900_000);
    expect(retryDelayMs(30, undefined, () => 0)).toBe(450_000);
  });
  it('never retries sooner than the CRM asked', () => {
    expect(retryDelayMs(1, 7_000, () => 0)).toBe(7_000);
    expect(retryDelayMs(5, 7_000, () => 1)).toBe(32_000);
  });
});

describe('throttle', () => {
  it('keeps each connection inside its CRM’s published limit', () => {
    let clock = 0;
    const throttle = createThrottle(() => clock);
    const { limit, windowMs } = PUBLISHED_LIMITS.bullhorn;
    for (let i = 0; i < limit; i++) expect(throttle.take('bh', 'bullhorn')).toBe(0);
    expect(throttle.take('bh', 'bullhorn')).toBe(windowMs);
    expect(throttle.take('other', 'bullhorn')).toBe(0);
    clock = windowMs;
    expect(throttle.take('bh', 'bullhorn')).toBe(0);
    expect(PUBLISHED_LIMITS.closingdealz).toEqual({ limit: 1_000, windowMs: 300_000 });
  });
});

describe('storage versions', () => {
  it('migrates v1 connections (Close only, one masked key) to v2', async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({
      connections: [
        {
          id: 'c1',
          provider: 'close',
          baseUrl: 'https://api.close.com/api/v1/',
          keyHint: 'api_••••••0001',
          createdAt: 1,
        },
      ],
      connections$: { v: 1 },
    });
    await connectionsItem.migrate();
    expect(await connectionsItem.get()).toEqual([
      {
        id: 'c1',
        provider: 'close',
        baseUrl: 'https://api.close.com/api/v1/',
        settings: {},
        secretHints: { apiKey: 'api_••••••0001' },
        createdAt: 1,
      },
    ]);
  });
  it('reads only outbox items of a known version and shape', () => {
    expect(readOutboxItem({ v: 2, id: 'x' })).toBeUndefined();
    expect(readOutboxItem('garbage')).toBeUndefined();
  });
});

const sandbox = useSandbox();

describe.each(
  [closeTarget, bullhornTarget, entityCrmTarget].map((target) => [target.definition.label, target] as const),
)('outbox delivery to %s', (_label, target: ConformanceTarget) => {
  let clock: number;
  let outbox: ReturnType<typeof createOutbox>;
  let counts: [number, number][];
  let input: Parameters<typeof outbox.enqueue>[0];
  /** Hosts the browser stopped letting Ringside reach (a removed host permission). */
  let revoked: Set<string>;

  beforeEach(async () => {
    clock = Date.parse('2026-11-22T10:00:00Z');
    counts = [];
    revoked = new Set();
    const connections = createConnectionService(memorySecrets(), {
      missingOrigins: async (patterns) => patterns.filter((pattern) => revoked.has(pattern)),
    });
    const connection = await connections.save({
      provider: target.definition.id,
      baseUrl: target.baseUrl(sandbox),
      fields: target.credentials,
    });
    const fixture = target.fixtures.record;
    if (!fixture) throw new Error('needs a record fixture');
    const adapter = await connections.adapterFor(connection);
    const record = (await adapter.getRecord?.({ ...fixture, connectionId: connection.id }))?.ref;
    if (!record) throw new Error('could not read the record');
    outbox = createOutbox({
      connections,
      store: outboxStore,
      throttle: createThrottle(() => clock),
      wakeAt: () => undefined,
      onCounts: (pending, attention) => counts.push([pending, attention]),
      now: () => clock,
      random: () => 0.5,
    });
    input = {
      connectionId: connection.id,
      provider: connection.provider,
      label: 'Call with a candidate',
      op: {
        type: 'log-activity',
        input: {
          channel: 'call',
          record,
          direction: 'outbound',
          durationSec: 61,
          phone: '+14155552671',
          note: `Outbox test ${target.definition.id}: called about the offer.`,
          activityAt: '2026-11-22T09:59:00.000Z',
        },
      },
    };
  });

  const count = () => target.inspect.countActivities?.(sandbox, 'called about the offer') ?? Number.NaN;

  it('stores the log before sending and removes nothing once delivered', async () => {
    const item = await outbox.enqueue(input);
    expect((await outboxStore.get(item.id))?.op).toEqual(input.op);
    await outbox.drain();
    expect((await outboxStore.get(item.id))?.state).toBe('sent');
    expect(count()).toBe(1);
    expect(counts.at(-1)).toEqual([0, 0]);
  });

  it('after a write whose answer was lost, checks the CRM instead of writing twice', async () => {
    sandbox.api(target.definition.id).faults.add({ kind: 'drop-after-commit', method: 'PUT', times: 1 });
    sandbox.api(target.definition.id).faults.add({ kind: 'drop-after-commit', method: 'POST', times: 1 });
    const item = await outbox.enqueue(input);
    await outbox.drain();
    const waiting = await outboxStore.get(item.id);
    expect(waiting).toMatchObject({ state: 'retry', unknownOutcome: true, lastError: { kind: 'network' } });
    expect(waiting?.nextAttemptAt).toBe(clock + SETTLE_MS);
    expect(count()).toBe(1);
    expect(counts.at(-1)).toEqual([1, 0]);

    clock = waiting?.nextAttemptAt ?? clock;
    await outbox.drain();
    expect((await outboxStore.get(item.id))?.state).toBe('sent');
    expect(count()).toBe(1);
  });

  it('waits at least as long as a 429 asked, then delivers', async () => {
    sandbox.api(target.definition.id).faults.add({ kind: 'rate-limit', resetSeconds: 30, times: 1 });
    const item = await outbox.enqueue(input);
    await outbox.drain();
    const waiting = await outboxStore.get(item.id);
    expect(waiting?.state).toBe('retry');
    expect((waiting?.nextAttemptAt ?? 0) - clock).toBeGreaterThanOrEqual(30_000);
    clock += 10_000;
    await outbox.drain();
    expect((await outboxStore.get(item.id))?.state).toBe('retry');
    clock = waiting?.nextAttemptAt ?? clock;
    await outbox.drain();
    expect((await outboxStore.get(item.id))?.state).toBe('sent');
    expect(count()).toBe(1);
  });

  it('keeps only the newest delivered items, and every undelivered one', async () => {
    const small = createOutbox({
      // Pruning alone: this outbox has no due item to deliver.
      connections: createConnectionService(memorySecrets()),
      store: outboxStore,
      throttle: createThrottle(() => clock),
      wakeAt: () => undefined,
      onCounts: () => undefined,
      now: () => clock,
      keepSent: 1,
    });
    const first = await outbox.enqueue(input);
    await outbox.drain();
    clock += 1_000;
    const second = await outbox.enqueue(input);
    await outbox.drain();
    sandbox.api(target.definition.id).faults.add({ kind: 'status', status: 400, times: 1 });
    clock += 1_000;
    const refused = await outbox.enqueue(input);
    await outbox.drain();
    // A pass of an outbox that keeps one delivered item prunes the older one; the refused one stays.
    await small.drain();
    expect(await outboxStore.get(first.id)).toBeUndefined();
    expect((await outboxStore.get(second.id))?.state).toBe('sent');
    expect((await outboxStore.get(refused.id))?.state).toBe('attention');
  });

  it('a refused log needs the recruiter; an edit resends it', async () => {
    sandbox.api(target.definition.id).faults.add({ kind: 'status', status: 400, times: 1 });
    const item = await outbox.enqueue(input);
    await outbox.drain();
    expect((await outboxStore.get(item.id))?.state).toBe('attention');
    expect(counts.at(-1)).toEqual([1, 1]);
    await outbox.editNote(item.id, 'Edited: called about the offer, again.');
    await outbox.drain();
    expect((await outboxStore.get(item.id))?.state).toBe('sent');
    expect(target.inspect.countActivities?.(sandbox, 'Edited: called about the offer')).toBe(1);
  });

  it('a log for a CRM whose host permission was removed waits, and goes out once access is back', async () => {
    const host = sitePattern(target.baseUrl(sandbox)) ?? '';
    revoked.add(host);
    const item = await outbox.enqueue(input);
    await outbox.drain();
    const waiting = await outboxStore.get(item.id);
    expect(waiting).toMatchObject({
      state: 'retry',
      lastError: {
        kind: 'no-access',
        message: `Ringside no longer has access to ${patternHost(host)}. Grant it in Options.`,
      },
    });
    expect(waiting?.nextAttemptAt).toBeGreaterThan(clock);
    expect(count()).toBe(0);
    // Its next try comes round while access is still missing: it keeps waiting.
    clock = waiting?.nextAttemptAt ?? clock;
    await outbox.drain();
    expect((await outboxStore.get(item.id))?.state).toBe('retry');
    revoked.clear();
    await outbox.resumeAfterAccess();
    expect((await outboxStore.get(item.id))?.state).toBe('sent');
    expect(count()).toBe(1);
  });

  it('a worker that died mid-request leaves an item the next one checks first', async () => {
    const item = await outbox.enqueue(input);
    await outbox.drain();
    // As if a worker had stopped after sending: the item is still marked sending.
    const sent = await outboxStore.get(item.id);
    if (!sent) throw new Error('the item is gone');
    await outboxStore.put({ ...sent, state: 'sending', result: undefined, updatedAt: clock });
    await outbox.recover();
    // Not checked at once: the dead worker's request may still be committing on the CRM's side.
    const recovered = await outboxStore.get(item.id);
    expect(recovered).toMatchObject({
      state: 'retry',
      unknownOutcome: true,
      nextAttemptAt: clock + SETTLE_MS,
    });
    clock += SETTLE_MS;
    await outbox.drain();
    expect((await outboxStore.get(item.id))?.state).toBe('sent');
    expect(count()).toBe(1);
  });
});
