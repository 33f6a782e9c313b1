import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { RecordedApiRequest, SandboxApi } from '../../conformance/harness';
import { Faults } from '../faults';
import { sendHostile } from '../hostile';
import {
  BodyTooLargeError,
  dropAfterCommit,
  isJsonContentType,
  readBody,
  recordOf,
  sendGarbage,
  sendHtml,
  sendJson,
  sleep,
} from '../http-io';
import { type RateLimitConfig, RateLimiter } from '../rate-limit';
import {
  createContact,
  createMembership,
  deleteContact,
  deleteMembership,
  getContact,
  listContacts,
  listMemberships,
  patchContact,
  patchMembership,
} from './contacts';
import { EntityApiError, type EntityHandler, type EntityResult } from './http';
import { createEntityCrmState, type EntityCrmState, type EntityScope, UUID_PATTERN } from './model';
import { renderEntityContactPage } from './page';
import {
  createActivity,
  createCompany,
  createLead,
  createLeadActivity,
  createStage,
  deleteLead,
  getCompany,
  getDashboard,
  getLead,
  leadTimeline,
  listActivities,
  listCompanies,
  listCompanyContacts,
  listLeads,
  listStages,
  listTasks,
  patchCompany,
  patchLead,
  patchLeadStage,
  reorderStages,
} from './resources';

/**
 * The Entity CRM API imitation (seed 002), mounted at `/entity/`: the API under `/entity/api/crm/`, contact pages
 * under `/entity/app/contacts/{id}`. Order per API request: faults (they stand for the network), Bearer key
 * (401), rate limit (429), route (404/405), entityId (400 missing or malformed, 403 another entity's), scope
 * (403), JSON body (400), handler. Every error body is `{"error": "..."}`, the one shape the seed documents.
 */

export {
  ENTITY_DEMO,
  ENTITY_SEEDED,
  ENTITY_SEEDED_COUNT,
  type EntityActivity,
  type EntityContact,
  type EntityCrmState,
  seedEntityContacts,
} from './model';

export const ENTITY_PREFIX = '/entity/';
const API_PREFIX = `${ENTITY_PREFIX}api/crm/`;
const PAGE_PREFIX = `${ENTITY_PREFIX}app/contacts/`;

/**
 * Default limit per API key: 300 requests per 10 s, refilling continuously (UNCONFIRMED: the seed names no
 * limits). A 50,000-contact sync at 200 per page (250 requests) stays inside the burst.
 */
export const ENTITY_DEFAULT_RATE_LIMIT: RateLimitConfig = { limit: 300, windowSeconds: 10 };

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  handler: EntityHandler;
}

function route(method: string, template: string, handler: EntityHandler): Route {
  const pattern = new RegExp(`^${template.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`);
  return { method, template, pattern, handler };
}

const ROUTES: Route[] = [
  route('GET', 'dashboard', getDashboard),
  route('GET', 'contacts', listContacts),
  route('POST', 'contacts', createContact),
  route('GET', 'contacts/{id}', getContact),
  route('PATCH', 'contacts/{id}', patchContact),
  route('DELETE', 'contacts/{id}', deleteContact),
  route('GET', 'contacts/{id}/company-memberships', listMemberships),
  route('POST', 'contacts/{id}/company-memberships', createMembership),
  route('PATCH', 'contacts/{id}/company-memberships/{membershipId}', patchMembership),
  route('DELETE', 'contacts/{id}/company-memberships/{membershipId}', deleteMembership),
  route('GET', 'companies', listCompanies),
  route('POST', 'companies', createCompany),
  route('GET', 'companies/{id}', getCompany),
  route('PATCH', 'companies/{id}', patchCompany),
  route('GET', 'companies/{id}/contacts', listCompanyContacts),
  route('GET', 'pipeline-stages', listStages),
  route('POST', 'pipeline-stages', createStage),
  route('POST', 'pipeline-stages/reorder', reorderStages),
  route('GET', 'leads', listLeads),
  route('POST', 'leads', createLead),
  route('GET', 'leads/{id}', getLead),
  route('PATCH', 'leads/{id}', patchLead),
  route('DELETE', 'leads/{id}', deleteLead),
  route('GET', 'leads/{id}/timeline', leadTimeline),
  route('PATCH', 'leads/{id}/stage', patchLeadStage),
  route('POST', 'leads/{id}/activities', createLeadActivity),
  route('GET', 'activities', listActivities),
  route('POST', 'activities', createActivity),
  route('GET', 'tasks', listTasks),
];

type Match = { route: Route; params: Record<string, string> } | { allowed: string[] } | undefined;

function matchRoute(method: string, apiPath: string): Match {
  const allowed: string[] = [];
  for (const candidate of ROUTES) {
    const found = candidate.pattern.exec(apiPath);
    if (!found) continue;
    if (candidate.method === method) {
      const params: Record<string, string> = {};
      for (const [name, value] of Object.entries(found.groups ?? {}))
        params[name] = decodeURIComponent(value);
      return { route: candidate, params };
    }
    allowed.push(candidate.method);
  }
  return allowed.length ? { allowed } : undefined;
}

/** `Authorization: Bearer ak_…`. The seed's browser-session alternative (`x-entity-id`) is not imitated. */
function bearerKey(header: string | undefined): string | undefined {
  return header?.match(/^Bearer\s+(ak_\S+)\s*$/)?.[1];
}

