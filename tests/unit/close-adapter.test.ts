import { beforeEach, describe, expect, it } from 'vitest';
import { CrmError } from '../../lib/crm/errors';
import { type CloseAdapter, createCloseAdapter } from '../../lib/crm/providers/close';
import { DEMO_KEYS, SEEDED } from '../sandbox/seed';
import { useSandbox } from '../support/use-sandbox';

const sandbox = useSandbox();
let close: CloseAdapter;

beforeEach(() => {
  close = createCloseAdapter({
    connectionId: 'conn-1',
    credentials: { apiKey: DEMO_KEYS.riley },
    baseUrl: sandbox.closeApiUrl,
  });
});

async function crmError(promise: Promise<unknown>): Promise<CrmError> {
  const error = await promise.then(
    () => undefined,
    (cause: unknown) => cause,
  );
  expect(error).toBeInstanceOf(CrmError);
  return error as CrmError;
}

describe('Close adapter over HTTP', () => {
  it('says who the key belongs to', async () => {
    expect(await close.whoAmI()).toEqual({
      userName: 'Riley Recruiter',
      email: 'riley@ringside-demo.example',
      organization: 'Ringside Demo Agency',
    });
    const me = sandbox.requests.find((request) => request.path === '/api/v1/me/');
    expect(me?.authorized).toBe(true);
  });

  it('finds a contact by phone with its lead as the company and a link to the lead', async () => {
    const [jane, ...rest] = await close.search({ phone: SEEDED.jane.mobile });
    expect(rest).toEqual([]);
    expect(jane).toMatchObject({
      ref: {
        provider: 'close',
        connectionId: 'conn-1',
        kind: 'contact',
        id: SEEDED.jane.contactId,
        parentId: SEEDED.jane.leadId,
      },
      name: 'Jane Doe',
      title: 'Head of Talent',
      company: 'Acme Robotics',
      emails: ['jane.doe@acme-robotics.example'],
      url: `${sandbox.url}/lead/${SEEDED.jane.leadId}/`,
    });
    expect(jane?.phones.map((phone) => phone.e164)).toEqual(['+14155552671', '+14155550132']);
  });

  it('finds every contact sharing a number, and by email', async () => {
    const shared = await close.search({ phone: SEEDED.shared.phone });
    expect(shared.map((record) => record.ref.id).sort()).toEqual([...SEEDED.shared.contactIds].sort());
    const byEmail = await close.search({ email: 'PRIYA@northwind.example' });
    expect(byEmail.map((record) => record.name)).toEqual(['Priya Patel']);
    expect(await close.search({ phone: '+16505550111' })).toEqual([]);
  });

  it('reads one record', async () => {
    const record = await close.getRecord({
      provider: 'close',
      connectionId: 'conn-1',
      kind: 'contact',
      id: SEEDED.priya.contactId,
    });
    expect(record).toMatchObject({ name: 'Priya Patel', company: 'Northwind Staffing' });
  });

  it('logs a call activity on the contact’s lead', async () => {
    const activity = await close.logActivity({
      channel: 'call',
      record: {
        provider: 'close',
        connectionId: 'conn-1',
        kind: 'contact',
        id: SEEDED.jane.contactId,
        parentId: SEEDED.jane.leadId,
      },
      direction: 'inbound',
      durationSec: 61,
      phone: SEEDED.jane.mobile,
      note: 'Called back about the offer.',
      activityAt: '2026-11-22T09:30:00.000Z',
    });
    expect(activity).toMatchObject({
      provider: 'close',
      kind: 'call',
      parentId: SEEDED.jane.leadId,
      url: `${sandbox.url}/lead/${SEEDED.jane.leadId}/`,
    });
    expect(sandbox.state.calls).toHaveLength(1);
    expect(sandbox.state.calls[0]).toMatchObject({
      id: activity.id,
      lead_id: SEEDED.jane.leadId,
      contact_id: SEEDED.jane.contactId,
      direction: 'inbound',
      duration: 61,
      phone: SEEDED.jane.mobile,
      note: 'Called back about the offer.',
      activity_at: '2026-11-22T09:30:00.000Z',
    });
  });

  it('turns Close’s validation body into field errors', async () => {
    const error = await crmError(
      close.logActivity({
        channel: 'call',
        record: {
          provider: 'close',
          connectionId: 'conn-1',
          kind: 'contact',
          id: SEEDED.jane.contactId,
          parentId: 'lead_doesNotExist',
        },
        direction: 'outbound',
        durationSec: 1,
        phone: SEEDED.jane.mobile,
        note: '',
        activityAt: '2026-11-22T09:30:00.000Z',
      }),
    );
    expect(error.kind).toBe('validation');
    expect(Object.keys(error.fieldErrors ?? {}).length).toBeGreaterThan(0);
    expect(sandbox.state.calls).toHaveLength(0);
  });
});

describe('Close adapter failures', () => {
  it('a bad key is an auth error, with the key nowhere in the message', async () => {
    const bad = createCloseAdapter({
      connectionId: 'c',
      credentials: { apiKey: 'api_NotARealKey42' },
      baseUrl: sandbox.closeApiUrl,
    });
    const error = await crmError(bad.whoAmI());
    expect(error.kind).toBe('auth');
    expect(error.message).toBe(
      'Close rejected the API key. Check that it was copied in full and has not been revoked.',
    );
  });

  it('a 429 carries the wait from the RateLimit header', async () => {
    sandbox.faults.add({ kind: 'rate-limit', resetSeconds: 3, times: 1 });
    const error = await crmError(close.whoAmI());
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBe(3000);
  });

  it('a 5xx is unavailable, a dropped connection is network, a slow answer is a timeout', async () => {
    sandbox.faults.add({ kind: 'status', status: 503, times: 1 });
    expect((await crmError(close.whoAmI())).kind).toBe('unavailable');
    sandbox.faults.add({ kind: 'drop', times: 1 });
    expect((await crmError(close.whoAmI())).kind).toBe('network');
    const impatient = createCloseAdapter({
      connectionId: 'c',
      credentials: { apiKey: DEMO_KEYS.riley },
      baseUrl: sandbox.closeApiUrl,
      timeoutMs: 200,
    });
    sandbox.faults.add({ kind: 'latency', ms: 1000, times: 1 });
    expect((await crmError(impatient.whoAmI())).kind).toBe('timeout');
  });

  it('nothing listening is a network error', async () => {
    const nowhere = createCloseAdapter({
      connectionId: 'c',
      credentials: { apiKey: DEMO_KEYS.riley },
      baseUrl: 'http://127.0.0.1:9/api/v1/',
    });
    expect((await crmError(nowhere.whoAmI())).kind).toBe('network');
  });
});
