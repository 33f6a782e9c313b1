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
 * The ClosingDealz public API (seed 001) mounted at /closingdealz/: `POST /closingdealz/api/v1/leads` with
 * `X-API-Key`, nothing else. Bodies are the seed's exact envelopes. Two workspaces: one on the Basic plan
 * (no lead limit) and one on the Free plan (5 leads at most). Each key may make 1000 requests per 5 minutes.
 */

export const CLOSINGDEALZ_PREFIX = '/closingdealz/';
const API_PATH = `${CLOSINGDEALZ_PREFIX}api/v1/`;

export const CLOSINGDEALZ_DEMO = {
  basic: 'cdz_demo_basic_7f3a9c21e4b84d0f',
  free: 'cdz_demo_free_2b6e1d9a0c7f4e35',
} as const;

export const CLOSINGDEALZ_LIMITS = {
  /** "Only 100 leads is allowed to be created at once." */
  perRequest: 100,
  /** "Can not have more than 5 leads on the Free Plan." */
  freePlanLeads: 5,
  /** "Only 1000 requests every 5 minutes is allowed." */
  requests: 1000,
  windowMs: 5 * 60_000,
} as const;

/** The lead as stored, fields read case-insensitively from the request. */
export interface ClosingdealzLead {
  company?: string;
  contactPerson?: unknown;
  jobTitle?: string;
  email?: string;
  phoneNumber?: string;
  notes?: string;
  /** The element exactly as received. */
  raw: Record<string, unknown>;
  createdAt: string;
}

export interface ClosingdealzWorkspace {
  id: string;
  name: string;
  plan: 'basic' | 'free';
  leads: ClosingdealzLead[];
}

export interface ClosingdealzState {
  workspaces: Record<string, ClosingdealzWorkspace>;
  /** API key → workspace id. */
  apiKeys: Record<string, string>;
}

export interface ClosingdealzApiOptions {
  /** Part of every sandbox module's signature; ClosingDealz has no links to build from it. */
  origin: () => string;
  /** Requests per window per key; default the seed's 1000 per 5 minutes. */
  rateLimit?: { limit: number; windowMs: number };
  /** Clock for the rate-limit window; tests move it. */
  now?: () => number;
}

/** Leads the free workspace already has: two more fit before the 5-lead cap. */
const FREE_SEED_LEADS = 3;

export function createClosingdealzState(): ClosingdealzState {
  const at = '2025-01-06T09:00:00.000Z';
  return {
    workspaces: {
      'ws-basic': { id: 'ws-basic', name: 'Ringside Demo Agency', plan: 'basic', leads: [] },
      'ws-free': {
        id: 'ws-free',
        name: 'Solo Recruiter (Free plan)',
        plan: 'free',
        leads: Array.from({ length: FREE_SEED_LEADS }, (_, index) => ({
          company: `Seeded Company ${index + 1}`,
          raw: { company: `Seeded Company ${index + 1}` },
          createdAt: at,
        })),
      },
    },
    apiKeys: { [CLOSINGDEALZ_DEMO.basic]: 'ws-basic', [CLOSINGDEALZ_DEMO.free]: 'ws-free' },
  };
}

/** The envelope every documented answer uses. */
function envelope(statusCode: number, message: string | null) {
  return { succeeded: statusCode === 200, statusCode, statusCodeDescription: 'NONE', message };
}

export const CLOSINGDEALZ_MESSAGES = {
  invalidKey: 'Invalid API key.',
  tooMany: (count: number) => `The maximum amount of leads to create at once is 100, but was ${count}.`,
  freePlanReached: 'Reached the maximum limit of leads on the free plan.',
  freePlanOver: 'Can not have more than 5 leads on the free plan.',
  rateLimited: 'Too many requests. Please try again later.',
} as const;