export interface EntityCrmApiOptions {
  /** The sandbox server's origin (e.g. http://127.0.0.1:41234), known once it listens. */
  origin: () => string;
  rateLimit?: RateLimitConfig;
}

export type EntityCrmApi = SandboxApi<EntityCrmState> & { rateLimiter: RateLimiter };

export function createEntityCrmApi(options: EntityCrmApiOptions): EntityCrmApi {
  const state = createEntityCrmState();
  const faults = new Faults();
  const requests: RecordedApiRequest[] = [];
  const rateLimiter = new RateLimiter(options.rateLimit ?? ENTITY_DEFAULT_RATE_LIMIT);

  function parseJson(req: IncomingMessage, raw: string): unknown {
    if (!raw.trim()) return undefined;
    if (!isJsonContentType(req.headers['content-type'])) {
      throw new EntityApiError(415, 'Content-Type must be application/json');
    }
    try {
      return JSON.parse(raw);
    } catch {
      throw new EntityApiError(400, 'Invalid JSON body');
    }
  }

  /** The seed: "entityId (query or JSON body)"; "must match the API key's entity when using Bearer auth". */
  function entityIdFor(url: URL, body: unknown, keyEntity: string): string {
    let entityId = url.searchParams.get('entityId');
    if (entityId === null && body && typeof body === 'object' && !Array.isArray(body)) {
      const fromBody = (body as Record<string, unknown>).entityId;
      if (typeof fromBody === 'string') entityId = fromBody;
    }
    if (!entityId) throw new EntityApiError(400, 'entityId is required');
    if (!UUID_PATTERN.test(entityId)) throw new EntityApiError(400, 'entityId must be a UUID');
    if (entityId.toLowerCase() !== keyEntity) {
      throw new EntityApiError(403, "entityId does not match the API key's entity");
    }
    return keyEntity;
  }

  function run(req: IncomingMessage, url: URL, apiPath: string, raw: string, key: string): EntityResult {
    const method = req.method ?? 'GET';
    const apiKey = state.apiKeys[key];
    if (!apiKey) throw new EntityApiError(401, 'Unauthorized');
    const decision = rateLimiter.take(`key:${key}`);
    if (!decision.allowed) {
      // Retry-After in seconds on the 429 (UNCONFIRMED: the seed documents no limits or headers).
      throw new EntityApiError(429, 'Too many requests', { 'Retry-After': String(decision.reset) });
    }
    const match = matchRoute(method, apiPath);
    if (!match) throw new EntityApiError(404, 'Not found');
    if ('allowed' in match) {
      throw new EntityApiError(405, 'Method not allowed', { Allow: match.allowed.join(', ') });
    }
    const body = method === 'GET' ? undefined : parseJson(req, raw);
    const entityId = entityIdFor(url, body, apiKey.entityId);
    const needed: EntityScope = method === 'GET' ? 'read:crm' : 'write:crm';
    if (!apiKey.scopes.includes(needed)) {
      throw new EntityApiError(403, `This API key lacks the ${needed} scope`);
    }
    return match.route.handler({ state, entityId, params: match.params, query: url.searchParams, body });
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const apiPath = url.pathname.slice(API_PREFIX.length);
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
    if (action?.kind === 'status') {
      return sendJson(res, action.status, { error: STATUS_CODES[action.status] ?? 'Error' });
    }
    if (action?.kind === 'garbage') return sendGarbage(res);
    if (action?.kind === 'hostile' && sendHostile(res, action.body)) return;
    if (action?.kind === 'rate-limit') {
      return sendJson(
        res,
        429,
        { error: 'Too many requests' },
        { 'Retry-After': String(action.resetSeconds) },
      );
    }

    let result: EntityResult & { headers?: Record<string, string> };
    const key = bearerKey(req.headers.authorization);
    try {
      result = key
        ? run(req, url, apiPath, raw, key)
        : { status: 401, body: { error: 'Unauthorized' }, headers: { 'WWW-Authenticate': 'Bearer' } };
    } catch (error) {
      if (!(error instanceof EntityApiError)) throw error;
      result = { status: error.status, body: { error: error.message }, headers: error.headers };
    }
    if (action?.kind === 'drop-after-commit') {
      // The handler ran (a write is stored) but the client never hears back: "outcome unknown".
      dropAfterCommit(req);
      return;
    }
    sendJson(res, result.status ?? 200, result.body, result.headers ?? {});
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname.startsWith(API_PREFIX)) return handleApi(req, res, url);
    if (url.pathname.startsWith(PAGE_PREFIX)) {
      const id = decodeURIComponent(url.pathname.slice(PAGE_PREFIX.length).replace(/\/$/, ''));
      const html =
        req.method === 'GET' || req.method === 'HEAD' ? renderEntityContactPage(state, id) : undefined;
      if (html) return sendHtml(res, 200, html);
      return sendHtml(res, 404, '<!doctype html><title>Not found</title><h1>Contact not found</h1>');
    }
    sendJson(res, 404, { error: 'Not found' });
  }

  return {
    prefix: ENTITY_PREFIX,
    handle,
    state,
    faults,
    requests,
    rateLimiter,
    reset() {
      Object.assign(state, createEntityCrmState());
      faults.clear();
      requests.length = 0;
      rateLimiter.reset();
    },
  };
}
