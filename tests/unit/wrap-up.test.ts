import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActivityTypes } from '../../lib/background/activity-types';
import { createConnectionService } from '../../lib/background/connections';
import { createOutbox } from '../../lib/background/outbox';
import { createThrottle } from '../../lib/background/throttle';
import { createUserMapping } from '../../lib/background/user-mapping';
import { createWrapUpHandlers, logItemId } from '../../lib/background/wrap-up';
import { groupCalls } from '../../lib/call/history';
import type { CrmRecord, RecordRef } from '../../lib/crm/adapter';
import type { Connection } from '../../lib/store/connections';
import { type OutboxItem, outboxStore } from '../../lib/store/outbox';
import { bullhornTarget } from '../conformance/bullhorn.target';
import { closeTarget } from '../conformance/close.target';
import { entityCrmTarget } from '../conformance/entity-crm.target';
import type { ConformanceTarget } from '../conformance/harness';
import { SEEDED } from '../sandbox/seed';
import { memorySecrets } from '../support/memory-secrets';
import { useSandbox } from '../support/use-sandbox';

const ref = (id: string, connectionId = 'c1'): RecordRef => ({
  provider: 'close',
  connectionId,
  kind: 'contact',
  id,
});

describe('logItemId', () => {
  it('is the same for the same wrap-up and record, different for another record or wrap-up', async () => {
    const first = await logItemId('key-0001', ref('cont_1'));
    expect(first).toMatch(/^log-[0-9a-f]{32}$/);
    expect(await logItemId('key-0001', ref('cont_1'))).toBe(first);
    expect(await logItemId('key-0001', ref('cont_2'))).not.toBe(first);
    expect(await logItemId('key-0001', ref('cont_1', 'c2'))).not.toBe(first);
    expect(await logItemId('key-0002', ref('cont_1'))).not.toBe(first);
  });
});

function item(id: string, change: Partial<OutboxItem> = {}): OutboxItem {
  return {
    v: 1,
    id,
    connectionId: 'c1',
    provider: 'close',
    label: `Call with ${id}`,
    op: {
      type: 'log-activity',
      input: {
        channel: 'call',
        record: ref(`cont_${id}`),
        phone: '+14155552671',
        note: `Note ${id}`,
        activityAt: '2026-11-22T09:00:00.000Z',
      },
    },
    state: 'sent',
    attempts: 1,
    createdAt: 1_000,
    updatedAt: 1_000,
    unknownOutcome: false,
    ...change,
  };
}

describe('groupCalls', () => {
  const activity = { provider: 'close' as const, connectionId: 'c1', kind: 'call', id: 'acti_1' };

  it('groups a call’s logs, newest call first, with each log’s state and link', () => {
    const calls = groupCalls([
      item('a', { callId: 'dial-1', createdAt: 1_000, recordUrl: 'https://crm.example/lead/1' }),
      item('b', {
        callId: 'dial-1',
        createdAt: 1_001,
        provider: 'bullhorn',
        state: 'retry',
        result: { activity: { ...activity, url: 'https://crm.example/note/9' } },
      }),
      item('c', { callId: 'dial-2', createdAt: 5_000, state: 'attention' }),
      // Logged before calls had ids: a call of its own.
      item('d', { createdAt: 3_000, recordUrl: 'javascript:alert(1)' }),
    ]);
    expect(
      calls.map((call) => [call.id, call.logs.map((log) => [log.item.id, log.state, log.link])]),
    ).toEqual([
      ['dial-2', [['c', 'attention', undefined]]],
      ['d', [['d', 'sent', undefined]]],
      [
        'dial-1',
        [
          ['a', 'sent', 'https://crm.example/lead/1'],
          ['b', 'waiting', 'https://crm.example/note/9'],
        ],
      ],
    ]);
    expect(calls[2]?.phone).toBe('+14155552671');
  });

  it('shows the newest delivered edit’s text and type, and the edit still on its way', () => {
    const edit = (id: string, state: OutboxItem['state'], note: string, createdAt: number): OutboxItem =>
      item(id, {
        callId: 'dial-1',
        editOf: 'a',
        state,
        createdAt,
        op: { type: 'update-activity', ref: activity, patch: { note, typeId: 'Left Message' } },
      });
    const [call] = groupCalls([
      item('a', { callId: 'dial-1' }),
      edit('e1', 'sent', 'First edit', 2_000),
      edit('e2', 'sent', 'Second edit', 3_000),
      edit('e3', 'retry', 'Third edit', 4_000),
    ]);
    expect(call?.logs).toHaveLength(1);
    expect(call?.logs[0]).toMatchObject({ note: 'Second edit', typeId: 'Left Message' });
    expect(call?.logs[0]?.pendingEdit?.id).toBe('e3');
  });

  it('keeps the newest calls only', () => {
    const items = Array.from({ length: 60 }, (_, i) => item(`n${i}`, { callId: `dial-${i}`, createdAt: i }));
    const calls = groupCalls(items, 50);
    expect(calls).toHaveLength(50);
    expect(calls[0]?.id).toBe('dial-59');
    expect(calls.at(-1)?.id).toBe('dial-10');
  });
});

