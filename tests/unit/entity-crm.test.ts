import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityInput, CrmAdapter, CrmRecord, RecordRef } from '../../lib/crm/adapter';
import { CrmError, type CrmErrorKind } from '../../lib/crm/errors';
import { createEntityCrmAdapter, entityCrmDefinition } from '../../lib/crm/providers/entity-crm';
import {
  createEntityCrmApi,
  ENTITY_DEMO,
  ENTITY_SEEDED,
  ENTITY_SEEDED_COUNT,
  type EntityCrmApi,
  seedEntityContacts,
} from '../sandbox/entity-crm';
import { type ServedApi, serveApi } from '../sandbox/serve';

let served: ServedApi<EntityCrmApi>;
let origin = '';
let api: EntityCrmApi;

/**
 * A second, deliberately different API under /alt/: bare arrays without paging metadata, numeric ids, phones as
 * strings, top-level `phone`/`email`/`companyName`, a PATCH answer that is not the contact. The adapter's
 * tolerance of undocumented shapes is tested against it.
 */
const alt = {
  ignorePage: false,
  total: 450,
  patches: [] as unknown[],
  stored: { phones: ['(415) 555-0100'], emails: ['alt@alt.example'] } as Record<string, unknown>,
};

function altContact(index: number) {
  return {
    id: index,
    name: `Alt ${index}`,
    phones: [`+1 415 555 ${String(index % 10_000).padStart(4, '0')}`],
  };
}

function handleAlt(method: string, url: URL, body: string): { status: number; json: unknown } {
  const path = url.pathname.replace('/alt/api/crm/', '');
  if (method === 'GET' && path === 'contacts') {
    const page = alt.ignorePage ? 1 : Number(url.searchParams.get('page') ?? '1');
    const start = (page - 1) * 200;
    const end = Math.min(alt.total, start + 200);
    return {
      status: 200,
      json: Array.from({ length: Math.max(0, end - start) }, (_, i) => altContact(start + i + 1)),
    };
  }
  if (method === 'GET' && path === 'contacts/42') {
    return {
      status: 200,
      json: {
        id: 42,
        firstName: 'Alt',
        lastName: 'Answer',
        phone: '+44 20 7946 0958',
        ...alt.stored,
        companyName: 'Alt Co',
      },
    };
  }
  if (method === 'PATCH' && path === 'contacts/42') {
    const patch = JSON.parse(body) as Record<string, unknown>;
    alt.patches.push(patch);
    Object.assign(alt.stored, patch);
    return { status: 200, json: { success: true } };
  }
  return { status: 404, json: { error: 'Not found' } };
}

/** `/alt/` is a second, differently shaped Entity CRM server for the adapter's tolerant parsing. */
function serveAlt(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  if (!url.pathname.startsWith('/alt/')) return false;
  let body = '';
  req.on('data', (chunk: Buffer) => {
    body += chunk.toString('utf8');
  });
  req.on('end', () => {
    const answer = handleAlt(req.method ?? 'GET', url, body);
    res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer.json));
  });
  return true;
}

beforeAll(async () => {
  served = await serveApi(
    (originOf) => createEntityCrmApi({ origin: originOf, rateLimit: { limit: 10_000, windowSeconds: 1 } }),
    serveAlt,
  );
  api = served.api;
  origin = served.origin;
});
afterAll(() => served.close());
beforeEach(() => {
  api.reset();
  Object.assign(alt, {
    ignorePage: false,
    total: 450,
    patches: [],
    stored: { phones: ['(415) 555-0100'], emails: ['alt@alt.example'] },
  });
});

const baseUrl = () => `${origin}/entity/`;

