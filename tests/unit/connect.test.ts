import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CrmRecord, NewRecord, SearchQuery } from '../../lib/crm/adapter';
import { CrmError } from '../../lib/crm/errors';
import {
  type ConnectAdapter,
  connectAuthHeaders,
  connectDefinition,
  createConnectAdapter,
  phonesFrom,
} from '../../lib/crm/providers/connect';
import { toE164 } from '../../lib/phone/normalize';
import { connectTarget } from '../conformance/connect.target';
import type { SandboxApi } from '../conformance/harness';
import {
  CONNECT_DEMO,
  CONNECT_SEEDED,
  type ConnectState,
  createConnectApi,
  generatedConnectPhone,
  seedConnectContacts,
} from '../sandbox/connect';
import { type ServedApi, serveApi } from '../sandbox/serve';

let origin = '';
let baseUrl = '';
let served: ServedApi<SandboxApi<ConnectState>>;
let api: SandboxApi<ConnectState>;
let connect: ConnectAdapter;

function adapterFor(credentials: Record<string, string>): ConnectAdapter {
  return createConnectAdapter({ connectionId: 'conn-connect', baseUrl, credentials });
}

async function crmError(promise: Promise<unknown> | undefined): Promise<CrmError> {
  const error = await (promise ?? Promise.resolve()).then(
    () => undefined,
    (cause: unknown) => cause,
  );
  expect(error).toBeInstanceOf(CrmError);
  return error as CrmError;
}

