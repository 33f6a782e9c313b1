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
  sleep,
} from '../http-io';
import { escapeHtml } from '../pages';
import { type BullhornState, CORP_TOKEN, createBullhornState, ENTITY_NAMES, type Row } from './model';
import { authorize, login, loginInfo, OLD_DATA_CENTER, oauthDone, PREFIX, token } from './oauth';
import { bhError, type Context, htmlPage, type Reply, ReplyError, send } from './reply';
import { routeRest } from './rest';

/**
 * The Bullhorn REST API imitation, mounted at /bullhorn/:
 * - /bullhorn/rest-services/loginInfo, /bullhorn/oauth/{authorize,token,done}, /bullhorn/rest-services/login
 * - /bullhorn/rest-services/rsb1/... (the restUrl): BhRestToken required (412 without, 401 when bad/expired),
 *   ratelimit-* headers, 429 past `state.rateLimit`
 * - /bullhorn/dc-old/... answers 307 to the same path without dc-old/ (a retired data center)
 * - /bullhorn/record/{Entity}/{id}: the HTML page deep links open.
 * Faults apply to the API and OAuth routes; a rule's `path` is relative to restUrl for REST calls
 * ('entity/Note', 'search/Candidate') and otherwise one of 'loginInfo', 'login', 'oauth/authorize', 'oauth/token'.
 */

export { BULLHORN_DEMO, BULLHORN_SEEDED, BULLHORN_USERS, type BullhornState } from './model';

const REST_PREFIX = `rest-services/${CORP_TOKEN}/`;

/** BhRestToken as header (any case), query parameter or cookie ([B-DOC] _authorization.md). */
function restTokenOf(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers.bhresttoken;
  if (typeof header === 'string' && header) return header;
  const query = url.searchParams.get('BhRestToken');
  if (query) return query;
  const cookie = req.headers.cookie?.match(/(?:^|;\s*)BhRestToken=([^;]+)/i)?.[1];
  return cookie ? decodeURIComponent(cookie) : undefined;
}

function recordPage(state: BullhornState, entityRaw: string, idRaw: string): Reply {
  const entity = ENTITY_NAMES.find((name) => name === entityRaw);
  const row: Row | undefined = entity ? state.entities[entity].get(Number(idRaw)) : undefined;
  if (!entity || !row) return { status: 404, html: htmlPage('Not found', '<h1>Record not found</h1>') };
  const rows = Object.entries(row)
    .map(([name, value]) => {
      const shown = value && typeof value === 'object' ? JSON.stringify(value) : String(value ?? '');
      return `<tr><th>${escapeHtml(name)}</th><td data-field="${escapeHtml(name)}">${escapeHtml(shown)}</td></tr>`;
    })
    .join('');
  const title = String(row.name ?? `${entity} ${row.id}`);
  return {
    status: 200,
    html: htmlPage(
      `${title} - Bullhorn sandbox`,
      `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(entity)} #${row.id}${row.isDeleted ? ' (deleted)' : ''}</p><table>${rows}</table>`,
    ),
  };
}

