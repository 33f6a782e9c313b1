import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderId } from '../../lib/crm/adapter';
import type { SandboxApi, SandboxHandle } from '../conformance/harness';
import { API_PREFIX, createCloseApi, type RecordedRequest } from './close-api';
import type { CloseState } from './close-model';
import { Faults, faultRuleSchema } from './faults';
import { bodyForLog, readBody, sendHtml, sendJson } from './http-io';
import { escapeHtml, renderIndexPage, renderLeadListPage, renderLeadPage } from './pages';
import { renderCardsPage, renderDetectionPage, renderReactListPage } from './pages-detect';
import { mountProviderApis } from './providers';
import { DEFAULT_RATE_LIMIT, type RateLimitConfig, RateLimiter } from './rate-limit';
import { createCloseState } from './seed';

/**
 * The sandbox CRM: one node:http server with the Close API under /api/v1/, sample CRM pages, and control
 * routes under /__sandbox/ (faults, reset, request log) for tests that drive it over HTTP.
 */

export type { RecordedRequest } from './close-api';
export type { FaultKind, FaultRule } from './faults';
export { Faults } from './faults';
export type { RateLimitConfig } from './rate-limit';
export type { CloseState } from './seed';

export interface SandboxOptions {
  /** 0 = a free port (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Token bucket per key and endpoint group; default 100 requests per 1 second. */
  rateLimit?: RateLimitConfig;
}

export interface Sandbox extends SandboxHandle {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  /** `${url}/api/v1/`, the "API URL" for Ringside's options. */
  closeApiUrl: string;
  /** The live in-memory data; reset() refills this same object. */
  state: CloseState;
  faults: Faults;
  /** Every Close API request received, in order. */
  requests: RecordedRequest[];
  /** Re-seeds the data, clears faults, recorded requests and rate-limit buckets, of every API. */
  reset(): void;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const state = createCloseState();
  const faults = new Faults();
  const requests: RecordedRequest[] = [];
  const rateLimiter = new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  let origin = '';
  const closeApi = createCloseApi({ state, faults, requests, rateLimiter, appOrigin: () => origin });
  const mounted = mountProviderApis(() => origin);
  const closeAsApi: SandboxApi<CloseState> = {
    prefix: API_PREFIX,
    handle: closeApi.handle,
    reset: () => reset(),
    state,
    faults,
    requests,
  };
  const api = (provider: ProviderId): SandboxApi => (provider === 'close' ? closeAsApi : mounted[provider]);

  function reset(): void {
    Object.assign(state, createCloseState());
    faults.clear();
    requests.length = 0;
    rateLimiter.reset();
    for (const other of Object.values(mounted)) other.reset();
  }

  async function control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    if (path === '/__sandbox/faults') {
      if (method === 'GET') return sendJson(res, 200, { rules: faults.rules, injected: faults.injected });
      if (method === 'DELETE') {
        faults.clear();
        return sendJson(res, 204, undefined);
      }
      if (method === 'POST') {
        const parsed = faultRuleSchema.safeParse(bodyForLog(await readBody(req)));
        if (!parsed.success)
          return sendJson(res, 400, { error: 'Invalid fault rule', issues: parsed.error.issues });
        faults.add(parsed.data);
        return sendJson(res, 201, { rules: faults.rules });
      }
    } else if (path === '/__sandbox/reset' && method === 'POST') {
      reset();
      return sendJson(res, 204, undefined);
    } else if (path === '/__sandbox/requests' && method === 'GET') {
      return sendJson(res, 200, { requests });
    } else {
      return sendJson(res, 404, { error: 'Not found' });
    }
    sendJson(res, 405, { error: 'Method not allowed' });
  }

  /** A page's status and HTML, or a redirect to the canonical trailing-slash URL (as Close's web app does). */
  function page(method: string, path: string): { status: number; html: string } | { location: string } {
    if (method !== 'GET' && method !== 'HEAD') return { status: 405, html: '<h1>Method not allowed</h1>' };
    if (path === '/') return { status: 200, html: renderIndexPage(state, origin) };
    // No icon, and no 404 in the console of every sample page.
    if (path === '/favicon.ico') return { status: 204, html: '' };
    if (path === '/leads/') return { status: 200, html: renderLeadListPage(state) };
    if (path === '/leads') return { location: '/leads/' };
    // Detection benchmark pages and a page that keeps re-rendering its rows like a React list.
    const detect = path.match(/^\/detect\/(2000|8000)\/$/);
    if (detect?.[1]) return { status: 200, html: renderDetectionPage(Number(detect[1])).html };
    if (path === '/react-list/') return { status: 200, html: renderReactListPage() };
    if (path === '/cards/') return { status: 200, html: renderCardsPage() };
    const lead = path.match(/^\/lead\/([^/]+)(\/?)$/);
    if (lead?.[1]) {
      if (!lead[2]) return { location: `${path}/` };
      const html = renderLeadPage(state, decodeURIComponent(lead[1]));
      if (html) return { status: 200, html };
    }
    return { status: 404, html: `<h1>Not found</h1><p>${escapeHtml(path)}</p>` };
  }

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin || 'http://localhost');
    if (url.pathname === '/api/v1' || url.pathname.startsWith(API_PREFIX))
      return closeApi.handle(req, res, url);
    if (url.pathname.startsWith('/__sandbox/')) return control(req, res, url.pathname);
    const other = Object.values(mounted).find((candidate) => url.pathname.startsWith(candidate.prefix));
    if (other) return other.handle(req, res, url);
    const result = page(req.method ?? 'GET', url.pathname);
    if ('location' in result) {
      res.writeHead(301, { Location: result.location });
      res.end();
    } else sendHtml(res, result.status, result.html);
  }

  const server = createServer((req, res) => {
    dispatch(req, res).catch((error: unknown) => {
      console.error('[sandbox] request failed', error);
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal server error' });
      else res.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: origin,
    closeApiUrl: `${origin}${API_PREFIX}`,
    state,
    faults,
    requests,
    reset,
    api,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
