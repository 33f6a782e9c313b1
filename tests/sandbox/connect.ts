import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { RecordedApiRequest, SandboxApi } from '../conformance/harness';
import { Faults } from './faults';
import { sendHostile } from './hostile';
import {
  BodyTooLargeError,
  dropAfterCommit,
  isJsonContentType,
  readBody,
  recordOf,
  sendGarbage,
  sendJson,
  sleep,
} from './http-io';

/**
 * The "Connect API" (seed 003) mounted at /connect/, so a customer's base URL is `${origin}/connect/` and the
 * endpoints live under `/connect/api/connect/`: GET/POST contacts, GET contacts/lead-statuses, GET me.
 * Success and error bodies are the seed's; what the seed leaves open is marked UNCONFIRMED.
 */

export const CONNECT_PREFIX = '/connect/';
const API_PATH = `${CONNECT_PREFIX}api/connect/`;

export const CONNECT_DEMO = { secretKey: 'sk_connect_demo_5c1f0e8b93d24a77' } as const;

export interface ConnectLeadStatusRow {
  id: number;
  type: 'lead' | 'qualified' | 'disqualified';
  label: string;
  color: string;
  order: number;
}

/** A contact row; `phoneNumbers` keeps whatever shape it was given (the seed does not define one). */
export interface ConnectContactRow {
  id: number;
  email: string | null;
  photo: string | null;
  firstName: string | null;
  lastName: string | null;
  jobTitle: string | null;
  companyName: string | null;
  phoneNumbers: unknown;
  facebookUrl: string | null;
  instagramUrl: string | null;
  linkedinUrl: string | null;
  /** Accepted on create but not among the attributes GET returns. */
  twitterUrl: string | null;
  note: string | null;
  lastActivityAt: string | null;
  createdAt: string;
  leadStatusId: number | null;
}

export interface ConnectState {
  user: { name: string; email: string };
  workspace: { name: string };
  secretKeys: string[];
  leadStatuses: ConnectLeadStatusRow[];
  contacts: ConnectContactRow[];
  nextId: number;
}

/** The people the tests and the conformance suite rely on. Jane Doe is the same person as in the Close sandbox. */
export const CONNECT_SEEDED = {
  jane: {
    id: 1,
    name: 'Jane Doe',
    email: 'jane.doe@acme-robotics.example',
    mobile: '+14155552671',
    office: '+14155550132',
  },
  john: { id: 2, name: 'John Doe', email: 'john.doe@acme-corp.example' },
  /** Her email contains Jane's: a loose `query=` returns both, an exact match only Jane. */
  maryJane: { id: 3, name: 'Mary-Jane Doe', email: 'mary.jane.doe@acme-robotics.example' },
  priya: { id: 4, name: 'Priya Patel', email: 'priya@northwind.example', phone: '+442079460958' },
  shared: { phone: '+13125550199', ids: [5, 6], names: ['Marcus Lee', 'Dana Whitfield'] },
  escaping: { id: 7, name: `Chris "CJ" O'Neil`, phone: '+16175550123' },
  /** First name only, no email and no phone. */
  sam: { id: 8, name: 'Sam' },
  unknownPhone: '+16505550111',
} as const;

const SEEDED_COUNT = 8;

export const CONNECT_ERRORS = {
  required: 'At least email or firstName is required',
  invalidEmail: 'Invalid email',
  invalidLeadStatus: 'Invalid lead status',
  /** The seed gives the shape `{ "error": "…" }` for every error but not this sentence: UNCONFIRMED. */
  unauthorized: 'Unauthorized',
} as const;

function row(id: number, fields: Partial<ConnectContactRow>): ConnectContactRow {
  return {
    id,
    email: null,
    photo: null,
    firstName: null,
    lastName: null,
    jobTitle: null,
    companyName: null,
    phoneNumbers: null,
    facebookUrl: null,
    instagramUrl: null,
    linkedinUrl: null,
    twitterUrl: null,
    note: null,
    lastActivityAt: null,
    createdAt: '2025-01-06T09:00:00.000Z',
    leadStatusId: null,
    ...fields,
  };
}