function adapterWith(credentials: Record<string, string> = {}, timeoutMs?: number): CrmAdapter {
  return createEntityCrmAdapter({
    connectionId: 'conn-e',
    baseUrl: baseUrl(),
    credentials: {
      apiKey: ENTITY_DEMO.apiKey,
      entityId: ENTITY_DEMO.entityId,
      defaultCountry: 'US',
      ...credentials,
    },
    ...(timeoutMs ? { timeoutMs } : {}),
  });
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is missing`);
  return value;
}

async function crmError(promise: Promise<unknown>): Promise<CrmError> {
  const error = await promise.then(
    () => undefined,
    (cause: unknown) => cause,
  );
  expect(error).toBeInstanceOf(CrmError);
  return error as CrmError;
}

async function kindOf(promise: Promise<unknown>): Promise<CrmErrorKind | 'resolved'> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    if (error instanceof CrmError) return error.kind;
    throw error;
  }
}

const ref = (id: string): RecordRef => ({
  provider: 'entity-crm',
  connectionId: 'conn-e',
  kind: 'contact',
  id,
});

/** Raw API calls, for the sandbox's own behaviour. */
function raw(
  path: string,
  init: { method?: string; json?: unknown; key?: string | null; entityId?: string | null } = {},
) {
  const url = new URL(`${origin}/entity/api/crm/${path}`);
  const entityId = init.entityId === undefined ? ENTITY_DEMO.entityId : init.entityId;
  if (entityId !== null && !url.searchParams.has('entityId')) url.searchParams.set('entityId', entityId);
  const key = init.key === undefined ? ENTITY_DEMO.apiKey : init.key;
  return fetch(url, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    headers: {
      ...(key ? { Authorization: `Bearer ${key}` } : {}),
      ...(init.json === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
}

async function listAll(adapter: CrmAdapter): Promise<{ records: CrmRecord[]; pages: number }> {
  const records: CrmRecord[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await required(adapter.listRecords, 'listRecords').call(adapter, cursor);
    records.push(...page.records);
    cursor = page.cursor;
    pages++;
    if (pages > 1000) throw new Error('listRecords never ends');
  } while (cursor);
  return { records, pages };
}

const callInput = (overrides: Partial<ActivityInput> = {}): ActivityInput => ({
  clientId: 'client-log-0001',
  channel: 'call',
  record: ref(ENTITY_SEEDED.jane.id),
  direction: 'outbound',
  durationSec: 125,
  phone: '+14155552671',
  note: 'Discussed the robotics roles; sending the shortlist.',
  activityAt: '2026-02-03T10:15:00.000Z',
  ...overrides,
});

describe('Entity CRM definition', () => {
  it('validates the API key, the entity id and the country with clear messages', () => {
    const field = (name: string) =>
      required(
        entityCrmDefinition.fields.find((f) => f.name === name),
        name,
      );
    const message = (name: string, value: string) =>
      field(name).schema.safeParse(value).error?.issues[0]?.message;
    expect(field('apiKey').secret).toBe(true);
    expect(field('entityId').secret).toBe(false);
    expect(message('apiKey', 'api_abc')).toMatch(/start with "ak_"/);
    expect(message('apiKey', '')).toMatch(/Enter your Entity CRM API key/);
    expect(message('apiKey', 'ak_has space')).toMatch(/spaces/);
    expect(field('apiKey').schema.parse('  ak_good.key  ')).toBe('ak_good.key');
    expect(message('entityId', 'acme')).toMatch(/UUID/);
    expect(message('entityId', '')).toMatch(/Enter the entity id/);
    expect(field('entityId').schema.parse(' 497F6ECA-6276-4993-BFEB-53CBBBBA6F08 ')).toBe(
      '497f6eca-6276-4993-bfeb-53cbbbba6f08',
    );
    expect(field('defaultCountry').schema.parse(' gb ')).toBe('GB');
    expect(field('defaultCountry').schema.parse('')).toBe('');
    expect(message('defaultCountry', 'XX')).toMatch(/two-letter country code/);
    expect(entityCrmDefinition).toMatchObject({
      id: 'entity-crm',
      defaultBaseUrl: '',
      baseUrlRequired: true,
    });
  });

  it('has exactly the methods its capabilities claim', () => {
    const adapter = adapterWith();
    expect(adapter.capabilities).toEqual(entityCrmDefinition.capabilities);
    expect(adapter.search).toBeUndefined();
    expect(adapter.updateActivity).toBeUndefined();
    expect(adapter.listUsers).toBeUndefined();
    expect(typeof adapter.listRecords).toBe('function');
    expect(typeof adapter.findActivity).toBe('function');
  });
});

describe('Entity CRM sandbox API', () => {
  it('refuses a missing or unknown key with 401 {"error":"Unauthorized"}', async () => {
    for (const key of [null, 'ak_NotAKey']) {
      const response = await raw('contacts', { key });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'Unauthorized' });
    }
  });

  it('requires an entityId that is a UUID and belongs to the key', async () => {
    const missing = await raw('contacts', { entityId: null });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: 'entityId is required' });
    expect((await raw('contacts', { entityId: 'acme' })).status).toBe(400);
    const other = await raw('contacts', { entityId: ENTITY_DEMO.otherEntityId });
    expect(other.status).toBe(403);
    // entityId in the JSON body is accepted too (seed: "query or JSON body").
    const inBody = await raw('companies', {
      entityId: null,
      json: { entityId: ENTITY_DEMO.entityId, name: 'Body Co' },
    });
    expect(inBody.status).toBe(201);
  });

  it('keeps entities apart and enforces the write scope', async () => {
    const theirs = (await (
      await raw('contacts', { key: ENTITY_DEMO.otherApiKey, entityId: ENTITY_DEMO.otherEntityId })
    ).json()) as {
      contacts: { id: string }[];
    };
    expect(theirs.contacts.map((contact) => contact.id)).toEqual([ENTITY_SEEDED.otherContact.id]);
    expect((await raw(`contacts/${ENTITY_SEEDED.otherContact.id}`)).status).toBe(404);
    const readOnly = await raw('contacts', { key: ENTITY_DEMO.readOnlyApiKey, json: { firstName: 'X' } });
    expect(readOnly.status).toBe(403);
    expect(((await readOnly.json()) as { error: string }).error).toMatch(/write:crm/);
  });

  it('serves the minimal companies, leads, stages, timeline and tasks routes', async () => {
    const stages = (await (await raw('pipeline-stages')).json()) as {
      stages: { name: string; leadCount: number }[];
    };
    expect(stages.stages.map((stage) => stage.name)).toEqual(['New', 'Qualified', 'Proposal', 'Won', 'Lost']);
    expect(stages.stages[0]?.leadCount).toBe(1);
    const companies = (await (await raw('companies?search=acme')).json()) as {
      companies: { name: string }[];
    };
    expect(companies.companies.map((company) => company.name)).toEqual(['Acme Robotics']);
    const created = await raw('leads', { json: { title: 'New search' } });
    expect(created.status).toBe(201);
    const { lead } = (await created.json()) as { lead: { id: string } };
    const moved = await raw(`leads/${lead.id}/stage`, {
      method: 'PATCH',
      json: { stageId: ENTITY_SEEDED.stages.qualified },
    });
    expect(moved.status).toBe(200);
    await raw(`leads/${lead.id}/activities`, { json: { type: 'call', subject: 'Kick-off' } });
    const timeline = (await (await raw(`leads/${lead.id}/timeline`)).json()) as {
      events: { kind: string }[];
    };
    expect(timeline.events.map((event) => event.kind).sort()).toEqual([
      'activity',
      'created',
      'stage_changed',
    ]);
    const tasks = (await (await raw(`tasks?leadId=${ENTITY_SEEDED.lead.id}`)).json()) as { tasks: unknown[] };
    expect(tasks.tasks).toHaveLength(1);
    const members = (await (await raw(`companies/${ENTITY_SEEDED.acme.companyId}/contacts`)).json()) as {
      contacts: { fullName: string }[];
    };
    expect(members.contacts.map((contact) => contact.fullName)).toEqual(['Jane Doe']);
    expect((await raw('activities', { json: { type: 'fax', subject: 'x' } })).status).toBe(400);
    expect((await raw('contacts', { method: 'PUT', json: {} })).status).toBe(405);
  });

  it('serves an escaped contact page for deep links', async () => {
    const response = await fetch(`${origin}/entity/app/contacts/${ENTITY_SEEDED.escaping.id}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Chris &quot;CJ&quot; O&#39;Neil &lt;Ops&gt;');
    expect(html).toContain('Barker &amp; O&#39;Neil');
    expect(html).not.toContain('<Ops>');
    expect((await fetch(`${origin}/entity/app/contacts/00000000-0000-4000-8000-000000000000`)).status).toBe(
      404,
    );
  });
});

