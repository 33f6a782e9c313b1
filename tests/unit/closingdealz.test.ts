import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CrmAdapter, NewRecord } from '../../lib/crm/adapter';
import { CrmError } from '../../lib/crm/errors';
import {
  CLOSINGDEALZ_DEFAULT_BASE_URL,
  closingdealzDefinition,
  createClosingdealzAdapter,
} from '../../lib/crm/providers/closingdealz';
import { closingdealzTarget } from '../conformance/closingdealz.target';
import type { SandboxApi } from '../conformance/harness';
import {
  CLOSINGDEALZ_DEMO,
  CLOSINGDEALZ_MESSAGES,
  type ClosingdealzApiOptions,
  type ClosingdealzState,
  createClosingdealzApi,
} from '../sandbox/closingdealz';
import { serveApi } from '../sandbox/serve';

interface Running {
  api: SandboxApi<ClosingdealzState>;
  origin: string;
  baseUrl: string;
  close(): Promise<void>;
}

/** The ClosingDealz sandbox on its own port, with the options (rate limits, clock) a test needs. */
async function start(options: Omit<ClosingdealzApiOptions, 'origin'> = {}): Promise<Running> {
  const served = await serveApi((origin) => createClosingdealzApi({ ...options, origin }));
  return { ...served, baseUrl: `${served.origin}/closingdealz/api/v1/` };
}

let sandbox: Running;
let adapter: CrmAdapter;

function adapterFor(apiKey: string, baseUrl = sandbox.baseUrl): CrmAdapter {
  return createClosingdealzAdapter({ connectionId: 'conn-cdz', baseUrl, credentials: { apiKey } });
}

async function crmError(promise: Promise<unknown>): Promise<CrmError> {
  const error = await promise.then(
    () => undefined,
    (cause: unknown) => cause,
  );
  expect(error).toBeInstanceOf(CrmError);
  return error as CrmError;
}