export function createConnectState(): ConnectState {
  // phoneNumbers deliberately comes in several shapes: the seed lists the field without saying which.
  const contacts = [
    row(1, {
      email: CONNECT_SEEDED.jane.email,
      firstName: 'Jane',
      lastName: 'Doe',
      jobTitle: 'Head of Talent',
      companyName: 'Acme Robotics',
      phoneNumbers: ['+1 415-555-2671', '+1 415-555-0132'],
      linkedinUrl: 'https://www.linkedin.com/in/jane-doe-example',
      note: 'Met at the Bay Area hiring summit.',
      lastActivityAt: '2025-01-10T15:30:00.000Z',
      leadStatusId: 2,
    }),
    row(2, {
      email: CONNECT_SEEDED.john.email,
      firstName: 'John',
      lastName: 'Doe',
      jobTitle: 'Developer',
      companyName: 'Acme Corp',
      createdAt: '2023-01-15T10:00:00.000Z',
      leadStatusId: 1,
    }),
    row(3, {
      email: CONNECT_SEEDED.maryJane.email,
      firstName: 'Mary-Jane',
      lastName: 'Doe',
      companyName: 'Acme Robotics',
      phoneNumbers: '+1 415-555-0144',
    }),
    row(4, {
      email: CONNECT_SEEDED.priya.email,
      firstName: 'Priya',
      lastName: 'Patel',
      jobTitle: 'Senior Recruiter',
      companyName: 'Northwind Staffing',
      phoneNumbers: [{ number: '+44 20 7946 0958', type: 'office' }],
    }),
    row(5, {
      email: 'marcus.lee@lakeside-logistics.example',
      firstName: 'Marcus',
      lastName: 'Lee',
      companyName: 'Lakeside Logistics',
      phoneNumbers: '+1 312 555 0199',
    }),
    row(6, {
      email: 'dana.whitfield@harbor-health.example',
      firstName: 'Dana',
      lastName: 'Whitfield',
      companyName: 'Harbor Health Partners',
      phoneNumbers: [{ phone: '+13125550199', label: 'mobile' }],
    }),
    row(7, {
      email: 'cj.oneil@barker-oneil.example',
      firstName: `Chris "CJ"`,
      lastName: `O'Neil`,
      jobTitle: 'Director <Ops> & People',
      companyName: `Barker & O'Neil <Talent>`,
      phoneNumbers: ['+1 617-555-0123'],
    }),
    row(8, { firstName: 'Sam' }),
  ];
  return {
    user: { name: 'Riley Recruiter', email: 'riley@ringside-demo.example' },
    workspace: { name: 'Ringside Demo Agency' },
    secretKeys: [CONNECT_DEMO.secretKey],
    leadStatuses: [
      { id: 1, type: 'lead', label: 'New Lead', color: '#3B82F6', order: 1 },
      { id: 2, type: 'qualified', label: 'Qualified Lead', color: '#10B981', order: 2 },
      { id: 3, type: 'disqualified', label: 'Not a Fit', color: '#EF4444', order: 3 },
    ],
    contacts,
    nextId: SEEDED_COUNT + 1,
  };
}

const FIRST =
  'Avery Blake Casey Devon Elliot Finley Harper Jordan Kai Logan Noel Parker Quinn Reese Sage Taylor'.split(
    ' ',
  );
const LAST =
  'Abbott Baker Castillo Dawson Ellis Fischer Garcia Hughes Jensen Lambert Moreno Okafor Rossi Walsh'.split(
    ' ',
  );
/** US area codes for generated people; 415, 312, 617 and 650 stay free for the named ones and the unknown number. */
const AREAS = [
  201, 202, 203, 205, 206, 207, 208, 210, 213, 214, 215, 216, 217, 218, 219, 224, 225, 228, 229, 231,
];

/** The generated person at `index`: stable, unique, valid US numbers (area × exchange 200–999 × line). */
export function generatedConnectPhone(index: number): string {
  const area = AREAS[index % AREAS.length] ?? 201;
  const exchange = 200 + (Math.floor(index / AREAS.length) % 800);
  const line = 1000 + Math.floor(index / (AREAS.length * 800));
  return `+1 ${area}-${exchange}-${line}`;
}