/** Raw calls, for exact bodies. */
async function raw(
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}api/connect/${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${CONNECT_DEMO.secretKey}`,
      ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** The optional methods this adapter must have, called on the current adapter (a missing one fails the test). */
function present<T>(method: T | undefined, name: string): T {
  if (!method) throw new Error(`${name} is absent`);
  return method;
}
const listRecords = (cursor?: string) => present(connect.listRecords, 'listRecords')(cursor);
const search = (query: SearchQuery) => present(connect.search, 'search')(query);
const createRecord = (input: NewRecord) => present(connect.createRecord, 'createRecord')(input);

function byId(records: CrmRecord[], id: number): CrmRecord | undefined {
  return records.find((record) => record.ref.id === String(id));
}

beforeAll(async () => {
  served = await serveApi((originOf) => createConnectApi({ origin: originOf }));
  api = served.api;
  origin = served.origin;
  baseUrl = `${origin}/connect/`;
});
afterAll(() => served.close());
beforeEach(() => {
  api.reset();
  connect = adapterFor({ secretKey: CONNECT_DEMO.secretKey, authHeader: 'Authorization' });
});

describe('Connect definition', () => {
  it('needs a base URL, a secret key and a header name defaulting to Authorization', () => {
    expect(connectDefinition.id).toBe('connect');
    expect(connectDefinition.defaultBaseUrl).toBe('');
    expect(connectDefinition.baseUrlRequired).toBe(true);
    expect(connectDefinition.recordKinds).toEqual([{ id: 'contact', label: 'Contact' }]);
    expect(connectDefinition.fields.map((field) => [field.name, field.secret, field.defaultValue])).toEqual([
      ['secretKey', true, undefined],
      ['authHeader', false, 'Authorization'],
    ]);
    expect(connectDefinition.fields[1]?.help).toMatch(/Bearer/);
  });

  it('validates the key and the header name', () => {
    const [key, header] = connectDefinition.fields.map((field) => field.schema);
    expect(key?.safeParse('').success).toBe(false);
    expect(key?.safeParse('two words').success).toBe(false);
    expect(key?.parse(' sk_1 ')).toBe('sk_1');
    expect(header?.parse(' X-Secret-Key ')).toBe('X-Secret-Key');
    expect(header?.safeParse('X Secret').success).toBe(false);
    expect(header?.safeParse('X-Key:').success).toBe(false);
    expect(header?.safeParse('Cookie').success).toBe(false);
    expect(header?.safeParse('').success).toBe(false);
  });

  it('declares index phone search, server email search, create and list only', () => {
    expect(connectDefinition.capabilities).toEqual({
      searchByPhone: 'index',
      searchByEmail: 'server',
      readRecord: false,
      updateRecord: false,
      createRecord: true,
      listRecords: true,
      logActivity: false,
      updateActivity: false,
      listUsers: false,
      listActivityTypes: false,
    });
    const built = connectDefinition.create({
      connectionId: 'c',
      baseUrl,
      credentials: { secretKey: CONNECT_DEMO.secretKey },
    });
    expect(built.capabilities).toEqual(connectDefinition.capabilities);
    for (const method of ['whoAmI', 'search', 'listRecords', 'createRecord'] as const) {
      expect(typeof built[method], method).toBe('function');
    }
    for (const absent of [
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

  it('has a conformance target whose fixtures match the sandbox', async () => {
    expect(connectTarget.baseUrl({ url: origin, api: () => api })).toBe(baseUrl);
    expect(connectTarget.fixtures.record).toBeUndefined();
    expect(connectTarget.fixtures.user).toBeUndefined();
    expect(connectTarget.fixtures.activityType).toBeUndefined();
    const { records } = await listRecords();
    const phone = connectTarget.fixtures.phone;
    const withPhone = (e164: string | undefined) =>
      records.filter((record) => record.phones.some((entry) => entry.e164 === e164));
    expect(withPhone(phone?.e164).map((record) => record.name)).toEqual([phone?.name]);
    for (const format of phone?.formats ?? []) expect(toE164(format, 'US'), format).toBe(phone?.e164);
    expect(withPhone(connectTarget.fixtures.sharedPhone?.e164)).toHaveLength(2);
    expect(withPhone(connectTarget.fixtures.unknownPhone)).toHaveLength(0);
    expect(await connect.whoAmI()).toEqual(connectTarget.expectedAccount);
    expect(
      connectTarget.inspect.recordWithoutContactFields(
        { url: origin, api: () => api },
        { provider: 'connect', connectionId: 'c', kind: 'contact', id: '1' },
      ),
    ).toMatchObject({ id: 1, firstName: 'Jane', companyName: 'Acme Robotics' });
  });
});

describe('Connect authentication', () => {
  it('says who the key belongs to (GET me)', async () => {
    expect(await raw('GET', 'me')).toEqual({
      status: 200,
      body: {
        details: { name: 'Riley Recruiter', email: 'riley@ringside-demo.example' },
        workspace: { name: 'Ringside Demo Agency' },
      },
    });
    expect(await connect.whoAmI()).toEqual({
      userName: 'Riley Recruiter',
      email: 'riley@ringside-demo.example',
      organization: 'Ringside Demo Agency',
    });
  });

  it('sends Bearer in Authorization by default, also when no header name is saved', async () => {
    await adapterFor({ secretKey: CONNECT_DEMO.secretKey }).whoAmI();
    expect(api.requests.at(-1)?.headers.authorization).toBe(`Bearer ${CONNECT_DEMO.secretKey}`);
    expect(connectAuthHeaders('k', 'authorization')).toEqual({ Authorization: 'Bearer k' });
    expect(connectAuthHeaders('k', '  ')).toEqual({ Authorization: 'Bearer k' });
  });

  it('sends the raw key in any other header the user names', async () => {
    const custom = adapterFor({ secretKey: CONNECT_DEMO.secretKey, authHeader: 'X-Secret-Key' });
    expect((await custom.whoAmI()).userName).toBe('Riley Recruiter');
    const sent = api.requests.at(-1)?.headers;
    expect(sent?.['x-secret-key']).toBe(CONNECT_DEMO.secretKey);
    expect(sent?.authorization).toBeUndefined();
  });

  it('fails with a header the CRM does not read, naming that header', async () => {
    const wrong = adapterFor({ secretKey: CONNECT_DEMO.secretKey, authHeader: 'X-Api-Key' });
    const error = await crmError(wrong.whoAmI());
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('X-Api-Key');
    expect(api.requests.at(-1)?.headers['x-api-key']).toBe(CONNECT_DEMO.secretKey);
  });

  it('answers a bad or missing key with 401 { error }', async () => {
    expect(await raw('GET', 'me', { headers: { Authorization: 'Bearer wrong' } })).toEqual({
      status: 401,
      body: { error: 'Unauthorized' },
    });
    expect((await raw('GET', 'contacts', { headers: { Authorization: '' } })).status).toBe(401);
    const error = await crmError(adapterFor({ secretKey: 'wrong' }).whoAmI());
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/^Connect rejected the secret key/);
    expect(error.message).not.toContain('wrong');
  });

  it('answers unknown paths with 404', async () => {
    expect(await raw('GET', 'contacts/1')).toEqual({ status: 404, body: { error: 'Not found' } });
    expect(await connect.whoAmI()).toBeTruthy();
    expect((await raw('GET', 'me/')).status).toBe(200);
  });
});

describe('Connect contacts', () => {
  it('lists every contact in one call and returns no cursor', async () => {
    const page = await listRecords();
    expect(page.cursor).toBeUndefined();
    expect(page.records).toHaveLength(api.state.contacts.length);
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]?.query).toEqual({});
    expect(await listRecords('anything')).toEqual({ records: [] });
    expect(api.requests).toHaveLength(1);
  });

  it('maps Jane with both numbers, her company, title and last activity', async () => {
    const { records } = await listRecords();
    expect(byId(records, CONNECT_SEEDED.jane.id)).toEqual({
      ref: { provider: 'connect', connectionId: 'conn-connect', kind: 'contact', id: '1' },
      name: 'Jane Doe',
      title: 'Head of Talent',
      company: 'Acme Robotics',
      phones: [
        { raw: '+1 415-555-2671', e164: '+14155552671' },
        { raw: '+1 415-555-0132', e164: '+14155550132' },
      ],
      emails: ['jane.doe@acme-robotics.example'],
      lastActivityAt: '2025-01-10T15:30:00.000Z',
    });
  });

  it('reads every phoneNumbers shape the sandbox holds', async () => {
    const { records } = await listRecords();
    expect(byId(records, CONNECT_SEEDED.priya.id)?.phones).toEqual([
      { raw: '+44 20 7946 0958', e164: '+442079460958', type: 'office' },
    ]);
    expect(byId(records, 5)?.phones).toEqual([{ raw: '+1 312 555 0199', e164: '+13125550199' }]);
    expect(byId(records, 6)?.phones).toEqual([{ raw: '+13125550199', e164: '+13125550199', type: 'mobile' }]);
    expect(byId(records, CONNECT_SEEDED.sam.id)).toMatchObject({ name: 'Sam', phones: [], emails: [] });
    expect(byId(records, CONNECT_SEEDED.escaping.id)).toMatchObject({
      name: `Chris "CJ" O'Neil`,
      company: `Barker & O'Neil <Talent>`,
      title: 'Director <Ops> & People',
    });
  });

  it('returns the seed attributes plus leadStatus on GET contacts', async () => {
    const { status, body } = await raw('GET', 'contacts?query=john');
    expect(status).toBe(200);
    expect(body).toEqual([
      {
        id: 2,
        email: 'john.doe@acme-corp.example',
        photo: null,
        firstName: 'John',
        lastName: 'Doe',
        fullName: 'John Doe',
        jobTitle: 'Developer',
        companyName: 'Acme Corp',
        phoneNumbers: null,
        facebookUrl: null,
        instagramUrl: null,
        linkedinUrl: null,
        note: null,
        lastActivityAt: null,
        createdAt: '2023-01-15T10:00:00.000Z',
        leadStatus: { id: 1, label: 'New Lead', color: '#3B82F6' },
      },
    ]);
  });

  it('matches query= loosely on first name, last name and email', async () => {
    const names = async (query: string) =>
      ((await raw('GET', `contacts?query=${encodeURIComponent(query)}`)).body as { fullName: string }[]).map(
        (contact) => contact.fullName,
      );
    expect(await names('DOE')).toEqual(['Jane Doe', 'John Doe', 'Mary-Jane Doe']);
    expect(await names('northwind')).toEqual(['Priya Patel']);
    expect(await names('Acme Robotics')).toEqual([]);
    // No phone search: a number matches nobody.
    expect(await names('415')).toEqual([]);
  });
});

