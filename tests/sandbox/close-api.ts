import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import {
  createCall,
  createNote,
  deleteCall,
  deleteNote,
  getCall,
  getNote,
  listAllActivities,
  listCalls,
  listNotes,
  updateCall,
  updateNote,
} from './close-activities';
import { ApiError, type ApiResult, type Handler, notFound, validationError } from './close-http';
import { type CloseState, type CloseUser, findUser } from './close-model';
import {
  createContact,
  createCustomActivity,
  createLead,
  getContact,
  getCustomActivityType,
  getLead,
  getMe,
  getOutcome,
  getUser,
  listCustomActivityTypes,
  listLeads,
  listOutcomes,
  listUsers,
  updateContact,
} from './close-resources';
import { searchData } from './close-search';
import type { Faults } from './faults';
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
import { type RateLimiter, rateLimitBody, rateLimitHeader } from './rate-limit';

/** The Close API v1 imitation mounted at /api/v1/: auth, routing, rate limits, faults, then the handlers. */

export const API_PREFIX = '/api/v1/';

export interface RecordedRequest {
  method: string;
  /** Full path, e.g. '/api/v1/activity/call/'. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON, the raw text when it is not JSON, undefined without a body. */
  body: unknown;
  /** Header values as received (lower-case names). */
  headers: Record<string, string>;
  /** Whether the request carried a known API key. */
  authorized: boolean;
}

interface Route {
  method: string;
  /** Close's path template, also the rate-limit endpoint group. */
  template: string;
  pattern: RegExp;
  handler: Handler;
}

function route(method: string, template: string, handler: Handler): Route {
  const pattern = new RegExp(`^${template.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`);
  return { method, template, pattern, handler };
}

const ROUTES: Route[] = [
  route('GET', 'me/', getMe),
  route('GET', 'user/', listUsers),
  route('GET', 'user/{id}/', getUser),
  route('GET', 'lead/', listLeads),
  route('POST', 'lead/', createLead),
  route('GET', 'lead/{id}/', getLead),
  route('POST', 'contact/', createContact),
  route('GET', 'contact/{id}/', getContact),
  route('PUT', 'contact/{id}/', updateContact),
  route('POST', 'data/search/', searchData),
  route('GET', 'activity/', listAllActivities),
  route('GET', 'activity/call/', listCalls),
  route('POST', 'activity/call/', createCall),
  route('GET', 'activity/call/{id}/', getCall),
  route('PUT', 'activity/call/{id}/', updateCall),
  route('DELETE', 'activity/call/{id}/', deleteCall),
  route('GET', 'activity/note/', listNotes),
  route('POST', 'activity/note/', createNote),
  route('GET', 'activity/note/{id}/', getNote),
  route('PUT', 'activity/note/{id}/', updateNote),
  route('DELETE', 'activity/note/{id}/', deleteNote),
  route('POST', 'activity/custom/', createCustomActivity),
  route('GET', 'outcome/', listOutcomes),
  route('GET', 'outcome/{id}/', getOutcome),
  route('GET', 'custom_activity/', listCustomActivityTypes),
  route('GET', 'custom_activity/{id}/', getCustomActivityType),
];

/**
 * The API key from `Authorization: Basic base64("<key>:")`. The password is ignored. Bearer (OAuth) tokens
 * are not accepted: the sandbox issues API keys only.
 */
function apiKeyFrom(header: string | undefined): string | undefined {
  const match = header?.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const key = colon === -1 ? decoded : decoded.slice(0, colon);
  return key || undefined;
}

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

export interface CloseApiDeps {
  state: CloseState;
  faults: Faults;
  requests: RecordedRequest[];
  rateLimiter: RateLimiter;
  /** The sandbox origin, for links to its lead pages. */
  appOrigin: () => string;
}

export function createCloseApi(deps: CloseApiDeps) {
  const { state, faults, requests, rateLimiter } = deps;

  function parseJsonBody(req: IncomingMessage, raw: string): unknown {
    if (!isJsonContentType(req.headers['content-type'])) {
      throw new ApiError(415, { error: 'Unsupported Media Type: send application/json' });
    }
    try {
      return JSON.parse(raw);
    } catch {
      throw validationError({}, ['Request body is not valid JSON.']);
    }
  }

  /** Per key and per organization (3× the key's limit), per endpoint group. */
  function takeToken(key: string, group: string): { headers: Record<string, string> } {
    const perKey = rateLimiter.take(`key:${key}:${group}`);
    const perOrg = perKey.allowed ? rateLimiter.take(`org:${state.organization.id}:${group}`, 3) : perKey;
    const denied = !perKey.allowed ? perKey : !perOrg.allowed ? perOrg : undefined;
    if (denied) {
      throw new ApiError(429, rateLimitBody(denied.reset), { RateLimit: rateLimitHeader(denied) });
    }
    return { headers: { RateLimit: rateLimitHeader(perKey) } };
  }

  function run(
    req: IncomingMessage,
    url: URL,
    apiPath: string,
    raw: string,
    user: CloseUser,
    key: string,
  ): ApiResult & { headers: Record<string, string> } {
    const method = req.method ?? 'GET';
    const match = matchRoute(method, apiPath);
    if (!match) {
      // No redirect from /me to /me/: Close's paths all end with a slash and a client that drops it gets a
      // 404, which is exactly what bites real integrations.
      throw notFound();
    }
    if ('allowed' in match) {
      throw new ApiError(405, { error: 'Method not allowed' }, { Allow: match.allowed.join(', ') });
    }
    const { headers } = takeToken(key, `${method} /${match.route.template}`);
    try {
      const body = method === 'POST' || method === 'PUT' ? parseJsonBody(req, raw) : undefined;
      const result = match.route.handler({
        state,
        user,
        params: match.params,
        query: url.searchParams,
        body,
        appOrigin: deps.appOrigin(),
      });
      return { ...result, headers };
    } catch (error) {
      if (error instanceof ApiError) {
        throw new ApiError(error.status, error.body, { ...headers, ...error.headers });
      }
      throw error;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const apiPath = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : '';
    let raw: string;
    try {
      raw = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendJson(res, 413, { error: 'Request body too large' });
      throw error;
    }
    const key = apiKeyFrom(req.headers.authorization);
    const userId = key ? state.apiKeys[key] : undefined;
    const user = userId ? findUser(state, userId) : undefined;
    requests.push({ ...recordOf(req, url, raw), authorized: Boolean(user) });

    // Faults come first: they stand for the network and load balancer, which know nothing of keys.
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
      const header = rateLimitHeader({
        limit: rateLimiter.config.limit,
        remaining: 0,
        reset: action.resetSeconds,
      });
      return sendJson(res, 429, rateLimitBody(action.resetSeconds), { RateLimit: header });
    }

    let result: ApiResult & { headers: Record<string, string> };
    if (!user || !key) {
      // The 401 body is UNCONFIRMED for Close; clients should rely on the status alone.
      result = {
        status: 401,
        body: { error: 'Unauthorized' },
        headers: { 'WWW-Authenticate': 'Basic realm="api"' },
      };
    } else {
      try {
        result = run(req, url, apiPath, raw, user, key);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        result = { status: error.status, body: error.body, headers: error.headers };
      }
    }
    if (action?.kind === 'drop-after-commit') {
      // The handler ran (a write is stored) but the client never hears back: "outcome unknown".
      dropAfterCommit(req);
      return;
    }
    sendJson(res, result.status ?? 200, result.body, result.headers);
  }

  return { handle };
}