/** Appends `n` generated contacts (for index-sync benchmarks); ids continue from `state.nextId`. */
export function seedConnectContacts(state: ConnectState, n: number): void {
  const start = state.contacts.length - SEEDED_COUNT;
  for (let offset = 0; offset < n; offset++) {
    const index = start + offset;
    const first = FIRST[index % FIRST.length] ?? 'Alex';
    const last = LAST[Math.floor(index / FIRST.length) % LAST.length] ?? 'Smith';
    const id = state.nextId++;
    state.contacts.push(
      row(id, {
        email: `${first}.${last}.${index}@generated.example`.toLowerCase(),
        firstName: first,
        lastName: last,
        companyName: `Generated Company ${index % 500}`,
        phoneNumbers: [generatedConnectPhone(index)],
        leadStatusId: (index % 3) + 1,
      }),
    );
  }
}

/** GET contacts: the seed's attribute list, in its order, plus `leadStatus` as `{ id, label, color }`. */
function contactOut(contact: ConnectContactRow, statuses: Map<number, ConnectLeadStatusRow>) {
  const status = contact.leadStatusId === null ? undefined : statuses.get(contact.leadStatusId);
  return {
    id: contact.id,
    email: contact.email,
    photo: contact.photo,
    firstName: contact.firstName,
    lastName: contact.lastName,
    fullName: [contact.firstName, contact.lastName].filter(Boolean).join(' ') || null,
    jobTitle: contact.jobTitle,
    companyName: contact.companyName,
    phoneNumbers: contact.phoneNumbers,
    facebookUrl: contact.facebookUrl,
    instagramUrl: contact.instagramUrl,
    linkedinUrl: contact.linkedinUrl,
    note: contact.note,
    lastActivityAt: contact.lastActivityAt,
    createdAt: contact.createdAt,
    leadStatus: status ? { id: status.id, label: status.label, color: status.color } : null,
  };
}

const CREATE_FIELDS = [
  'email',
  'firstName',
  'lastName',
  'jobTitle',
  'companyName',
  'phoneNumbers',
  'facebookUrl',
  'instagramUrl',
  'linkedinUrl',
  'twitterUrl',
  'note',
] as const;

/** "Must be a valid email address": a plain local@domain.tld check. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Result = { status: number; body: unknown; headers?: Record<string, string> };

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/**
 * The secret key, from `Authorization: Bearer <key>` or `X-Secret-Key: <key>`. The seed does not say which
 * header carries it, so the sandbox tolerates both (the adapter's header is configurable for the same reason).
 */
function secretKeyFrom(req: IncomingMessage): string | undefined {
  const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (bearer) return bearer;
  const header = req.headers['x-secret-key'];
  return typeof header === 'string' && header.trim() ? header.trim() : undefined;
}