describe('wrap-up messages over HTTP', () => {
  let connections: ReturnType<typeof createConnectionService>;
  let outbox: ReturnType<typeof createOutbox>;
  let handlers: ReturnType<typeof createWrapUpHandlers>;
  const sender = {} as never;
  const sandbox = useSandbox();

  beforeEach(() => {
    connections = createConnectionService(memorySecrets());
    outbox = createOutbox({
      connections,
      store: outboxStore,
      throttle: createThrottle(),
      wakeAt: () => undefined,
      onCounts: () => undefined,
    });
    handlers = createWrapUpHandlers({
      connections,
      outbox,
      userMapping: createUserMapping(connections),
      activityTypes: createActivityTypes(connections),
    });
  });
  // Enqueueing starts a delivery by itself: let it finish before the next test resets the sandbox.
  afterEach(() => outbox.drain());

  async function janeIn(target: ConformanceTarget): Promise<{ connection: Connection; record: CrmRecord }> {
    const connection = await connections.save({
      provider: target.definition.id,
      baseUrl: target.baseUrl(sandbox),
      fields: target.credentials,
    });
    const adapter = await connections.adapterFor(connection);
    const fixture = target.fixtures.record;
    if (!fixture) throw new Error('needs a record');
    const record = await adapter.getRecord?.({ ...fixture, connectionId: connection.id });
    if (!record) throw new Error('could not read the record');
    return { connection, record };
  }

  const logOf = (record: CrmRecord, note: string) => ({
    label: `Call with ${record.name}`,
    input: {
      channel: 'call' as const,
      record: record.ref,
      direction: 'outbound' as const,
      durationSec: 125,
      phone: '+14155552671',
      note,
      activityAt: '2026-11-22T09:00:00.000Z',
    },
    ...(record.url ? { recordUrl: record.url } : {}),
  });

  it('logs one call to two CRMs, one item each; sending the same wrap-up again adds nothing', async () => {
    const close = await janeIn(closeTarget);
    const bullhorn = await janeIn(bullhornTarget);
    const request = {
      callId: 'dial-1',
      key: 'wrapup-key-0001',
      logs: [logOf(close.record, 'Both: first call.'), logOf(bullhorn.record, 'Both: first call.')],
    };
    const first = await handlers['call.logMany'](request, sender);
    const ids = first.results.map((result) => result.item?.id);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    expect(first.results.map((result) => result.item?.callId)).toEqual(['dial-1', 'dial-1']);
    expect(first.results[0]?.item?.recordUrl).toBe(close.record.url);

    const again = await handlers['call.logMany'](request, sender);
    expect(again.results.map((result) => result.item?.id)).toEqual(ids);
    await outbox.drain();
    expect((await outbox.list()).map((entry) => entry.state)).toEqual(['sent', 'sent']);
    expect(closeTarget.inspect.countActivities?.(sandbox, 'Both: first call.')).toBe(1);
    expect(bullhornTarget.inspect.countActivities?.(sandbox, 'Both: first call.')).toBe(1);
  });

  it('answers per record: a removed connection fails alone, the others are stored', async () => {
    const close = await janeIn(closeTarget);
    const gone = { ...close.record, ref: { ...close.record.ref, connectionId: 'removed-connection' } };
    const { results } = await handlers['call.logMany'](
      {
        callId: 'dial-2',
        key: 'wrapup-key-0002',
        logs: [logOf(gone, 'One fails.'), logOf(close.record, 'One fails.')],
      },
      sender,
    );
    expect(results[0]).toEqual({
      error: { kind: 'not-found', message: 'That connection no longer exists.' },
    });
    expect(results[1]?.item?.state).toBe('queued');
  });

  it('drops a record link that is not a web address', async () => {
    const close = await janeIn(closeTarget);
    const { results } = await handlers['call.logMany'](
      {
        callId: 'dial-3',
        key: 'wrapup-key-0003',
        logs: [{ ...logOf(close.record, 'Link check.'), recordUrl: 'javascript:alert(1)' }],
      },
      sender,
    );
    expect(results[0]?.item?.recordUrl).toBeUndefined();
  });

  it('edits a delivered log only, only where the CRM can, and queues the edit against it', async () => {
    const close = await janeIn(closeTarget);
    const entity = await janeIn(entityCrmTarget);
    // Enqueueing starts the delivery: Close is held back so the log is surely not delivered yet when the
    // first edit is tried (without it, a fast delivery won the race now and then).
    sandbox.faults.add({ kind: 'latency', ms: 500, path: 'activity/', times: 1 });
    const { results } = await handlers['call.logMany'](
      {
        callId: 'dial-4',
        key: 'wrapup-key-0004',
        logs: [logOf(close.record, 'To be edited.'), logOf(entity.record, 'To be edited.')],
      },
      sender,
    );
    const [closeLog, entityLog] = results.map((result) => result.item?.id ?? '');
    const update = (outboxItemId: string, change = {}) =>
      handlers['activity.update']({ outboxItemId, note: 'Edited.', ...change }, sender);
    await expect(update(closeLog ?? '')).rejects.toMatchObject({ kind: 'validation' });
    await outbox.drain();
    expect(sandbox.faults.injected.latency).toBe(1);
    await expect(update(entityLog ?? '')).rejects.toThrow('Entity CRM cannot edit a logged note.');
    await expect(update(closeLog ?? '', { typeId: 'note' })).rejects.toThrow(
      'Close cannot change a logged activity’s type.',
    );
    await expect(update('log-unknown-000')).rejects.toMatchObject({ kind: 'not-found' });

    const { item: edit } = await update(closeLog ?? '', { outcomeId: SEEDED.outcomes.interested });
    expect(edit).toMatchObject({ editOf: closeLog, callId: 'dial-4', op: { type: 'update-activity' } });
    await outbox.drain();
    expect(sandbox.state.calls).toEqual([
      expect.objectContaining({ note: 'Edited.', outcome_id: SEEDED.outcomes.interested }),
    ]);
    expect(closeTarget.inspect.countActivities?.(sandbox, 'To be edited.')).toBe(0);
    const [call] = groupCalls(await outbox.list());
    expect(call?.logs.find((log) => log.item.id === closeLog)?.note).toBe('Edited.');
  });

  it('caches a connection’s activity types for the session; refresh asks the CRM again', async () => {
    const close = await janeIn(closeTarget);
    const requests = () =>
      sandbox.api('close').requests.filter((request) => request.path.endsWith('/outcome/')).length;
    const first = await handlers['meta.activityTypes']({ connectionId: close.connection.id }, sender);
    expect(first.types.map((type) => type.name)).toEqual(
      expect.arrayContaining(['Call', 'Note', 'Interested', 'Left voicemail']),
    );
    expect(first.types.some((type) => type.name === 'Candidate Screen')).toBe(false);
    await handlers['meta.activityTypes']({ connectionId: close.connection.id }, sender);
    expect(requests()).toBe(1);
    await handlers['meta.activityTypes']({ connectionId: close.connection.id, refresh: true }, sender);
    expect(requests()).toBe(2);
  });
});