describe('Connect email search', () => {
  it('keeps only the exact address out of a loose query', async () => {
    const found = await search({ email: 'Jane.Doe@Acme-Robotics.example' });
    expect(found.map((record) => record.name)).toEqual(['Jane Doe']);
    const sent = api.requests.at(-1);
    expect(sent?.path).toBe('/connect/api/connect/contacts');
    expect(sent?.query).toEqual({ query: 'jane.doe@acme-robotics.example' });
    // The server's own answer held Mary-Jane too.
    const loose = (await raw('GET', 'contacts?query=jane.doe%40acme-robotics.example')).body as unknown[];
    expect(loose).toHaveLength(2);
  });

  it('finds nobody for an unknown address, and leaves phones to the index', async () => {
    expect(await search({ email: 'nobody@example.com' })).toEqual([]);
    const before = api.requests.length;
    expect(await search({ phone: CONNECT_SEEDED.jane.mobile })).toEqual([]);
    expect(api.requests).toHaveLength(before);
  });
});

describe('Connect createRecord', () => {
  it('creates a contact and echoes it as the seed example does', async () => {
    const created = await raw('POST', 'contacts', {
      body: {
        email: 'jane.smith@tech-solutions.example',
        firstName: 'Jane',
        lastName: 'Smith',
        jobTitle: 'Marketing Manager',
        companyName: 'Tech Solutions Inc',
        leadStatus: 1,
      },
    });
    expect(created.status).toBe(200);
    const body = created.body as Record<string, unknown>;
    expect(Object.keys(body)).toEqual([
      'id',
      'email',
      'firstName',
      'lastName',
      'jobTitle',
      'companyName',
      'createdAt',
    ]);
    expect(body).toMatchObject({
      id: 9,
      email: 'jane.smith@tech-solutions.example',
      firstName: 'Jane',
      lastName: 'Smith',
      jobTitle: 'Marketing Manager',
      companyName: 'Tech Solutions Inc',
    });
    expect(Number.isNaN(Date.parse(String(body.createdAt)))).toBe(false);
    expect(api.state.contacts.at(-1)).toMatchObject({ id: 9, leadStatusId: 1 });
  });

  it('maps a NewRecord onto the create body and returns the new contact', async () => {
    const record = await createRecord({
      firstName: 'Ada',
      lastName: 'Lovelace',
      company: 'Analytical Engines',
      title: 'Engineer',
      phones: [{ number: '+44 20 7946 0000' }, { number: '020 7946 0001' }],
      emails: ['ada@engines.example', 'ada.l@engines.example'],
      note: 'Prefers mornings.',
    });
    expect(api.requests.at(-1)?.body).toEqual({
      email: 'ada@engines.example',
      firstName: 'Ada',
      lastName: 'Lovelace',
      jobTitle: 'Engineer',
      companyName: 'Analytical Engines',
      phoneNumbers: ['+442079460000', '020 7946 0001'],
      note: 'Prefers mornings.\n\nOther email addresses: ada.l@engines.example',
    });
    expect(record).toEqual({
      ref: { provider: 'connect', connectionId: 'conn-connect', kind: 'contact', id: '9' },
      name: 'Ada Lovelace',
      title: 'Engineer',
      company: 'Analytical Engines',
      phones: [{ raw: '+442079460000', e164: '+442079460000' }, { raw: '020 7946 0001' }],
      emails: ['ada@engines.example'],
    });
    const { records } = await listRecords();
    expect(byId(records, 9)?.phones.map((phone) => phone.raw)).toEqual(['+442079460000', '020 7946 0001']);
  });

  it('answers the three documented validation errors exactly', async () => {
    expect(await raw('POST', 'contacts', { body: { lastName: 'Only' } })).toEqual({
      status: 400,
      body: { error: 'At least email or firstName is required' },
    });
    expect(await raw('POST', 'contacts', { body: { email: 'not-an-email' } })).toEqual({
      status: 400,
      body: { error: 'Invalid email' },
    });
    expect(await raw('POST', 'contacts', { body: { firstName: 'Lee', leadStatus: 99 } })).toEqual({
      status: 400,
      body: { error: 'Invalid lead status' },
    });
    expect(api.state.contacts).toHaveLength(8);
  });

  it('turns them into validation errors with the CRM sentence and the field to fix', async () => {
    const required = await crmError(createRecord({ lastName: 'Only', phones: [], emails: [] }));
    expect(required).toMatchObject({
      kind: 'validation',
      message: 'Connect refused the request: At least email or firstName is required.',
      fieldErrors: { firstName: 'At least email or firstName is required' },
    });
    // The adapter's input is already an email by schema; the sandbox still rejects what it calls invalid.
    const invalid = await crmError(createRecord({ firstName: 'X', phones: [], emails: ['a@b'] }));
    expect(invalid).toMatchObject({ kind: 'validation', fieldErrors: { email: 'Invalid email' } });
    const wrongKind = await crmError(createRecord({ kind: 'lead', firstName: 'X', phones: [], emails: [] }));
    expect(wrongKind.kind).toBe('validation');
  });

  it('lists lead statuses', async () => {
    expect(await raw('GET', 'contacts/lead-statuses')).toEqual({
      status: 200,
      body: [
        { id: 1, type: 'lead', label: 'New Lead', color: '#3B82F6', order: 1 },
        { id: 2, type: 'qualified', label: 'Qualified Lead', color: '#10B981', order: 2 },
        { id: 3, type: 'disqualified', label: 'Not a Fit', color: '#EF4444', order: 3 },
      ],
    });
    expect((await connect.listLeadStatuses()).map((status) => [status.id, status.label])).toEqual([
      ['1', 'New Lead'],
      ['2', 'Qualified Lead'],
      ['3', 'Not a Fit'],
    ]);
  });
});