export function createBullhornApi(options: { origin: () => string }): SandboxApi<BullhornState> {
  const state = createBullhornState();
  const faults = new Faults();
  const requests: RecordedApiRequest[] = [];

  /** Fixed window per BhRestToken; reset in whole seconds (the unit is UNCONFIRMED). */
  function takeRate(key: string): { allowed: boolean; headers: Record<string, string> } {
    const now = state.now();
    const { limit, windowMs } = state.rateLimit;
    let window = state.rateWindows.get(key);
    if (!window || now - window.start >= windowMs) {
      window = { start: now, count: 0 };
      state.rateWindows.set(key, window);
    }
    window.count += 1;
    const reset = Math.max(1, Math.ceil((window.start + windowMs - now) / 1000));
    const headers = {
      'ratelimit-limit': String(limit),
      'ratelimit-remaining': String(Math.max(0, limit - window.count)),
      'ratelimit-reset': String(reset),
    };
    return { allowed: window.count <= limit, headers };
  }

  function rest(context: Context, req: IncomingMessage, path: string): Reply {
    const bhRestToken = restTokenOf(req, context.url);
    if (!bhRestToken) {
      throw bhError(
        412,
        'Missing BhRestToken: log in and send it as a header, parameter or cookie.',
        'errors.missingRestToken',
      );
    }
    const session = state.sessions.get(bhRestToken);
    if (!session || session.expiresAt <= state.now()) {
      throw bhError(401, "Bad 'BhRestToken' or timed-out.", 'errors.authentication.invalidRestToken');
    }
    const rate = takeRate(bhRestToken);
    if (!rate.allowed) {
      return {
        status: 429,
        json: { errorMessage: 'Too many requests. Wait 1 second and try again.', errorCode: 429 },
        headers: { ...rate.headers, 'ratelimit-remaining': '0' },
      };
    }
    const user = state.apiUsers.find((candidate) => candidate.username === session.username);
    try {
      const reply = routeRest({ ...context, ...(user ? { user } : {}) }, path, session.expiresAt, () =>
        state.sessions.delete(bhRestToken),
      );
      return { ...reply, headers: { ...rate.headers, ...reply.headers } };
    } catch (error) {
      if (error instanceof ReplyError) {
        throw new ReplyError({ ...error.reply, headers: { ...rate.headers, ...error.reply.headers } });
      }
      throw error;
    }
  }

  function route(context: Context, req: IncomingMessage, sub: string): Reply {
    const { method } = context;
    if (sub.startsWith(REST_PREFIX)) return rest(context, req, sub.slice(REST_PREFIX.length));
    if (sub === 'rest-services/loginInfo' && method === 'GET') return loginInfo(context);
    if (sub === 'rest-services/login' && (method === 'GET' || method === 'POST')) return login(context);
    if (sub === 'oauth/authorize' && (method === 'GET' || method === 'POST')) return authorize(context);
    if (sub === 'oauth/token' && method === 'POST') return token(context);
    throw bhError(404, `No such resource: ${sub}`, 'errors.notFound');
  }

  function faultPath(sub: string): string {
    if (sub.startsWith(REST_PREFIX)) return sub.slice(REST_PREFIX.length);
    return sub.replace(/^rest-services\//, '');
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const sub = url.pathname.startsWith(PREFIX) ? url.pathname.slice(PREFIX.length) : '';
    let raw: string;
    try {
      raw = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        return send(res, { status: 413, json: { errorMessage: 'Request body too large', errorCode: 413 } });
      throw error;
    }
    requests.push(recordOf(req, url, raw));
    const origin = options.origin();

    // Pages and the retired data center's redirect are not API routes: no faults.
    const page = /^record\/([^/]+)\/([^/]+)$/.exec(sub);
    if (page && method === 'GET') {
      return send(
        res,
        recordPage(state, decodeURIComponent(page[1] ?? ''), decodeURIComponent(page[2] ?? '')),
      );
    }
    if (sub === 'oauth/done' && method === 'GET') return send(res, oauthDone());
    if (sub.startsWith(OLD_DATA_CENTER)) {
      const location = `${origin}${PREFIX}${sub.slice(OLD_DATA_CENTER.length)}${url.search}`;
      return send(res, { status: 307, headers: { Location: location } });
    }

    const fault = faults.decide(method, faultPath(sub));
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    const action = fault.action;
    if (action?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (action?.kind === 'garbage') return sendGarbage(res);
    if (action?.kind === 'hostile' && sendHostile(res, action.body)) return;
    if (action?.kind === 'status') {
      return send(res, {
        status: action.status,
        json: { errorMessage: STATUS_CODES[action.status] ?? 'Error', errorCode: action.status },
      });
    }
    if (action?.kind === 'rate-limit') {
      return send(res, {
        status: 429,
        json: { errorMessage: 'Too many requests. Wait 1 second and try again.', errorCode: 429 },
        headers: {
          'ratelimit-limit': String(state.rateLimit.limit),
          'ratelimit-remaining': '0',
          'ratelimit-reset': String(action.resetSeconds),
        },
      });
    }

    const params = new URLSearchParams(url.searchParams);
    let body: unknown;
    const contentType = req.headers['content-type'];
    if (raw && contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      for (const [name, value] of new URLSearchParams(raw)) if (!params.has(name)) params.set(name, value);
    } else if (raw) {
      if (
        !isJsonContentType(contentType) &&
        contentType !== undefined &&
        !contentType.startsWith('text/plain')
      ) {
        return send(res, { status: 415, json: { errorMessage: 'Unsupported media type', errorCode: 415 } });
      }
      try {
        body = JSON.parse(raw);
      } catch {
        return send(res, {
          status: 400,
          json: {
            errorMessage: 'Malformed JSON in request body.',
            errorMessageKey: 'errors.malformedJson',
            errorCode: 400,
          },
        });
      }
    }

    let reply: Reply;
    try {
      reply = route({ state, origin, method, url, params, body }, req, sub);
    } catch (error) {
      if (!(error instanceof ReplyError)) throw error;
      reply = error.reply;
    }
    if (action?.kind === 'drop-after-commit') {
      // The write is stored but the client never hears back: outcome unknown.
      dropAfterCommit(req);
      return;
    }
    send(res, reply);
  }

  function reset(): void {
    Object.assign(state, createBullhornState());
    faults.clear();
    requests.length = 0;
  }

  return { prefix: PREFIX, handle, reset, state, faults, requests };
}