/** Case-insensitive property lookup, as ASP.NET's web JSON defaults bind (UNCONFIRMED for ClosingDealz). */
function field(object: Record<string, unknown>, name: string): unknown {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(object)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

function stringField(object: Record<string, unknown>, name: string): string | undefined {
  const value = field(object, name);
  return typeof value === 'string' ? value : undefined;
}

const MAX_LENGTHS: Record<string, number> = {
  company: 256,
  jobTitle: 256,
  email: 124,
  phoneNumber: 64,
  notes: 6942,
};

/**
 * A body the model binder rejects. ClosingDealz's answer to malformed input is undocumented; ASP.NET Core's
 * default validation problem is the UNCONFIRMED guess (its envelope style suggests ASP.NET).
 */
function problem(errors: Record<string, string[]>) {
  return {
    type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
    title: 'One or more validation errors occurred.',
    status: 400,
    errors,
  };
}

export function createClosingdealzApi(options: ClosingdealzApiOptions): SandboxApi<ClosingdealzState> {
  const state = createClosingdealzState();
  const faults = new Faults();
  const requests: RecordedApiRequest[] = [];
  const limit = options.rateLimit ?? {
    limit: CLOSINGDEALZ_LIMITS.requests,
    windowMs: CLOSINGDEALZ_LIMITS.windowMs,
  };
  const now = options.now ?? Date.now;
  /** Fixed windows per key: "1000 requests every 5 minutes". */
  const windows = new Map<string, { start: number; count: number }>();

  function overLimit(key: string): boolean {
    const at = now();
    const window = windows.get(key);
    if (!window || at - window.start >= limit.windowMs) {
      windows.set(key, { start: at, count: 1 });
      return false;
    }
    window.count += 1;
    return window.count > limit.limit;
  }

  function createLeads(workspace: ClosingdealzWorkspace, body: unknown): { status: number; body: unknown } {
    if (!Array.isArray(body)) {
      return {
        status: 400,
        body: problem({ $: ['The JSON value could not be converted to a list of leads.'] }),
      };
    }
    if (body.length > CLOSINGDEALZ_LIMITS.perRequest) {
      return { status: 400, body: envelope(400, CLOSINGDEALZ_MESSAGES.tooMany(body.length)) };
    }
    const errors: Record<string, string[]> = {};
    const leads: ClosingdealzLead[] = [];
    body.forEach((item, index) => {
      if (!item || typeof item !== 'object' || Array.isArray(item)) {
        errors[`[${index}]`] = ['The JSON value could not be converted to a lead.'];
        return;
      }
      const raw = item as Record<string, unknown>;
      for (const [name, max] of Object.entries(MAX_LENGTHS)) {
        const value = stringField(raw, name);
        if (value !== undefined && value.length > max) {
          const pascal = name[0]?.toUpperCase() + name.slice(1);
          errors[`[${index}].${pascal}`] = [
            `The field ${pascal} must be a string with a maximum length of ${max}.`,
          ];
        }
      }
      const lead: ClosingdealzLead = { raw, createdAt: new Date(now()).toISOString() };
      const company = stringField(raw, 'company');
      const contactPerson = field(raw, 'contactPerson');
      const jobTitle = stringField(raw, 'jobTitle');
      const email = stringField(raw, 'email');
      const phoneNumber = stringField(raw, 'phoneNumber');
      const notes = stringField(raw, 'notes');
      if (company !== undefined) lead.company = company;
      if (contactPerson !== undefined) lead.contactPerson = contactPerson;
      if (jobTitle !== undefined) lead.jobTitle = jobTitle;
      if (email !== undefined) lead.email = email;
      if (phoneNumber !== undefined) lead.phoneNumber = phoneNumber;
      if (notes !== undefined) lead.notes = notes;
      leads.push(lead);
    });
    if (Object.keys(errors).length) return { status: 400, body: problem(errors) };
    if (workspace.plan === 'free' && leads.length > 0) {
      // A workspace already at (or, after a downgrade, over) the cap gets "reached"; a request that would
      // take it past 5 gets "can not have more than 5". Creating nothing is always accepted.
      if (workspace.leads.length >= CLOSINGDEALZ_LIMITS.freePlanLeads) {
        return { status: 400, body: envelope(400, CLOSINGDEALZ_MESSAGES.freePlanReached) };
      }
      if (workspace.leads.length + leads.length > CLOSINGDEALZ_LIMITS.freePlanLeads) {
        return { status: 400, body: envelope(400, CLOSINGDEALZ_MESSAGES.freePlanOver) };
      }
    }
    workspace.leads.push(...leads);
    return { status: 200, body: envelope(200, null) };
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const apiPath = url.pathname.startsWith(API_PATH) ? url.pathname.slice(API_PATH.length) : '';
    let raw: string;
    try {
      raw = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendJson(res, 413, undefined);
      throw error;
    }
    const record = recordOf(req, url, raw);
    requests.push(record);

    // Faults stand for the network and load balancer: they come before the key is looked at.
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
      return sendJson(res, action.status, envelope(action.status, STATUS_CODES[action.status] ?? 'Error'));
    }
    if (action?.kind === 'rate-limit') {
      // No rate-limit headers are documented, so none are sent.
      return sendJson(res, 429, envelope(429, CLOSINGDEALZ_MESSAGES.rateLimited));
    }

    let result: { status: number; body: unknown };
    if (apiPath !== 'leads') {
      // ASP.NET answers an unknown route with an empty 404.
      result = { status: 404, body: undefined };
    } else if (method !== 'POST') {
      result = { status: 405, body: undefined };
    } else {
      const key = record.headers['x-api-key'];
      const workspaceId = key ? state.apiKeys[key] : undefined;
      const workspace = workspaceId ? state.workspaces[workspaceId] : undefined;
      if (!key || !workspace) {
        result = { status: 401, body: envelope(401, CLOSINGDEALZ_MESSAGES.invalidKey) };
      } else if (overLimit(key)) {
        result = { status: 429, body: envelope(429, CLOSINGDEALZ_MESSAGES.rateLimited) };
      } else if (!isJsonContentType(req.headers['content-type'])) {
        result = {
          status: 415,
          body: {
            type: 'https://tools.ietf.org/html/rfc9110#section-15.5.16',
            title: 'Unsupported Media Type',
            status: 415,
          },
        };
      } else {
        let parsed: unknown;
        try {
          parsed = JSON.parse(raw);
        } catch {
          parsed = Symbol('invalid');
        }
        result =
          typeof parsed === 'symbol'
            ? { status: 400, body: problem({ $: ['The request body is not valid JSON.'] }) }
            : createLeads(workspace, parsed);
      }
    }
    if (action?.kind === 'drop-after-commit') {
      // The leads are stored but the client never hears back: "outcome unknown".
      dropAfterCommit(req);
      return;
    }
    sendJson(res, result.status, result.body);
  }

  return {
    prefix: CLOSINGDEALZ_PREFIX,
    handle,
    reset() {
      Object.assign(state, createClosingdealzState());
      faults.clear();
      requests.length = 0;
      windows.clear();
    },
    state,
    faults,
    requests,
  };
}