describe('Connect phoneNumbers tolerance', () => {
  it('reads strings, lists, objects and JSON in a string', () => {
    expect(phonesFrom('+1 415-555-2671')).toEqual([{ raw: '+1 415-555-2671', e164: '+14155552671' }]);
    expect(phonesFrom('+1 415-555-2671, +44 20 7946 0958').map((phone) => phone.e164)).toEqual([
      '+14155552671',
      '+442079460958',
    ]);
    expect(phonesFrom(['+14155552671', '', '  '])).toEqual([{ raw: '+14155552671', e164: '+14155552671' }]);
    expect(
      phonesFrom([
        { number: '+14155552671', type: 'mobile' },
        { phone: '+442079460958', label: 'office' },
        { value: '+13125550199' },
        { phoneNumber: '+16175550123', type: 'work' },
        { nothing: 'here' },
        null,
        42,
      ]),
    ).toEqual([
      { raw: '+14155552671', e164: '+14155552671', type: 'mobile' },
      { raw: '+442079460958', e164: '+442079460958', type: 'office' },
      { raw: '+13125550199', e164: '+13125550199' },
      { raw: '+16175550123', e164: '+16175550123', type: 'work' },
      { raw: '42' },
    ]);
    expect(phonesFrom('["+14155552671"]')).toEqual([{ raw: '+14155552671', e164: '+14155552671' }]);
    expect(phonesFrom({ number: '555 0100' })).toEqual([{ raw: '555 0100' }]);
    expect(phonesFrom(null)).toEqual([]);
    expect(phonesFrom(true)).toEqual([]);
  });

  it('survives odd values from the server without losing the list', async () => {
    const jane = api.state.contacts[0];
    if (jane) {
      jane.phoneNumbers = [{ type: 'mobile', number: '+1 415-555-2671' }, 7];
      jane.lastActivityAt = 'not a date';
      (jane as unknown as Record<string, unknown>).jobTitle = 12;
    }
    const { records } = await listRecords();
    expect(records).toHaveLength(8);
    const record = byId(records, 1);
    expect(record?.phones.map((phone) => phone.e164)).toEqual(['+14155552671', undefined]);
    expect(record?.lastActivityAt).toBeUndefined();
    expect(record?.title).toBeUndefined();
  });

  it('rejects a contact list that is not a list', async () => {
    api.faults.add({ kind: 'garbage', times: 1 });
    expect((await crmError(listRecords())).kind).toBe('invalid-response');
  });
});

