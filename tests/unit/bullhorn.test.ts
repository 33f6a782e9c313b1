import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityInput, CrmAdapter, RecordRef } from '../../lib/crm/adapter';
import { CrmError } from '../../lib/crm/errors';
import type { LockFn, SessionStore } from '../../lib/crm/provider';
import {
  type BullhornOptions,
  bullhornDefinition,
  createBullhornAdapter,
} from '../../lib/crm/providers/bullhorn';
import type { SandboxApi } from '../conformance/harness';
import { createBullhornApi } from '../sandbox/bullhorn/api';
import {
  BULLHORN_DEMO,
  BULLHORN_USERS,
  type BullhornState,
  BULLHORN_SEEDED as S,
} from '../sandbox/bullhorn/model';
import { type ServedApi, serveApi } from '../sandbox/serve';

let served: ServedApi<SandboxApi<BullhornState>>;
let origin = '';
let api: SandboxApi<BullhornState>;
let state: BullhornState;

beforeAll(async () => {
  served = await serveApi((originOf) => createBullhornApi({ origin: originOf }));
  api = served.api;
  state = api.state;
  origin = served.origin;
});
afterAll(() => served.close());
beforeEach(() => api.reset());

function memoryStore(): SessionStore & { value: unknown; writes: number } {
  const store = {
    value: undefined as unknown,
    writes: 0,
    get: async () => structuredClone(store.value),
    set: async (value: unknown) => {
      store.value = structuredClone(value);
      store.writes += 1;
    },
  };
  return store;
}

/** A real in-process mutex per lock name, like navigator.locks. */
function mutex(): LockFn {
  const tails = new Map<string, Promise<void>>();
  return async (name, task) => {
    const previous = tails.get(name) ?? Promise.resolve();
    let release = () => {};
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    tails.set(
      name,
      previous.then(() => mine),
    );
    await previous;
    try {
      return await task();
    } finally {
      release();
    }
  };
}

interface Setup {
  credentials?: Record<string, string>;
  session?: SessionStore;
  lock?: LockFn;
  now?: () => number;
  options?: BullhornOptions;
}

function adapter(setup: Setup = {}): CrmAdapter {
  return createBullhornAdapter(
    {
      connectionId: 'bh-1',
      baseUrl: `${origin}/bullhorn/rest-services/`,
      credentials: setup.credentials ?? { ...BULLHORN_DEMO },
      ...(setup.session ? { session: setup.session } : {}),
      ...(setup.lock ? { lock: setup.lock } : {}),
      ...(setup.now ? { now: setup.now } : {}),
    },
    setup.options,
  );
}

async function crmError(promise: Promise<unknown>): Promise<CrmError> {
  const error = await promise.then(
    () => undefined,
    (cause: unknown) => cause,
  );
  expect(error).toBeInstanceOf(CrmError);
  return error as CrmError;
}

const paths = () =>
  api.requests.map((request) => `${request.method} ${request.path.replace('/bullhorn/', '')}`);
/** The form-encoded body of a recorded request (the token call's parameters travel there). */
const formOf = (request: { body: unknown } | undefined) =>
  Object.fromEntries(new URLSearchParams(typeof request?.body === 'string' ? request.body : ''));
const janeRef: RecordRef = {
  provider: 'bullhorn',
  connectionId: 'bh-1',
  kind: 'Candidate',
  id: String(S.jane.id),
};

function activity(overrides: Partial<ActivityInput> = {}): ActivityInput {
  return {
    channel: 'call',
    record: janeRef,
    note: 'Talked about the role.',
    activityAt: '2026-01-05T10:00:00.000Z',
    ...overrides,
  };
}