/** `origin` is part of every sandbox module's signature; Connect documents no web-app links to build from it. */
export function createConnectApi(_options: { origin: () => string }): SandboxApi<ConnectState> {
  const state = createConnectState();
  const faults = new Faults();
  const requests: RecordedApiRequest[] = [];

  function listContacts(url: URL): Result {
    const query = url.searchParams.get('query')?.trim().toLowerCase();
    const statuses = new Map(state.leadStatuses.map((status) => [status.id, status]));
    const contacts = query
      ? state.contacts.filter(
          (contact) =>
            contact.firstName?.toLowerCase().includes(query) ||
            contact.lastName?.toLowerCase().includes(query) ||
            contact.email?.toLowerCase().includes(query),
        )
      : state.contacts;
    return { status: 200, body: contacts.map((contact) => contactOut(contact, statuses)) };
  }

  function createContact(body: Record<string, unknown>): Result {
    if (!present(body.email) && !present(body.firstName)) {
      return { status: 400, body: { error: CONNECT_ERRORS.required } };
    }
    if (present(body.email) && (typeof body.email !== 'string' || !EMAIL.test(body.email))) {
      return { status: 400, body: { error: CONNECT_ERRORS.invalidEmail } };
    }
    let leadStatusId: number | null = null;
    if (present(body.leadStatus)) {
      const wanted = Number(body.leadStatus);
      const status = state.leadStatuses.find((candidate) => candidate.id === wanted);
      if (!status || typeof body.leadStatus === 'boolean') {
        return { status: 400, body: { error: CONNECT_ERRORS.invalidLeadStatus } };
      }
      leadStatusId = status.id;
    }
    const fields: Partial<ConnectContactRow> = {};
    const echoed: Record<string, unknown> = {};
    for (const name of CREATE_FIELDS) {
      if (!(name in body) || body[name] === undefined) continue;
      const value = body[name];
      echoed[name] = value;
      if (name === 'phoneNumbers') fields.phoneNumbers = value;
      else fields[name] = typeof value === 'string' ? value : value === null ? null : String(value);
    }
    const id = state.nextId++;
    const createdAt = new Date().toISOString();
    state.contacts.push(row(id, { ...fields, createdAt, leadStatusId }));
    // The seed's example answers with the id, the fields sent (leadStatus aside) and createdAt.
    return { status: 200, body: { id, ...echoed, createdAt } };
  }

  function route(method: string, path: string, url: URL, raw: string, req: IncomingMessage): Result {
    if (method === 'GET' && path === 'me') {
      return { status: 200, body: { details: { ...state.user }, workspace: { ...state.workspace } } };
    }
    if (method === 'GET' && path === 'contacts/lead-statuses') {
      return { status: 200, body: state.leadStatuses.map((status) => ({ ...status })) };
    }
    if (method === 'GET' && path === 'contacts') return listContacts(url);
    if (method === 'POST' && path === 'contacts') {
      // Like express.json(): a body that is not JSON-typed is left unparsed and reads as {}.
      let body: unknown = {};
      if (isJsonContentType(req.headers['content-type']) && raw.trim()) {
        try {
          body = JSON.parse(raw);
        } catch {
          // The answer to malformed JSON is not documented: UNCONFIRMED.
          return { status: 400, body: { error: 'Invalid JSON' } };
        }
      }
      const object = body && typeof body === 'object' && !Array.isArray(body) ? body : {};
      return createContact(object as Record<string, unknown>);
    }
    return { status: 404, body: { error: 'Not found' } };
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    // Express routes ignore one trailing slash by default.
    const apiPath = url.pathname.startsWith(API_PATH)
      ? url.pathname.slice(API_PATH.length).replace(/\/$/, '')
      : '';
    let raw: string;
    try {
      raw = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendJson(res, 413, { error: 'Request body too large' });
      throw error;
    }
    requests.push(recordOf(req, url, raw));

    const fault = faults.decide(method, apiPath);
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    const action = fault.action;
    if (action?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (action?.kind === 'garbage') return sendGarbage(res);
    if (action?.kind === 'hostile' && sendHostile(res, action.body)) return;
    if (action?.kind === 'status') {
      return sendJson(res, action.status, { error: STATUS_CODES[action.status] ?? 'Error' });
    }
    if (action?.kind === 'rate-limit') {
      // Connect documents no rate limit; an injected one answers like a typical gateway.
      return sendJson(
        res,
        429,
        { error: 'Too many requests' },
        { 'Retry-After': String(action.resetSeconds) },
      );
    }

    const key = secretKeyFrom(req);
    // The key is checked before routing, as an auth middleware on /api/connect would.
    const result: Result =
      !key || !state.secretKeys.includes(key)
        ? { status: 401, body: { error: CONNECT_ERRORS.unauthorized } }
        : route(method, apiPath, url, raw, req);
    if (action?.kind === 'drop-after-commit') {
      dropAfterCommit(req);
      return;
    }
    sendJson(res, result.status, result.body, result.headers);
  }

  return {
    prefix: CONNECT_PREFIX,
    handle,
    reset() {
      Object.assign(state, createConnectState());
      faults.clear();
      requests.length = 0;
    },
    state,
    faults,
    requests,
  };
}