describe('Connect faults', () => {
  it('maps server errors, injected 429s and drops', async () => {
    api.faults.add({ kind: 'status', status: 500, times: 1 });
    expect((await crmError(connect.whoAmI())).kind).toBe('unavailable');
    api.faults.add({ kind: 'rate-limit', resetSeconds: 7, times: 1 });
    expect(await crmError(connect.whoAmI())).toMatchObject({ kind: 'rate-limited', retryAfterMs: 7000 });
    api.faults.add({ kind: 'drop', times: 1 });
    expect((await crmError(connect.whoAmI())).kind).toBe('network');
    expect((await connect.whoAmI()).userName).toBe('Riley Recruiter');
  });

  it('stores the contact when the answer is dropped after the commit', async () => {
    api.faults.add({ kind: 'drop-after-commit', method: 'POST', path: 'contacts', times: 1 });
    const error = await crmError(createRecord({ firstName: 'Lost', phones: [], emails: [] }));
    expect(error.kind).toBe('network');
    expect(api.state.contacts.at(-1)).toMatchObject({ firstName: 'Lost' });
  });

  it('applies faults by path under api/connect/', async () => {
    api.faults.add({ kind: 'status', status: 503, path: 'contacts/lead-statuses' });
    expect((await crmError(connect.listLeadStatuses())).kind).toBe('unavailable');
    expect((await listRecords()).records.length).toBe(8);
  });
});

