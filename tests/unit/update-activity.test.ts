import { beforeEach, describe, expect, it } from 'vitest';
import { createConnectionService } from '../../lib/background/connections';
import { createOutbox } from '../../lib/background/outbox';
import { createThrottle } from '../../lib/background/throttle';
import type { ActivityInput, CrmAdapter, RecordRef } from '../../lib/crm/adapter';
import { CrmError } from '../../lib/crm/errors';
import { providers } from '../../lib/crm/registry';
import { outboxStore } from '../../lib/store/outbox';
import { bullhornTarget } from '../conformance/bullhorn.target';
import { closeTarget } from '../conformance/close.target';
import { closingdealzTarget } from '../conformance/closingdealz.target';
import { connectTarget } from '../conformance/connect.target';
import { entityCrmTarget } from '../conformance/entity-crm.target';
import type { ConformanceTarget } from '../conformance/harness';
import { SEEDED } from '../sandbox/seed';
import { memorySecrets } from '../support/memory-secrets';
import { useSandbox } from '../support/use-sandbox';

/** Editing a logged activity, per adapter, over real HTTP against the sandbox; and its delivery by the outbox. */

const sandbox = useSandbox();

async function setUp(target: ConformanceTarget) {
  const connections = createConnectionService(memorySecrets());
  const connection = await connections.save({
    provider: target.definition.id,
    baseUrl: target.baseUrl(sandbox),
    fields: target.credentials,
  });
  const adapter = await connections.adapterFor(connection);
  const fixture = target.fixtures.record;
  const record: RecordRef | undefined = fixture
    ? ((await adapter.getRecord?.({ ...fixture, connectionId: connection.id }))?.ref ?? {
        ...fixture,
        connectionId: connection.id,
      })
    : undefined;
  return { connections, connection, adapter, record };
}

function input(record: RecordRef, change: Partial<ActivityInput> = {}): ActivityInput {
  return {
    channel: 'call',
    record,
    direction: 'outbound',
    durationSec: 95,
    phone: '+14155552671',
    note: 'Logged first: talked about the role.',
    activityAt: '2026-11-22T09:30:00.000Z',
    ...change,
  };
}

async function errorOf(promise: Promise<unknown>): Promise<CrmError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CrmError) return error;
    throw error;
  }
  throw new Error('expected a CrmError');
}

describe.each(
  [closeTarget, bullhornTarget, entityCrmTarget, connectTarget, closingdealzTarget].map(
    (target) => [target.definition.label, target] as const,
  ),
)('updateActivity: %s', (_label, target) => {
  let adapter: CrmAdapter;
  let record: RecordRef | undefined;

  beforeEach(async () => {
    ({ adapter, record } = await setUp(target));
  });

  it('changes the logged text, and nothing is added; or is absent where the API cannot', async () => {
    const capable = providers[target.definition.id].capabilities.updateActivity;
    expect(typeof adapter.updateActivity === 'function').toBe(capable);
    if (!adapter.updateActivity || !adapter.logActivity || !record) return;
    const ref = await adapter.logActivity(input(record));
    await adapter.updateActivity(ref, { note: 'Edited later: sent the JD.' });
    expect(target.inspect.activity(sandbox, ref)?.note).toBe('Edited later: sent the JD.');
    expect(target.inspect.countActivities?.(sandbox, 'Edited later')).toBe(1);
    expect(target.inspect.countActivities?.(sandbox, 'Logged first')).toBe(0);
  });
});

describe('updateActivity: Close specifics', () => {
  it('changes a call’s outcome with its text, and a note’s text', async () => {
    const { adapter, record } = await setUp(closeTarget);
    if (!adapter.logActivity || !adapter.updateActivity || !record) throw new Error('Close logs and edits');
    const call = await adapter.logActivity(input(record));
    await adapter.updateActivity(call, { note: 'Call, edited.', outcomeId: SEEDED.outcomes.leftVoicemail });
    expect(sandbox.state.calls).toEqual([
      expect.objectContaining({
        id: call.id,
        note: 'Call, edited.',
        outcome_id: SEEDED.outcomes.leftVoicemail,
      }),
    ]);
    const note = await adapter.logActivity(input(record, { channel: 'sms', note: 'Texted Jane.' }));
    expect(note.kind).toBe('note');
    await adapter.updateActivity(note, { note: 'Texted Jane the JD.', typeId: 'note' });
    expect(sandbox.state.notes.map((entry) => entry.note)).toEqual(['Texted Jane the JD.']);
    // Every request stayed inside Close's published UpdateCallActivity / UpdateNoteActivity paths.
    const puts = sandbox.api('close').requests.filter((request) => request.method === 'PUT');
    expect(puts.map((request) => request.path)).toEqual([
      `/api/v1/activity/call/${call.id}/`,
      `/api/v1/activity/note/${note.id}/`,
    ]);
  });

  it('refuses to turn a call into a note without asking Close, and maps a missing activity to not-found', async () => {
    const { adapter, record } = await setUp(closeTarget);
    if (!adapter.logActivity || !adapter.updateActivity || !record) throw new Error('Close logs and edits');
    const call = await adapter.logActivity(input(record));
    const before = sandbox.api('close').requests.length;
    expect((await errorOf(adapter.updateActivity(call, { note: 'x', typeId: 'note' }))).kind).toBe(
      'validation',
    );
    expect(sandbox.api('close').requests.length).toBe(before);
    const missing = await errorOf(adapter.updateActivity({ ...call, id: 'acti_missing' }, { note: 'x' }));
    expect(missing.kind).toBe('not-found');
  });
});

describe('the outbox delivers edits through adapter.updateActivity', () => {
  it.each([
    ['Close', closeTarget, undefined],
    ['Bullhorn', bullhornTarget, 'Left Message'],
  ] as const)('%s: the log, then its edit, land on the same activity', async (_label, target, typeId) => {
    const { connections, connection, record } = await setUp(target);
    if (!record) throw new Error('needs a record');
    const outbox = createOutbox({
      connections,
      store: outboxStore,
      throttle: createThrottle(),
      wakeAt: () => undefined,
      onCounts: () => undefined,
    });
    const log = await outbox.enqueue({
      connectionId: connection.id,
      provider: connection.provider,
      label: 'Call with Jane Doe',
      op: { type: 'log-activity', input: input(record) },
      callId: 'dial-1',
    });
    await outbox.drain();
    const sent = await outboxStore.get(log.id);
    const activity = sent?.result?.activity;
    if (!activity) throw new Error('the log was not delivered');
    const edit = await outbox.enqueue({
      connectionId: connection.id,
      provider: connection.provider,
      label: 'Edit: Call with Jane Doe',
      op: {
        type: 'update-activity',
        ref: activity,
        patch: { note: 'Edited through the outbox.', ...(typeId ? { typeId } : {}) },
      },
      callId: 'dial-1',
      editOf: log.id,
    });
    await outbox.drain();
    expect(await outboxStore.get(edit.id)).toMatchObject({ state: 'sent', editOf: log.id, callId: 'dial-1' });
    expect(target.inspect.activity(sandbox, activity)).toEqual({
      note: 'Edited through the outbox.',
      ...(typeId ? { type: typeId } : {}),
    });
    expect(target.inspect.countActivities?.(sandbox, 'Edited through the outbox.')).toBe(1);
  });
});