describe('Bullhorn sign-in and session', () => {
  it('runs loginInfo → authorize → token → login → ping, then sends BhRestToken as a header', async () => {
    const account = await adapter().whoAmI();
    expect(account).toEqual({
      userName: 'Riley Recruiter',
      email: 'riley@ringside-demo.example',
      organization: 'Ringside Demo Agency',
    });
    expect(paths()).toEqual([
      'GET rest-services/loginInfo',
      'GET oauth/authorize',
      'GET oauth/done',
      'POST oauth/token',
      'GET rest-services/login',
      'GET rest-services/rsb1/ping',
      'GET rest-services/rsb1/settings/userId,corporationName',
      'GET rest-services/rsb1/entity/CorporateUser/7',
    ]);
    const authorize = api.requests[1];
    expect(authorize?.query).toMatchObject({
      client_id: BULLHORN_DEMO.clientId,
      response_type: 'code',
      action: 'Login',
      username: BULLHORN_DEMO.username,
    });
    // The client secret and the code go in the POST body, never in the token URL.
    expect(api.requests[3]?.query).toEqual({});
    expect(api.requests[3]?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(formOf(api.requests[3])).toMatchObject({
      grant_type: 'authorization_code',
      client_id: BULLHORN_DEMO.clientId,
      client_secret: BULLHORN_DEMO.clientSecret,
    });
    expect(api.requests[4]?.query).toMatchObject({ version: '2.0' });
    const last = api.requests.at(-1);
    expect(last?.headers.bhresttoken).toBe([...state.sessions.keys()][0]);
    expect(last?.query.BhRestToken).toBeUndefined();
    expect(state.issued).toEqual({ codes: 1, passwordTokens: 1, refreshes: 0, logins: 1 });
  });

  it('follows 307s from a retired data center through authorize, token and login', async () => {
    state.loginInfoDataCenter = 'old';
    expect((await adapter().whoAmI()).userName).toBe('Riley Recruiter');
    expect(paths()).toContain('GET dc-old/oauth/authorize');
    expect(paths()).toContain('POST dc-old/oauth/token');
    expect(paths()).toContain('POST oauth/token');
    expect(paths()).toContain('GET dc-old/rest-services/login');
  });

  it('stores the session and a new adapter instance reuses it without signing in again', async () => {
    const session = memoryStore();
    await adapter({ session }).whoAmI();
    expect(session.value).toMatchObject({
      restUrl: `${origin}/bullhorn/rest-services/rsb1/`,
      bhRestToken: expect.any(String),
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      sessionExpires: expect.any(Number),
    });
    api.requests.length = 0;
    const second = adapter({ session });
    expect((await second.listActivityTypes?.())?.length).toBe(6);
    expect(paths()).toEqual(['GET rest-services/rsb1/settings/userId,commentActionList']);
    expect(state.issued.logins).toBe(1);
  });

  it('renews with the refresh token about two minutes before the session expires', async () => {
    let clock = Date.now();
    const session = memoryStore();
    const bullhorn = adapter({ session, now: () => clock });
    await bullhorn.whoAmI();
    const firstToken = (session.value as { bhRestToken: string }).bhRestToken;
    clock += 7 * 60_000; // 3 minutes left of 10: still fine
    await bullhorn.listActivityTypes?.();
    expect(state.issued.refreshes).toBe(0);
    clock += 90_000; // 90 s left: renew first
    api.requests.length = 0;
    await bullhorn.listUsers?.();
    expect(paths()).toEqual([
      'POST oauth/token',
      'GET rest-services/login',
      'GET rest-services/rsb1/ping',
      'GET rest-services/rsb1/query/CorporateUser',
    ]);
    expect(formOf(api.requests[0]).grant_type).toBe('refresh_token');
    expect(api.requests[0]?.query).toEqual({});
    expect(state.issued).toMatchObject({ passwordTokens: 1, refreshes: 1, logins: 2 });
    expect((session.value as { bhRestToken: string }).bhRestToken).not.toBe(firstToken);
  });

  it('signs in again once after a 401 invalidRestToken and completes the call', async () => {
    const bullhorn = adapter();
    await bullhorn.whoAmI();
    state.sessions.clear();
    api.requests.length = 0;
    const [jane] = (await bullhorn.search?.({ phone: S.jane.e164 })) ?? [];
    expect(jane?.name).toBe('Jane Doe');
    // Three searches ran in parallel, all got 401, one renewal served them all, each retried once.
    expect(paths()).toEqual(
      expect.arrayContaining(['POST oauth/token', 'GET rest-services/login', 'GET rest-services/rsb1/ping']),
    );
    expect(paths().filter((path) => path === 'GET rest-services/rsb1/search/Candidate')).toHaveLength(2);
    expect(state.issued).toMatchObject({ passwordTokens: 1, refreshes: 1, logins: 2 });
  });

  it('spends a refresh token once when two contexts need a new session at the same time', async () => {
    const session = memoryStore();
    const lock = mutex();
    const first = adapter({ session, lock });
    const second = adapter({ session, lock });
    await first.whoAmI();
    await second.listActivityTypes?.();
    state.sessions.clear();
    const [a, b] = await Promise.all([
      first.search?.({ phone: S.jane.e164 }),
      second.search?.({ email: S.jane.email }),
    ]);
    expect(a?.map((record) => record.name)).toEqual(['Jane Doe']);
    expect(b?.map((record) => record.name)).toEqual(['Jane Doe']);
    expect(state.issued).toMatchObject({ passwordTokens: 1, refreshes: 1, logins: 2 });
    const refreshCalls = api.requests.filter((request) => formOf(request).grant_type === 'refresh_token');
    expect(refreshCalls).toHaveLength(1);
  });

  it('falls back to the password flow when the refresh token is refused (invalid_grant)', async () => {
    const bullhorn = adapter();
    await bullhorn.whoAmI();
    for (const token of state.refreshTokens.values()) token.used = true;
    state.sessions.clear();
    expect((await bullhorn.listActivityTypes?.())?.map((type) => type.name)).toContain('Phone Call');
    expect(state.issued).toMatchObject({ passwordTokens: 2, refreshes: 0, logins: 2 });
  });

  it('says which sign-in problem it was: password, terms of service, client id, client secret', async () => {
    const badPassword = await crmError(
      adapter({ credentials: { ...BULLHORN_DEMO, password: 'nope' } }).whoAmI(),
    );
    expect(badPassword.kind).toBe('auth');
    expect(badPassword.message).toBe(
      'Bullhorn did not accept the API username or password. Check both and try again.',
    );
    const consent = await crmError(
      adapter({ credentials: { ...BULLHORN_DEMO, ...BULLHORN_USERS.unconsented } }).whoAmI(),
    );
    expect(consent.kind).toBe('auth');
    expect(consent.message).toMatch(/^Bullhorn wants the API user to accept its terms of service first\./);
    const client = await crmError(adapter({ credentials: { ...BULLHORN_DEMO, clientId: 'who' } }).whoAmI());
    expect(client.message).toBe(
      'Bullhorn does not recognise this client ID. Check the client ID Bullhorn gave you.',
    );
    const secret = await crmError(
      adapter({ credentials: { ...BULLHORN_DEMO, clientSecret: 'wrong' } }).whoAmI(),
    );
    expect(secret.kind).toBe('auth');
    expect(secret.message).toMatch(/client ID or client secret/);
    expect(JSON.stringify(secret.toData())).not.toContain(BULLHORN_DEMO.password);
  });

  it('uses an injected authorize function to obtain the code', async () => {
    const seen: string[] = [];
    const bullhorn = adapter({
      options: {
        authorize: (url, signal) => {
          seen.push(url);
          return fetch(url, { redirect: 'follow', signal });
        },
      },
    });
    await bullhorn.whoAmI();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain(`${origin}/bullhorn/oauth/authorize?client_id=${BULLHORN_DEMO.clientId}`);
  });
});

describe('Bullhorn search', () => {
  it('finds "(415) 555-2671" however the number is written', async () => {
    const bullhorn = adapter();
    for (const written of [
      '+14155552671',
      '(415) 555-2671',
      '+1 415-555-2671',
      '001 415 555 2671',
      '4155552671',
    ]) {
      const found = (await bullhorn.search?.({ phone: written })) ?? [];
      expect(found, written).toEqual([
        {
          ref: { provider: 'bullhorn', connectionId: 'bh-1', kind: 'Candidate', id: '101' },
          name: 'Jane Doe',
          title: 'Robotics Engineer',
          phones: [{ raw: '(415) 555-2671', e164: '+14155552671', type: 'mobile', field: 'mobile' }],
          emails: ['jane.doe@acme-robotics.example'],
          url: `${origin}/bullhorn/record/Candidate/101`,
        },
      ]);
    }
    const search = api.requests.find((request) => request.path.endsWith('/search/Candidate'));
    expect(search?.query.query).toBe(
      '(mobile:4155552671 OR phone:4155552671 OR workPhone:4155552671 OR phone2:4155552671 OR phone3:4155552671) AND isDeleted:0',
    );
    const contactSearch = api.requests.find((request) => request.path.endsWith('/search/ClientContact'));
    expect(contactSearch?.query.fields).toContain('clientCorporation(id,name)');
  });

  it('finds a UK number stored as national text, with E.164 from the number’s own country', async () => {
    const [oliver, ...rest] = (await adapter().search?.({ phone: '+447400123456' })) ?? [];
    expect(rest).toEqual([]);
    expect(oliver?.name).toBe('Oliver Bennett');
    expect(oliver?.phones).toEqual([
      { raw: '07400 123456', e164: '+447400123456', type: 'mobile', field: 'mobile' },
    ]);
  });

  it('finds everyone sharing a number across candidates and contacts, with the contact’s company', async () => {
    const found = (await adapter().search?.({ phone: S.sharedPhone.e164 })) ?? [];
    expect(
      found.map((record) => `${record.ref.kind}/${record.ref.id}/${record.name}/${record.company ?? ''}`),
    ).toEqual(['Candidate/105/Chris Lee/', 'ClientContact/202/Taylor Reed/Globex Staffing']);
  });

  it('finds a company by its phone', async () => {
    const found = (await adapter().search?.({ phone: '+12125550199' })) ?? [];
    expect(found.map((record) => `${record.ref.kind}/${record.name}`)).toEqual([
      'ClientCorporation/Globex Staffing',
    ]);
  });

  it('never returns a soft-deleted record and finds nobody for an unknown number', async () => {
    const bullhorn = adapter();
    expect(await bullhorn.search?.({ phone: S.deletedCandidate.e164 })).toEqual([]);
    expect(await bullhorn.search?.({ phone: S.unknownPhone })).toEqual([]);
    // The sandbox index does hold the deleted one: without the filter it would be found.
    expect(state.entities.Candidate.get(S.deletedCandidate.id)?.isDeleted).toBe(true);
  });

  it('finds a person by email, case-insensitively, with a quoted query', async () => {
    const found = (await adapter().search?.({ email: 'JANE.DOE@acme-robotics.example' })) ?? [];
    expect(found.map((record) => record.name)).toEqual(['Jane Doe']);
    const search = api.requests.find((request) => request.path.endsWith('/search/Candidate'));
    expect(search?.query.query).toBe(
      '(email:"JANE.DOE@acme-robotics.example" OR email2:"JANE.DOE@acme-robotics.example" OR email3:"JANE.DOE@acme-robotics.example") AND isDeleted:0',
    );
  });
});

describe('Bullhorn records', () => {
  const priyaRef: RecordRef = {
    provider: 'bullhorn',
    connectionId: 'bh-1',
    kind: 'Candidate',
    id: String(S.priya.id),
  };

  it('keeps unchanged numbers in their fields, puts a corrected one in the freed field, touches nothing else', async () => {
    const before = structuredClone(state.entities.Candidate.get(S.priya.id));
    const after = await adapter().updateRecord?.(priyaRef, {
      phones: [{ number: '+16285550147' }, { number: '+16285550148' }, { number: '+14155550142' }],
    });
    const update = api.requests.find(
      (request) => request.method === 'POST' && request.path.endsWith('/entity/Candidate/103'),
    );
    expect(update?.body).toEqual({ phone3: '+14155550142' });
    expect(after?.phones).toEqual([
      { raw: '+1 628 555 0147', e164: '+16285550147', type: 'home', field: 'phone' },
      { raw: '628.555.0148', e164: '+16285550148', type: 'work', field: 'workPhone' },
      { raw: '+14155550142', e164: '+14155550142', type: 'other', field: 'phone3' },
    ]);
    expect(after?.emails).toEqual(['priya.shah@example.com', 'priya@home.example']);
    const stored = state.entities.Candidate.get(S.priya.id);
    const { phone3: _p, dateLastModified: _d, ...rest } = stored ?? { id: 0 };
    const { phone3: _bp, dateLastModified: _bd, ...restBefore } = before ?? { id: 0 };
    expect(rest).toEqual(restBefore);
  });

  it('adds a number to a free field, clears removed ones, and spreads emails over email/email2/email3', async () => {
    const bullhorn = adapter();
    await bullhorn.updateRecord?.(janeRef, {
      phones: [{ number: '+14155552671' }, { number: '+442079460111', type: 'work' }],
      emails: ['jane.doe@acme-robotics.example', 'jane@home.example'],
    });
    expect(state.entities.Candidate.get(S.jane.id)).toMatchObject({
      mobile: '(415) 555-2671',
      workPhone: '+442079460111',
      email: 'jane.doe@acme-robotics.example',
      email2: 'jane@home.example',
      firstName: 'Jane',
      occupation: 'Robotics Engineer',
    });
    await bullhorn.updateRecord?.(priyaRef, { phones: [{ number: '628.555.0148' }] });
    expect(state.entities.Candidate.get(S.priya.id)).toMatchObject({
      phone: '',
      workPhone: '628.555.0148',
      phone3: '',
      email: 'priya.shah@example.com',
    });
  });

  it('turns a Bullhorn validation body into field errors', async () => {
    const error = await crmError(
      adapter().updateRecord?.(janeRef, { phones: [{ number: '+1 415 555 2671 ext. 1234567' }] }) ??
        Promise.resolve(),
    );
    expect(error.kind).toBe('validation');
    expect(error.message).toMatch(/at most 20 characters/);
  });

  it('creates a Candidate with name set, and ClientContacts under a found or a new company', async () => {
    const bullhorn = adapter();
    const candidate = await bullhorn.createRecord?.({
      firstName: 'Sam',
      lastName: 'Newman',
      title: 'Engineer',
      phones: [{ number: '+14155550177', type: 'mobile' }],
      emails: ['sam.newman@example.com'],
    });
    expect(candidate?.ref.kind).toBe('Candidate');
    const stored = state.entities.Candidate.get(Number(candidate?.ref.id));
    expect(stored).toMatchObject({
      firstName: 'Sam',
      lastName: 'Newman',
      name: 'Sam Newman',
      occupation: 'Engineer',
      mobile: '+14155550177',
      email: 'sam.newman@example.com',
      isDeleted: false,
    });
    const contact = await bullhorn.createRecord?.({
      kind: 'ClientContact',
      firstName: 'Kim',
      lastName: 'Park',
      company: 'acme robotics',
      phones: [{ number: '+14155550166' }],
      emails: ['kim.park@acme-robotics.example'],
    });
    expect(contact).toMatchObject({
      name: 'Kim Park',
      company: 'Acme Robotics',
      ref: { kind: 'ClientContact' },
    });
    expect(state.entities.ClientContact.get(Number(contact?.ref.id))?.clientCorporation).toEqual({
      id: S.acme.id,
    });
    const fresh = await bullhorn.createRecord?.({
      kind: 'ClientContact',
      firstName: 'Lee',
      lastName: 'Ng',
      company: 'Brand New Co',
      phones: [],
      emails: [],
    });
    expect(fresh?.company).toBe('Brand New Co');
    expect(
      [...state.entities.ClientCorporation.values()].filter((row) => row.name === 'Brand New Co'),
    ).toHaveLength(1);
  });

  it('reads a record and reports an unknown id as not-found', async () => {
    const bullhorn = adapter();
    expect(
      (await bullhorn.getRecord?.({ ...janeRef, kind: 'ClientContact', id: String(S.alex.id) }))?.company,
    ).toBe('Acme Robotics');
    expect(
      (await crmError(bullhorn.getRecord?.({ ...janeRef, id: '999999' }) ?? Promise.resolve())).kind,
    ).toBe('not-found');
  });
});

describe('Bullhorn notes', () => {
  it('logs a call as a Note with every field', async () => {
    const ref = await adapter().logActivity?.(
      activity({
        clientId: 'ringside-log-0001',
        durationSec: 95,
        direction: 'outbound',
        phone: '+14155552671',
        note: 'Talked <salary> & start date\nNext: send the JD',
        userId: String(S.morgan.id),
      }),
    );
    expect(ref).toMatchObject({ provider: 'bullhorn', connectionId: 'bh-1', kind: 'Note', parentId: '101' });
    const note = state.entities.Note.get(Number(ref?.id));
    expect(note).toMatchObject({
      personReference: { id: 101, _subtype: 'Candidate' },
      commentingPerson: { id: S.morgan.id },
      action: 'Phone Call',
      comments: 'Talked &lt;salary&gt; &amp; start date<br>Next: send the JD',
      dateAdded: Date.parse('2026-01-05T10:00:00.000Z'),
      minutesSpent: 2,
      externalID: 'ringside-log-0001',
      isDeleted: false,
    });
  });

  it('defaults the author to the API user and the action to the channel’s list entry', async () => {
    const bullhorn = adapter();
    const sms = await bullhorn.logActivity?.(activity({ channel: 'sms' }));
    const whatsapp = await bullhorn.logActivity?.(activity({ channel: 'whatsapp', typeId: undefined }));
    const typed = await bullhorn.logActivity?.(activity({ typeId: 'BD Call' }));
    const get = (id: string | undefined) => state.entities.Note.get(Number(id));
    expect(get(sms?.id)).toMatchObject({ action: 'SMS', commentingPerson: { id: S.riley.id } });
    expect(get(sms?.id)?.minutesSpent).toBeUndefined();
    expect(get(whatsapp?.id)?.action).toBe('WhatsApp');
    expect(get(typed?.id)?.action).toBe('BD Call');
  });

  it('updates a note’s text and action', async () => {
    const bullhorn = adapter();
    const ref = await bullhorn.logActivity?.(activity());
    if (!ref) throw new Error('no ref');
    await bullhorn.updateActivity?.(ref, { note: 'Edited: sent the JD.', typeId: 'Left Message' });
    expect(state.entities.Note.get(Number(ref.id))).toMatchObject({
      comments: 'Edited: sent the JD.',
      action: 'Left Message',
    });
  });

  it('reports a 403 on note update as permission, saying the log itself is saved', async () => {
    const sam = adapter({ credentials: { ...BULLHORN_DEMO, ...BULLHORN_USERS.noNoteEdit } });
    const ref = await sam.logActivity?.(activity());
    if (!ref) throw new Error('no ref');
    const error = await crmError(sam.updateActivity?.(ref, { note: 'changed' }) ?? Promise.resolve());
    expect(error.kind).toBe('permission');
    expect(error.message).toBe('Bullhorn did not let this user edit the note; the call log itself is saved.');
    expect(state.entities.Note.get(Number(ref.id))?.comments).toBe('Talked about the role.');
  });

  it('finds a note by externalID and ignores soft-deleted ones', async () => {
    const bullhorn = adapter();
    expect((await bullhorn.findActivity?.(activity({ clientId: S.notes.live.externalID })))?.id).toBe(
      String(S.notes.live.id),
    );
    const deleted = activity({ clientId: S.notes.deleted.externalID });
    expect(await bullhorn.findActivity?.(deleted)).toBeUndefined();
    const logged = await bullhorn.logActivity?.(deleted);
    expect((await bullhorn.findActivity?.(deleted))?.id).toBe(logged?.id);
    expect(await bullhorn.findActivity?.(activity({ clientId: 'never-logged-0001' }))).toBeUndefined();
    const read = api.requests.find((request) => request.path.endsWith('/entity/Candidate/101/notes'));
    expect(read?.query.fields).toBe('id,externalID,isDeleted');
  });
});

describe('Bullhorn outcome-unknown writes', () => {
  it('a note stored before the connection dropped is found again by its externalID', async () => {
    const bullhorn = adapter();
    await bullhorn.whoAmI();
    api.faults.add({ kind: 'drop-after-commit', method: 'PUT', path: 'entity/Note', times: 1 });
    const input = activity({ clientId: 'ringside-dropped-0001' });
    expect((await crmError(bullhorn.logActivity?.(input) ?? Promise.resolve())).kind).toBe('network');
    const stored = [...state.entities.Note.values()].filter(
      (note) => note.externalID === 'ringside-dropped-0001',
    );
    expect(stored).toHaveLength(1);
    expect((await bullhorn.findActivity?.(input))?.id).toBe(String(stored[0]?.id));
  });
});

describe('Bullhorn metadata and limits', () => {
  it('lists active CorporateUsers with their emails', async () => {
    const users = (await adapter().listUsers?.()) ?? [];
    expect(users).toContainEqual({ id: '7', name: 'Riley Recruiter', email: 'riley@ringside-demo.example' });
    expect(users).toContainEqual({ id: '8', name: 'Morgan Manager', email: 'morgan@ringside-demo.example' });
    expect(users).toContainEqual({ id: '9', name: 'Sam Sourcer', email: 'sam@ringside-demo.example' });
    expect(users.map((user) => user.name)).not.toContain('Former User');
    const query = api.requests.find((request) => request.path.endsWith('/query/CorporateUser'));
    expect(query?.query).toMatchObject({ where: 'isDeleted=false', count: '500', start: '0' });
  });

  it('lists commentActionList as activity types', async () => {
    expect(await adapter().listActivityTypes?.()).toEqual(
      S.commentActionList.map((action) => ({ id: action, name: action, kind: 'type' })),
    );
  });

  it('reports a 429 burst as rate-limited with the wait from ratelimit-reset', async () => {
    state.rateLimit = { limit: 2, windowMs: 5000 };
    const error = await crmError(adapter().whoAmI());
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBe(5000);
  });

  it('maps injected 503 and garbage to unavailable and invalid-response', async () => {
    const bullhorn = adapter();
    await bullhorn.whoAmI();
    api.faults.add({ kind: 'status', status: 503, path: 'search/', times: 1 });
    expect((await crmError(bullhorn.search?.({ phone: S.jane.e164 }) ?? Promise.resolve())).kind).toBe(
      'unavailable',
    );
    api.faults.add({ kind: 'garbage', path: 'settings/', times: 1 });
    expect((await crmError(bullhorn.listActivityTypes?.() ?? Promise.resolve())).kind).toBe(
      'invalid-response',
    );
  });

  it('the sandbox answers 412 without a BhRestToken and 401 invalidRestToken with a bad one', async () => {
    const base = `${origin}/bullhorn/rest-services/rsb1/ping`;
    expect((await fetch(base)).status).toBe(412);
    const bad = await fetch(base, { headers: { BhRestToken: 'nope' } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ errorMessageKey: 'errors.authentication.invalidRestToken' });
  });

  it('defines the provider form and capabilities', () => {
    expect(bullhornDefinition.fields.map((field) => [field.name, field.secret])).toEqual([
      ['clientId', false],
      ['clientSecret', true],
      ['username', false],
      ['password', true],
    ]);
    expect(bullhornDefinition.defaultBaseUrl).toBe('https://rest.bullhornstaffing.com/rest-services/');
    expect(bullhornDefinition.capabilities.listRecords).toBe(false);
  });
});