describe('Connect at 50,000 contacts', () => {
  it('generates valid, unique numbers', () => {
    const sample = Array.from({ length: 2000 }, (_, index) => generatedConnectPhone(index * 25));
    const e164 = sample.map((phone) => toE164(phone));
    expect(e164.every(Boolean)).toBe(true);
    expect(new Set(e164).size).toBe(sample.length);
    const named = [CONNECT_SEEDED.jane.mobile, CONNECT_SEEDED.shared.phone, CONNECT_SEEDED.unknownPhone];
    expect(e164.some((phone) => named.includes(phone as (typeof named)[number]))).toBe(false);
  });

  it('lists 50,000 generated contacts quickly, in one call', async () => {
    seedConnectContacts(api.state, 50_000);
    expect(api.state.contacts).toHaveLength(50_008);
    const started = performance.now();
    const { records, cursor } = await listRecords();
    const elapsed = performance.now() - started;
    expect(cursor).toBeUndefined();
    expect(records).toHaveLength(50_008);
    const last = records.at(-1);
    expect(last?.phones[0]?.e164).toBe(toE164(generatedConnectPhone(49_999)));
    expect(
      new Set(records.flatMap((record) => record.phones.map((phone) => phone.e164))).size,
    ).toBeGreaterThan(50_000);
    expect(elapsed).toBeLessThan(10_000);
    const queried = await raw('GET', 'contacts?query=jane');
    expect((queried.body as unknown[]).length).toBe(2);
  });
});
