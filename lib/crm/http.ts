import ky, { type Hooks, HTTPError, type KyInstance, TimeoutError } from 'ky';
import type { z } from 'zod';
import { t } from '../i18n';
import { CrmError } from './errors';

export interface HttpOptions {
  /** Absolute base URL with a trailing slash; request paths are relative to it. */
  baseUrl: string;
  /** Shown in errors: "Close rejected the API key". */
  label: string;
  headers: Record<string, string>;
  timeoutMs?: number;
  /** Default 'error': a CRM API that redirects is not followed unless the adapter expects it (Bullhorn). */
  redirect?: RequestRedirect;
  /** Default MAX_RESPONSE_BYTES; larger only for an API that lists everything in one answer (Connect). */
  maxResponseBytes?: number;
}

/**
 * The largest answer Ringside reads from a CRM. A page of records is tens of kB; anything this big is a
 * broken or hostile server, and reading it would stall the service worker.
 */
export const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 15_000;

/** One ky instance per connection. No automatic retries: retrying is the caller's decision, made on `kind`. */
export function createHttp(options: HttpOptions): KyInstance {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return ky.create({
    prefixUrl: options.baseUrl,
    headers: { Accept: 'application/json', ...options.headers },
    timeout: timeoutMs,
    retry: 0,
    credentials: 'omit',
    redirect: options.redirect ?? 'error',
    hooks: guardedResponses(options.label, timeoutMs, options.maxResponseBytes),
  });
}

function tooLarge(label: string, maxBytes: number): CrmError {
  return new CrmError({
    kind: 'invalid-response',
    message: t('http_tooLarge', label, Math.round(maxBytes / 1024 / 1024)),
  });
}

/**
 * ky hooks that cap every response: a declared Content-Length over the cap is refused before any byte is
 * read, and the body itself is counted as it streams (a server may send no length, or lie). ky's timeout
 * ends when the headers arrive, so the body also gets `timeoutMs` to finish: a server that trickles bytes
 * forever cannot hold a request open.
 */
export function guardedResponses(label: string, timeoutMs: number, maxBytes = MAX_RESPONSE_BYTES): Hooks {
  return {
    afterResponse: [(_request, _options, response) => guardResponse(response, label, timeoutMs, maxBytes)],
  };
}

/** The same response, its body capped at `maxBytes` and due within `timeoutMs`. */
export function guardResponse(
  response: Response,
  label: string,
  timeoutMs: number,
  maxBytes = MAX_RESPONSE_BYTES,
): Response {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    void response.body?.cancel().catch(() => undefined);
    throw tooLarge(label, maxBytes);
  }
  const source = response.body;
  if (!source || [101, 204, 205, 304].includes(response.status)) return response;
  const reader = source.getReader();
  const deadline = Date.now() + timeoutMs;
  let received = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new CrmError({
                kind: 'timeout',
                message: t('http_bodyTimeout', label),
              }),
            ),
          Math.max(0, deadline - Date.now()),
        );
      });
      try {
        const chunk = await Promise.race([reader.read(), late]);
        if (chunk.done) return controller.close();
        received += chunk.value.byteLength;
        if (received > maxBytes) throw tooLarge(label, maxBytes);
        controller.enqueue(chunk.value);
      } catch (error) {
        void reader.cancel().catch(() => undefined);
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/**
 * The body as text, read chunk by chunk so a cap or deadline error from `guardResponse` arrives as
 * itself (Response.text() would turn it into a generic TypeError in some engines).
 */
export async function readText(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, { stream: true });
  }
}

/** `application/json`, `text/json` and `application/<anything>+json`; absent counts as JSON. */
function isJsonType(contentType: string | null): boolean {
  if (!contentType) return true;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || type === 'text/json' || /^application\/[\w.+-]+\+json$/.test(type);
}