/** Raw POST to the sandbox, for the bodies the adapter never sends. */
async function postLeads(body: unknown, apiKey: string = CLOSINGDEALZ_DEMO.basic, baseUrl = sandbox.baseUrl) {
  const response = await fetch(`${baseUrl}leads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-API-Key': apiKey },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

const jane: NewRecord = {
  firstName: 'Jane',
  lastName: 'Doe',
  company: 'Acme Robotics',
  title: 'Head of Talent',
  phones: [{ number: '+1 (415) 555-2671', type: 'mobile' }],
  emails: ['jane.doe@acme-robotics.example'],
  note: 'Called from Ringside.',
};

beforeAll(async () => {
  sandbox = await start();
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.api.reset();
  adapter = adapterFor(CLOSINGDEALZ_DEMO.basic);
});

describe('ClosingDealz definition', () => {
  it('has one secret key field, the public default URL and only createRecord', () => {
    expect(closingdealzDefinition.id).toBe('closingdealz');
    expect(closingdealzDefinition.defaultBaseUrl).toBe('https://app.closingdealz.io/api/v1/');
    expect(CLOSINGDEALZ_DEFAULT_BASE_URL).toBe(closingdealzDefinition.defaultBaseUrl);
    expect(closingdealzDefinition.baseUrlRequired).toBe(false);
    expect(closingdealzDefinition.recordKinds).toEqual([{ id: 'lead', label: 'Lead' }]);
    expect(closingdealzDefinition.fields.map((field) => [field.name, field.secret])).toEqual([
      ['apiKey', true],
    ]);
    expect(closingdealzDefinition.capabilities).toEqual({
      searchByPhone: 'none',
      searchByEmail: 'none',
      readRecord: false,
      updateRecord: false,
      createRecord: true,
      listRecords: false,
      logActivity: false,
      updateActivity: false,
      listUsers: false,
      listActivityTypes: false,
    });
  });

  it('validates the key: required, trimmed, no spaces', () => {
    const schema = closingdealzDefinition.fields[0]?.schema;
    expect(schema?.safeParse('').success).toBe(false);
    expect(schema?.safeParse('   ').success).toBe(false);
    expect(schema?.safeParse('abc def').success).toBe(false);
    expect(schema?.parse('  cdz_key_1  ')).toBe('cdz_key_1');
  });

  it('builds an adapter whose missing abilities are absent, not stubs', () => {
    const built = closingdealzDefinition.create({
      connectionId: 'c',
      baseUrl: sandbox.baseUrl,
      credentials: { apiKey: CLOSINGDEALZ_DEMO.basic },
    });
    expect(built.provider).toBe('closingdealz');
    expect(typeof built.whoAmI).toBe('function');
    expect(typeof built.createRecord).toBe('function');
    for (const absent of [
      'search',
      'listRecords',
      'getRecord',
      'updateRecord',
      'logActivity',
      'updateActivity',
      'findActivity',
      'listUsers',
      'listActivityTypes',
    ] as const) {
      expect(built[absent], absent).toBeUndefined();
    }
  });

  it('has a conformance target pointing at this sandbox', () => {
    expect(closingdealzTarget.definition).toBe(closingdealzDefinition);
    expect(closingdealzTarget.baseUrl({ url: sandbox.origin, api: () => sandbox.api })).toBe(sandbox.baseUrl);
    expect(closingdealzTarget.fixtures.phone).toBeUndefined();
    expect(closingdealzTarget.fixtures.record).toBeUndefined();
  });
});

describe('ClosingDealz whoAmI', () => {
  it('accepts a working key by posting an empty array, which creates nothing', async () => {
    const before = sandbox.api.state.workspaces['ws-basic']?.leads.length;
    expect(await adapter.whoAmI()).toEqual({ userName: 'ClosingDealz API key' });
    const [sent] = sandbox.api.requests;
    expect(sent).toMatchObject({ method: 'POST', path: '/closingdealz/api/v1/leads', body: [] });
    expect(sent?.headers['x-api-key']).toBe(CLOSINGDEALZ_DEMO.basic);
    expect(sandbox.api.state.workspaces['ws-basic']?.leads.length).toBe(before);
  });

  it('accepts the free-plan key even when its workspace is full', async () => {
    const free = sandbox.api.state.workspaces['ws-free'];
    free?.leads.push(...Array.from({ length: 5 }, () => ({ raw: {}, createdAt: '2025-01-01T00:00:00Z' })));
    expect(await adapterFor(CLOSINGDEALZ_DEMO.free).whoAmI()).toEqual({ userName: 'ClosingDealz API key' });
  });

  it('rejects a bad key with the documented 401 body, as an auth error', async () => {
    expect(await postLeads([], 'nope')).toEqual({
      status: 401,
      body: { succeeded: false, statusCode: 401, statusCodeDescription: 'NONE', message: 'Invalid API key.' },
    });
    const error = await crmError(adapterFor('nope').whoAmI());
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/^ClosingDealz rejected the API key/);
  });

  it('rejects a missing key header', async () => {
    const response = await fetch(`${sandbox.baseUrl}leads`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '[]',
    });
    expect(response.status).toBe(401);
  });
});

describe('ClosingDealz createRecord', () => {
  it('posts one camelCase lead in an array and returns a lead with a Ringside-made id', async () => {
    const record = await adapter.createRecord?.(jane);
    expect(record).toMatchObject({
      ref: { provider: 'closingdealz', connectionId: 'conn-cdz', kind: 'lead' },
      name: 'Jane Doe',
      title: 'Head of Talent',
      company: 'Acme Robotics',
      phones: [{ raw: '+14155552671', e164: '+14155552671', type: 'mobile' }],
      emails: ['jane.doe@acme-robotics.example'],
    });
    expect(record?.ref.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const sent = sandbox.api.requests.at(-1);
    expect(sent?.headers['content-type']).toMatch(/^application\/json/);
    expect(sent?.body).toEqual([
      {
        company: 'Acme Robotics',
        contactPerson: 'Jane Doe',
        jobTitle: 'Head of Talent',
        email: 'jane.doe@acme-robotics.example',
        phoneNumber: '+14155552671',
        notes: 'Called from Ringside.',
      },
    ]);
    const stored = sandbox.api.state.workspaces['ws-basic']?.leads;
    expect(stored).toHaveLength(1);
    expect(stored?.[0]).toMatchObject({ company: 'Acme Robotics', phoneNumber: '+14155552671' });
  });

  it('gives two creates two different ids (ClosingDealz returns none)', async () => {
    const first = await adapter.createRecord?.(jane);
    const second = await adapter.createRecord?.(jane);
    expect(first?.ref.id).not.toBe(second?.ref.id);
  });

  it('keeps further phones and emails in the notes', async () => {
    await adapter.createRecord?.({
      ...jane,
      phones: [{ number: '+14155552671' }, { number: '+44 20 7946 0958', type: 'office' }],
      emails: ['a@example.com', 'b@example.com'],
    });
    const [lead] = (sandbox.api.requests.at(-1)?.body ?? []) as Record<string, string>[];
    expect(lead?.phoneNumber).toBe('+14155552671');
    expect(lead?.email).toBe('a@example.com');
    expect(lead?.notes).toBe(
      'Called from Ringside.\n\nOther phone numbers: +442079460958 (office)\n\nOther email addresses: b@example.com',
    );
  });

  it('refuses a number without a country code before calling ClosingDealz', async () => {
    const error = await crmError(
      adapter.createRecord?.({ ...jane, phones: [{ number: '555 2671' }] }) ?? Promise.resolve(),
    );
    expect(error.kind).toBe('validation');
    expect(error.fieldErrors).toEqual({ phones: 'Not a valid international number.' });
    expect(sandbox.api.requests).toHaveLength(0);
  });

  it('refuses an empty lead and any kind but lead', async () => {
    expect(
      (await crmError(adapter.createRecord?.({ phones: [], emails: [] }) ?? Promise.resolve())).kind,
    ).toBe('validation');
    expect(
      (await crmError(adapter.createRecord?.({ ...jane, kind: 'contact' }) ?? Promise.resolve())).kind,
    ).toBe('validation');
    expect(sandbox.api.requests).toHaveLength(0);
  });

  it('stops the free plan at 5 leads with ClosingDealz own sentence', async () => {
    const free = adapterFor(CLOSINGDEALZ_DEMO.free);
    // The free workspace is seeded with 3 leads.
    await free.createRecord?.(jane);
    await free.createRecord?.(jane);
    expect(sandbox.api.state.workspaces['ws-free']?.leads).toHaveLength(5);
    const error = await crmError(free.createRecord?.(jane) ?? Promise.resolve());
    expect(error.kind).toBe('validation');
    expect(error.message).toContain('Reached the maximum limit of leads on the free plan.');
    expect(error.message).toContain('Basic plan');
    expect(error.fieldErrors).toEqual({ request: 'Reached the maximum limit of leads on the free plan.' });
    expect(sandbox.api.state.workspaces['ws-free']?.leads).toHaveLength(5);
  });

  it('answers the documented free-plan bodies exactly', async () => {
    expect(
      await postLeads([{ company: 'a' }, { company: 'b' }, { company: 'c' }], CLOSINGDEALZ_DEMO.free),
    ).toEqual({
      status: 400,
      body: {
        succeeded: false,
        statusCode: 400,
        statusCodeDescription: 'NONE',
        message: 'Can not have more than 5 leads on the free plan.',
      },
    });
    expect(await postLeads([{ company: 'a' }, { company: 'b' }], CLOSINGDEALZ_DEMO.free)).toEqual({
      status: 200,
      body: { succeeded: true, statusCode: 200, statusCodeDescription: 'NONE', message: null },
    });
    expect(await postLeads([{ company: 'c' }], CLOSINGDEALZ_DEMO.free)).toEqual({
      status: 400,
      body: {
        succeeded: false,
        statusCode: 400,
        statusCodeDescription: 'NONE',
        message: 'Reached the maximum limit of leads on the free plan.',
      },
    });
  });

  it('caps one request at 100 leads with the documented message', async () => {
    const leads = (count: number) =>
      Array.from({ length: count }, (_, index) => ({ company: `Co ${index}` }));
    expect(await postLeads(leads(101))).toEqual({
      status: 400,
      body: {
        succeeded: false,
        statusCode: 400,
        statusCodeDescription: 'NONE',
        message: 'The maximum amount of leads to create at once is 100, but was 101.',
      },
    });
    expect(sandbox.api.state.workspaces['ws-basic']?.leads).toHaveLength(0);
    expect((await postLeads(leads(100))).status).toBe(200);
    expect(sandbox.api.state.workspaces['ws-basic']?.leads).toHaveLength(100);
  });

  it('binds PascalCase names too, as the seed curl sends them', async () => {
    expect((await postLeads([{ Company: 'Open AI', Notes: 'Interested in API integration' }])).status).toBe(
      200,
    );
    expect(sandbox.api.state.workspaces['ws-basic']?.leads[0]).toMatchObject({
      company: 'Open AI',
      notes: 'Interested in API integration',
    });
  });

  it('rejects what is not a JSON array of leads', async () => {
    expect((await postLeads({ company: 'not an array' })).status).toBe(400);
    const response = await fetch(`${sandbox.baseUrl}leads`, {
      method: 'POST',
      headers: { 'X-API-Key': CLOSINGDEALZ_DEMO.basic, 'Content-Type': 'text/plain' },
      body: '[]',
    });
    expect(response.status).toBe(415);
    const get = await fetch(`${sandbox.baseUrl}leads`, { headers: { 'X-API-Key': CLOSINGDEALZ_DEMO.basic } });
    expect(get.status).toBe(405);
    const other = await fetch(`${sandbox.baseUrl}contacts`, {
      headers: { 'X-API-Key': CLOSINGDEALZ_DEMO.basic },
    });
    expect(other.status).toBe(404);
  });
});

describe('ClosingDealz rate limit', () => {
  let limited: Running;
  let now = 0;

  beforeAll(async () => {
    limited = await start({ rateLimit: { limit: 3, windowMs: 60_000 }, now: () => now });
  });
  afterAll(() => limited.close());
  afterEach(() => limited.api.reset());

  it('answers the 4th request in a window with the documented 429, then recovers', async () => {
    now = 1_000_000;
    const key = adapterFor(CLOSINGDEALZ_DEMO.basic, limited.baseUrl);
    for (let index = 0; index < 3; index++) await key.whoAmI();
    expect(await postLeads([], CLOSINGDEALZ_DEMO.basic, limited.baseUrl)).toEqual({
      status: 429,
      body: {
        succeeded: false,
        statusCode: 429,
        statusCodeDescription: 'NONE',
        message: 'Too many requests. Please try again later.',
      },
    });
    const error = await crmError(key.whoAmI());
    expect(error.kind).toBe('rate-limited');
    // No rate-limit header is documented or sent: the adapter waits a minute.
    expect(error.retryAfterMs).toBe(60_000);
    expect(error.message).toContain('1000 requests every 5 minutes');
    // The other key has its own window.
    expect((await postLeads([], CLOSINGDEALZ_DEMO.free, limited.baseUrl)).status).toBe(200);
    now += 60_000;
    expect(await key.whoAmI()).toEqual({ userName: 'ClosingDealz API key' });
  });

  it('defaults to the seed limit of 1000 per 5 minutes', async () => {
    for (let index = 0; index < 1000; index++) {
      const { status } = await postLeads([]);
      if (status !== 200) throw new Error(`request ${index + 1} answered ${status}`);
    }
    expect((await postLeads([])).status).toBe(429);
    expect(CLOSINGDEALZ_MESSAGES.rateLimited).toBe('Too many requests. Please try again later.');
  });
});

describe('ClosingDealz faults', () => {
  it('maps an injected 429 without headers to a 60 s wait', async () => {
    sandbox.api.faults.add({ kind: 'rate-limit', times: 1 });
    const error = await crmError(adapter.whoAmI());
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 60_000 });
  });

  it('maps garbage, server errors and drops', async () => {
    sandbox.api.faults.add({ kind: 'garbage', times: 1 });
    expect((await crmError(adapter.whoAmI())).kind).toBe('invalid-response');
    sandbox.api.faults.add({ kind: 'status', status: 503, times: 1 });
    expect((await crmError(adapter.whoAmI())).kind).toBe('unavailable');
    sandbox.api.faults.add({ kind: 'drop', times: 1 });
    expect((await crmError(adapter.whoAmI())).kind).toBe('network');
    expect(await adapter.whoAmI()).toEqual({ userName: 'ClosingDealz API key' });
  });

  it('stores the lead when the answer is dropped after the commit', async () => {
    sandbox.api.faults.add({ kind: 'drop-after-commit', method: 'POST', path: 'leads', times: 1 });
    expect((await crmError(adapter.createRecord?.(jane) ?? Promise.resolve())).kind).toBe('network');
    expect(sandbox.api.state.workspaces['ws-basic']?.leads).toHaveLength(1);
    expect(sandbox.api.faults.injected['drop-after-commit']).toBe(1);
  });

  it('times out on injected latency longer than the adapter waits', async () => {
    sandbox.api.faults.add({ kind: 'latency', ms: 400, times: 1 });
    const slow = createClosingdealzAdapter({
      connectionId: 'c',
      baseUrl: sandbox.baseUrl,
      credentials: { apiKey: CLOSINGDEALZ_DEMO.basic },
      timeoutMs: 100,
    });
    expect((await crmError(slow.whoAmI())).kind).toBe('timeout');
  });
});