describe('Entity CRM adapter over HTTP', () => {
  it('says which entity the key belongs to, sending Bearer auth and entityId', async () => {
    expect(await adapterWith().whoAmI()).toEqual({
      userName: 'Entity CRM API key',
      organization: 'Ringside Demo Agency',
    });
    const sent = required(api.requests.at(-1), 'request');
    expect(sent.path).toBe('/entity/api/crm/dashboard');
    expect(sent.query.entityId).toBe(ENTITY_DEMO.entityId);
    expect(sent.headers.authorization).toBe(`Bearer ${ENTITY_DEMO.apiKey}`);
  });

  it('maps a bad key to auth and a foreign entity id to permission with a clear sentence', async () => {
    const bad = await crmError(adapterWith({ apiKey: 'ak_RevokedKey0000' }).whoAmI());
    expect(bad.kind).toBe('auth');
    expect(bad.message).toMatch(/Entity CRM rejected the API key/);
    const foreign = await crmError(adapterWith({ entityId: ENTITY_DEMO.otherEntityId }).whoAmI());
    expect(foreign.kind).toBe('permission');
    expect(foreign.message).toMatch(/entity id does not belong to this API key/);
    expect(foreign.fieldErrors?.entityId).toBeDefined();
    const readOnly = await crmError(
      adapterWith({ apiKey: ENTITY_DEMO.readOnlyApiKey }).updateRecord?.(ref(ENTITY_SEEDED.jane.id), {
        emails: ['a@b.example'],
      }) ?? Promise.resolve(),
    );
    expect(readOnly.kind).toBe('permission');
    expect(readOnly.message).toMatch(/lacks the write:crm scope/);
  });

  it('fails malformed settings before any request, and maps entityId 400s to the entityId field', async () => {
    const before = api.requests.length;
    const malformed = await crmError(adapterWith({ entityId: 'acme' }).whoAmI());
    expect(malformed.kind).toBe('validation');
    expect(malformed.fieldErrors?.entityId).toMatch(/UUID/);
    expect((await crmError(adapterWith({ apiKey: 'api_close_key' }).whoAmI())).kind).toBe('auth');
    expect(api.requests.length).toBe(before);
    // A server that still sees no entityId (e.g. a proxy stripping the query) answers 400.
    api.faults.add({ kind: 'status', status: 400 });
    const refused = await crmError(adapterWith().whoAmI());
    expect(refused.kind).toBe('validation');
  });

  it('reads a contact with its company from the membership, normalizing stored numbers', async () => {
    const jane = await required(adapterWith().getRecord, 'getRecord')(ref(ENTITY_SEEDED.jane.id));
    expect(jane).toMatchObject({
      ref: { provider: 'entity-crm', kind: 'contact', id: ENTITY_SEEDED.jane.id },
      name: 'Jane Doe',
      title: 'Head of Talent',
      company: 'Acme Robotics',
      emails: ['jane.doe@acme-robotics.example'],
      url: `${origin}/entity/app/contacts/${ENTITY_SEEDED.jane.id}`,
    });
    expect(jane.phones).toEqual([
      { raw: '(415) 555-2671', e164: '+14155552671', type: 'mobile' },
      { raw: '+1 415-555-0132', e164: '+14155550132', type: 'work' },
    ]);
    const deepLink = await fetch(required(jane.url, 'url'));
    expect(await deepLink.text()).toContain('data-phone="+14155552671"');
  });

  it('flags numbers that are not numbers, and national ones when no country is set', async () => {
    const vanity = await required(adapterWith().getRecord, 'getRecord')(ref(ENTITY_SEEDED.cleanup.id));
    expect(vanity.phones).toEqual([
      { raw: '555-CALL-NOW', type: 'work' },
      { raw: '12345', type: 'other' },
    ]);
    const noCountry = adapterWith({ defaultCountry: '' });
    const jane = await required(noCountry.getRecord, 'getRecord')(ref(ENTITY_SEEDED.jane.id));
    expect(jane.phones.map((phone) => phone.e164)).toEqual([undefined, '+14155550132']);
  });

  it('maps an unknown contact to not-found', async () => {
    const error = await crmError(
      required(adapterWith().getRecord, 'getRecord')(ref('00000000-0000-4000-8000-00000000abcd')),
    );
    expect(error.kind).toBe('not-found');
  });

  it('updates phones and emails with one PATCH and changes nothing else', async () => {
    const adapter = adapterWith();
    const before = required(api.state.contacts.get(ENTITY_SEEDED.jane.id), 'jane');
    const { phones: _p, emails: _e, updatedAt: _u, ...untouched } = structuredClone(before);
    const updated = await required(adapter.updateRecord, 'updateRecord')(ref(ENTITY_SEEDED.jane.id), {
      phones: [{ number: '+14155552671' }, { number: '020 7946 0111', type: 'work' }],
      emails: ['JANE.DOE@acme-robotics.example', 'jane@home.example'],
    });
    const patch = required(
      api.requests.find((request) => request.method === 'PATCH'),
      'PATCH request',
    );
    expect(patch.path).toBe(`/entity/api/crm/contacts/${ENTITY_SEEDED.jane.id}`);
    expect(patch.query.entityId).toBe(ENTITY_DEMO.entityId);
    // Kept numbers keep their type; the UK number without + is read with the connection's country (US): invalid,
    // so it is sent as typed.
    expect(patch.body).toEqual({
      phones: [
        { number: '+14155552671', type: 'mobile' },
        { number: '020 7946 0111', type: 'work' },
      ],
      emails: [{ email: 'JANE.DOE@acme-robotics.example', type: 'work' }, { email: 'jane@home.example' }],
    });
    const after = required(api.state.contacts.get(ENTITY_SEEDED.jane.id), 'jane');
    const { phones, emails, updatedAt: _u2, ...rest } = after;
    expect(rest).toEqual(untouched);
    expect(phones.map((phone) => phone.number)).toEqual(['+14155552671', '020 7946 0111']);
    expect(emails.map((entry) => entry.email)).toEqual([
      'JANE.DOE@acme-robotics.example',
      'jane@home.example',
    ]);
    expect(updated.company).toBe('Acme Robotics');
    expect(updated.phones.map((phone) => phone.raw)).toEqual(['+14155552671', '020 7946 0111']);
    // Only one list changes when only one is given.
    await required(adapter.updateRecord, 'updateRecord')(ref(ENTITY_SEEDED.jane.id), {
      emails: ['only@jane.example'],
    });
    expect(api.state.contacts.get(ENTITY_SEEDED.jane.id)?.phones).toHaveLength(2);
  });

  it('maps a refused update to validation with the API sentence', async () => {
    // A blank number passes Ringside's patch schema (length 1) but not the API's validation.
    const error = await crmError(
      required(adapterWith().updateRecord, 'updateRecord')(ref(ENTITY_SEEDED.jane.id), {
        phones: [{ number: 'x'.repeat(64) }, { number: ' ' }],
      }),
    );
    expect(error.kind).toBe('validation');
    expect(error.message).toMatch(/phones\[1\]\.number/);
    expect(error.fieldErrors?.request).toMatch(/phones\[1\]/);
  });

  it('creates a contact and links its company, reusing an existing company by name', async () => {
    const adapter = adapterWith();
    const created = await required(
      adapter.createRecord,
      'createRecord',
    )({
      firstName: 'Nora',
      lastName: 'New',
      company: 'acme robotics',
      title: 'CTO',
      phones: [{ number: '(628) 555-0142', type: 'mobile' }],
      emails: ['nora@acme-robotics.example'],
      note: 'Met at the robotics fair.',
    });
    expect(created).toMatchObject({
      name: 'Nora New',
      company: 'acme robotics',
      title: 'CTO',
      emails: ['nora@acme-robotics.example'],
      phones: [{ raw: '+16285550142', e164: '+16285550142', type: 'mobile' }],
    });
    const stored = required(api.state.contacts.get(created.ref.id), 'stored contact');
    expect(stored.notes).toBe('Met at the robotics fair.');
    const memberships = [...api.state.memberships.values()].filter((m) => m.contactId === created.ref.id);
    expect(memberships.map((m) => m.companyId)).toEqual([ENTITY_SEEDED.acme.companyId]);
    expect([...api.state.companies.values()].filter((c) => /acme/i.test(c.name))).toHaveLength(1);

    const fresh = await required(
      adapter.createRecord,
      'createRecord',
    )({
      lastName: 'Solo',
      company: 'Brand New Co',
      phones: [],
      emails: [],
    });
    expect((await required(adapter.getRecord, 'getRecord')(fresh.ref)).company).toBe('Brand New Co');
    const nameless = await crmError(
      required(adapter.createRecord, 'createRecord')({ company: 'Only Co', phones: [], emails: [] }),
    );
    expect(nameless.kind).toBe('validation');
  });

  it('lists every contact page by page, including a large generated set', async () => {
    seedEntityContacts(api.state, 1234);
    const { records, pages } = await listAll(adapterWith());
    expect(pages).toBe(Math.ceil((ENTITY_SEEDED_COUNT + 1234) / 200));
    expect(records).toHaveLength(ENTITY_SEEDED_COUNT + 1234);
    expect(new Set(records.map((record) => record.ref.id)).size).toBe(records.length);
    expect(records.map((record) => record.name)).not.toContain(ENTITY_SEEDED.otherContact.name);
    const shared = records.filter((record) =>
      record.phones.some((phone) => phone.e164 === ENTITY_SEEDED.shared.phone),
    );
    expect(shared.map((record) => record.name).sort()).toEqual([...ENTITY_SEEDED.shared.names].sort());
    const generated = records.slice(ENTITY_SEEDED_COUNT);
    expect(generated.every((record) => record.phones[0]?.e164?.startsWith('+1'))).toBe(true);
    const queries = api.requests.filter((request) => request.path === '/entity/api/crm/contacts');
    expect(queries.map((request) => request.query.page)).toEqual(
      Array.from({ length: pages }, (_, index) => String(index + 1)),
    );
    expect(queries.every((request) => request.query.pageSize === '200')).toBe(true);
  });

  it('pages through bare arrays without paging metadata, and stops when an API ignores the page', async () => {
    const altAdapter = () =>
      createEntityCrmAdapter({
        connectionId: 'conn-alt',
        baseUrl: `${origin}/alt/`,
        credentials: { apiKey: ENTITY_DEMO.apiKey, entityId: ENTITY_DEMO.entityId, defaultCountry: 'US' },
      });
    const { records, pages } = await listAll(altAdapter());
    expect(pages).toBe(3);
    expect(records.map((record) => record.ref.id)).toEqual(
      Array.from({ length: 450 }, (_, i) => String(i + 1)),
    );
    expect(records[0]?.phones).toEqual([{ raw: '+1 415 555 0001', e164: '+14155550001' }]);
    alt.total = 400;
    expect((await listAll(altAdapter())).pages).toBe(3);
    alt.ignorePage = true;
    const ignored = await listAll(altAdapter());
    expect(ignored.records).toHaveLength(200);
    expect(ignored.pages).toBe(2);
    expect((await crmError(required(altAdapter().listRecords, 'listRecords')('nonsense'))).kind).toBe(
      'validation',
    );
  });

  it('reads top-level fields and writes lists back in the shape it read them', async () => {
    const adapter = createEntityCrmAdapter({
      connectionId: 'conn-alt',
      baseUrl: `${origin}/alt/api/crm/`,
      credentials: { apiKey: ENTITY_DEMO.apiKey, entityId: ENTITY_DEMO.entityId, defaultCountry: 'US' },
    });
    const record = await required(adapter.getRecord, 'getRecord')(ref('42'));
    expect(record).toMatchObject({ name: 'Alt Answer', company: 'Alt Co', emails: ['alt@alt.example'] });
    expect(record.url).toBe(`${origin}/alt/app/contacts/42`);
    expect(record.phones).toEqual([
      { raw: '(415) 555-0100', e164: '+14155550100' },
      { raw: '+44 20 7946 0958', e164: '+442079460958', field: 'phone' },
    ]);
    const updated = await required(adapter.updateRecord, 'updateRecord')(ref('42'), {
      phones: [{ number: '(415) 555-0199' }],
      emails: ['new@alt.example'],
    });
    expect(alt.patches).toEqual([{ phones: ['+14155550199'], emails: ['new@alt.example'] }]);
    expect(updated.emails).toEqual(['new@alt.example']);
  });

  it('logs an activity with its fields stored, and finds it again', async () => {
    const adapter = adapterWith();
    const input = callInput();
    const logged = await required(adapter.logActivity, 'logActivity')(input);
    expect(logged).toMatchObject({
      provider: 'entity-crm',
      kind: 'activity',
      parentId: ENTITY_SEEDED.jane.id,
      url: `${origin}/entity/app/contacts/${ENTITY_SEEDED.jane.id}`,
    });
    const stored = required(
      api.state.activities.find((activity) => activity.id === logged.id),
      'stored activity',
    );
    expect(stored).toMatchObject({
      type: 'call',
      subject: 'Outbound call (2 min 5 s) · +14155552671',
      body: input.note,
      contactId: ENTITY_SEEDED.jane.id,
      occurredAt: '2026-02-03T10:15:00.000Z',
      durationSeconds: 125,
      direction: 'outbound',
      phone: '+14155552671',
      externalId: 'client-log-0001',
    });
    const post = required(
      api.requests.find((request) => request.method === 'POST' && request.path.endsWith('/activities')),
      'POST',
    );
    expect(post.query.entityId).toBe(ENTITY_DEMO.entityId);

    expect((await required(adapter.findActivity, 'findActivity')(input))?.id).toBe(logged.id);
    expect(
      await required(adapter.findActivity, 'findActivity')(callInput({ clientId: 'client-other-9999' })),
    ).toBeUndefined();
    // Without an external id stored (an API that drops unknown fields), type, subject, text and time decide.
    stored.externalId = null;
    expect((await required(adapter.findActivity, 'findActivity')(input))?.id).toBe(logged.id);
    expect(
      await required(adapter.findActivity, 'findActivity')(callInput({ note: 'Something else entirely.' })),
    ).toBeUndefined();
  });

  it('logs messages with their channel type, an explicit type id, and refuses unknown type ids', async () => {
    const adapter = adapterWith();
    const log = required(adapter.logActivity, 'logActivity');
    const sms = await log(
      callInput({ channel: 'sms', direction: 'inbound', durationSec: undefined, clientId: 'client-sms-1' }),
    );
    expect(api.state.activities.find((activity) => activity.id === sms.id)).toMatchObject({
      type: 'sms',
      subject: 'Inbound SMS · +14155552671',
    });
    const note = await log(callInput({ channel: 'call', typeId: 'note', clientId: 'client-note-1' }));
    expect(api.state.activities.find((activity) => activity.id === note.id)?.type).toBe('note');
    const refused = await crmError(log(callInput({ typeId: 'meeting-room' })));
    expect(refused.kind).toBe('validation');
    expect(refused.message).toMatch(/no activity type "meeting-room"/);
  });

  it('lists the fixed activity types', async () => {
    const types = await required(adapterWith().listActivityTypes, 'listActivityTypes')();
    expect(types.map((type) => type.id)).toEqual(['call', 'sms', 'whatsapp', 'email', 'note']);
    expect(types.every((type) => type.kind === 'type')).toBe(true);
  });

  it('reports the real rate limit as rate-limited with the Retry-After wait', async () => {
    const limited = createEntityCrmApi({ origin: () => origin, rateLimit: { limit: 2, windowSeconds: 4 } });
    const saved = api.handle;
    api.handle = limited.handle;
    try {
      const adapter = adapterWith();
      await adapter.whoAmI();
      await adapter.whoAmI();
      const error = await crmError(adapter.whoAmI());
      expect(error.kind).toBe('rate-limited');
      expect(error.retryAfterMs).toBe(2000);
      expect(error.message).toMatch(/Try again in 2 s/);
      const last = required(limited.requests.at(-1), 'request');
      expect(last.path).toBe('/entity/api/crm/dashboard');
    } finally {
      api.handle = saved;
    }
  });

  it('maps every injected fault to its error kind', async () => {
    const adapter = adapterWith();
    const cases: [Parameters<typeof api.faults.add>[0], CrmErrorKind][] = [
      [{ kind: 'status', status: 403 }, 'permission'],
      [{ kind: 'status', status: 404 }, 'not-found'],
      [{ kind: 'status', status: 422 }, 'validation'],
      [{ kind: 'status', status: 500 }, 'unavailable'],
      [{ kind: 'status', status: 503 }, 'unavailable'],
      [{ kind: 'rate-limit', resetSeconds: 7 }, 'rate-limited'],
      [{ kind: 'drop' }, 'network'],
      [{ kind: 'garbage' }, 'invalid-response'],
    ];
    for (const [rule, kind] of cases) {
      api.faults.clear();
      api.faults.add(rule);
      const error = await crmError(adapter.whoAmI());
      expect(error.kind, rule.kind).toBe(kind);
      if (kind === 'rate-limited') expect(error.retryAfterMs).toBe(7000);
    }
    api.faults.clear();
    api.faults.add({ kind: 'latency', ms: 1500 });
    expect(await kindOf(adapterWith({}, 200).whoAmI())).toBe('timeout');
    api.faults.clear();
    // Outcome unknown: the write is stored but the answer never arrives; findActivity tells the retry so.
    api.faults.add({ kind: 'drop-after-commit', method: 'POST', path: 'activities' });
    const input = callInput({ clientId: 'client-drop-0001' });
    expect(await kindOf(required(adapter.logActivity, 'logActivity')(input))).toBe('network');
    const found = await required(adapter.findActivity, 'findActivity')(input);
    expect(api.state.activities.find((activity) => activity.id === found?.id)?.externalId).toBe(
      'client-drop-0001',
    );
    expect(api.faults.injected['drop-after-commit']).toBe(1);
  });
});