/** Runs one request and turns every failure into a CrmError with a sentence a recruiter understands. */
export async function request<T>(
  label: string,
  schema: z.ZodType<T>,
  send: () => Promise<Response>,
  describeValidation: (body: unknown) => Record<string, string> | undefined = () => undefined,
): Promise<T> {
  let response: Response;
  try {
    response = await send();
  } catch (error) {
    throw await toCrmError(label, error, describeValidation);
  }
  let body: unknown = null;
  if (response.status !== 204) {
    let text: string;
    try {
      text = await readText(response);
    } catch (error) {
      if (error instanceof CrmError) throw error;
      throw new CrmError({
        kind: 'invalid-response',
        message: t('http_unreadable', label),
      });
    }
    const contentType = response.headers.get('content-type');
    if (!isJsonType(contentType)) {
      // A login page, a proxy's error page or the CRM's web app at a wrong API URL: never parsed as data.
      throw new CrmError({
        kind: 'invalid-response',
        message: t('http_notData', label, String(contentType?.split(';')[0])),
      });
    }
    try {
      body = JSON.parse(text);
    } catch {
      throw new CrmError({
        kind: 'invalid-response',
        message: t('http_unreadable', label),
      });
    }
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new CrmError({
      kind: 'invalid-response',
      message: t('http_unreadableAt', label, parsed.error.issues[0]?.path.join('.') || 'body'),
    });
  }
  return parsed.data;
}

async function toCrmError(
  label: string,
  error: unknown,
  describeValidation: (body: unknown) => Record<string, string> | undefined,
): Promise<CrmError> {
  if (error instanceof CrmError) return error;
  if (error instanceof TimeoutError) {
    return new CrmError({
      kind: 'timeout',
      message: t('http_timeout', label),
    });
  }
  if (error instanceof HTTPError) {
    const { status, headers } = error.response;
    const body = await readJson(error.response);
    if (status === 401) {
      return new CrmError({
        kind: 'auth',
        message: t('http_auth', label),
      });
    }
    if (status === 403) {
      return new CrmError({
        kind: 'permission',
        message: t('http_permission', label),
      });
    }
    if (status === 404) return new CrmError({ kind: 'not-found', message: t('http_notFound', label) });
    if (status === 429) {
      const retryAfterMs = retryAfterMsFrom(headers, body) ?? 1000;
      return new CrmError({
        kind: 'rate-limited',
        retryAfterMs,
        message: t('http_rateLimited', label, Math.ceil(retryAfterMs / 1000)),
      });
    }
    if (status >= 500) {
      const retryAfterMs = retryAfterMsFrom(headers, body);
      return new CrmError({
        kind: 'unavailable',
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        message: t('http_unavailable', label, status),
      });
    }
    const fieldErrors = describeValidation(body);
    const detail = fieldErrors ? Object.entries(fieldErrors).map(([field, text]) => `${field}: ${text}`) : [];
    return new CrmError({
      kind: 'validation',
      message: detail.length
        ? t('http_refusedDetail', label, status, detail.join('; '))
        : t('http_refused', label, status),
      ...(fieldErrors ? { fieldErrors } : {}),
    });
  }
  // fetch rejects with a TypeError when the host cannot be reached (DNS, refused, dropped, CORS).
  return new CrmError({
    kind: 'network',
    message: t('http_network', label),
  });
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await readText(response.clone()));
  } catch {
    return undefined;
  }
}

/**
 * The wait a CRM asked for, in ms. Reads, in order: `RateLimit: limit=.., remaining=.., reset=N` (Close),
 * `Retry-After` (seconds or an HTTP date), `RateLimit-Reset` (seconds), and Close's older body
 * `{"error":{"rate_reset":N}}`.
 */
export function retryAfterMsFrom(headers: Headers, body: unknown, now = Date.now()): number | undefined {
  const structured = headers.get('ratelimit')?.match(/(?:^|[,;\s])reset=(\d+(?:\.\d+)?)/i);
  if (structured?.[1]) return secondsToMs(structured[1]);
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter.trim())) return secondsToMs(retryAfter.trim());
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = headers.get('ratelimit-reset');
  if (reset && /^\d+(\.\d+)?$/.test(reset.trim())) return secondsToMs(reset.trim());
  if (body && typeof body === 'object' && 'error' in body) {
    const inner = (body as { error: unknown }).error;
    if (inner && typeof inner === 'object' && 'rate_reset' in inner) {
      const value = (inner as { rate_reset: unknown }).rate_reset;
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return Math.ceil(value * 1000);
    }
  }
  return undefined;
}

function secondsToMs(seconds: string): number {
  return Math.ceil(Number(seconds) * 1000);
}
