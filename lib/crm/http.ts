import ky, { HTTPError, type KyInstance, TimeoutError } from 'ky';
import type { z } from 'zod';
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
}

/** One ky instance per connection. No automatic retries: retrying is the caller's decision, made on `kind`. */
export function createHttp(options: HttpOptions): KyInstance {
  return ky.create({
    prefixUrl: options.baseUrl,
    headers: { Accept: 'application/json', ...options.headers },
    timeout: options.timeoutMs ?? 15_000,
    retry: 0,
    credentials: 'omit',
    redirect: options.redirect ?? 'error',
  });
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
  let body: unknown;
  try {
    body = response.status === 204 ? null : await response.json();
  } catch {
    throw new CrmError({
      kind: 'invalid-response',
      message: `${label} sent a response Ringside could not read.`,
    });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new CrmError({
      kind: 'invalid-response',
      message: `${label} sent a response Ringside could not read (${parsed.error.issues[0]?.path.join('.') || 'body'}).`,
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
      message: `${label} did not answer in time. Try again in a moment.`,
    });
  }
  if (error instanceof HTTPError) {
    const { status, headers } = error.response;
    const body = await readJson(error.response);
    if (status === 401) {
      return new CrmError({
        kind: 'auth',
        message: `${label} rejected the API key. Check that it was copied in full and has not been revoked.`,
      });
    }
    if (status === 403) {
      return new CrmError({
        kind: 'permission',
        message: `${label} does not allow this API key to do that.`,
      });
    }
    if (status === 404)
      return new CrmError({ kind: 'not-found', message: `${label} could not find that record.` });
    if (status === 429) {
      const retryAfterMs = retryAfterMsFrom(headers, body) ?? 1000;
      return new CrmError({
        kind: 'rate-limited',
        retryAfterMs,
        message: `${label} is limiting how fast Ringside may call it. Try again in ${Math.ceil(retryAfterMs / 1000)} s.`,
      });
    }
    if (status >= 500) {
      const retryAfterMs = retryAfterMsFrom(headers, body);
      return new CrmError({
        kind: 'unavailable',
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        message: `${label} is unavailable right now (HTTP ${status}). Try again in a few minutes.`,
      });
    }
    const fieldErrors = describeValidation(body);
    const detail = fieldErrors ? Object.entries(fieldErrors).map(([field, text]) => `${field}: ${text}`) : [];
    return new CrmError({
      kind: 'validation',
      message: `${label} refused the request (HTTP ${status})${detail.length ? `: ${detail.join('; ')}` : '.'}`,
      ...(fieldErrors ? { fieldErrors } : {}),
    });
  }
  // fetch rejects with a TypeError when the host cannot be reached (DNS, refused, dropped, CORS).
  return new CrmError({
    kind: 'network',
    message: `Ringside could not reach ${label}. Check your internet connection and the API URL.`,
  });
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.clone().json();
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
