import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RecordedApiRequest } from '../conformance/harness';

/** Small node:http helpers shared by the API, the control routes and the pages. */

const MAX_BODY_BYTES = 1_000_000;

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text ? { 'Content-Type': 'application/json' } : {}),
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
  });
  res.end(html);
}

/** `application/json`, optionally with parameters such as `; charset=utf-8`. */
export function isJsonContentType(value: string | undefined): boolean {
  return value?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** Parsed JSON, the raw text when it does not parse, or undefined for an empty body (for the request log). */
export function bodyForLog(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function sleep(ms: number): Promise<void> {
  // unref: a pending injected delay must not keep a finished test run alive.
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** A 200 whose JSON is cut off mid-way, as a broken proxy or a half-deployed server sends. */
export function sendGarbage(res: ServerResponse): void {
  const text = '{"data": [{"id": "trunc';
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * The write is stored, then the connection dies mid-answer: the status line goes out, nothing else.
 * Dying before any byte of the answer would be the other case, and a browser resends a request by
 * itself when a reused keep-alive connection closes before answering (Chromium does; the soak caught
 * it as twins 3 ms apart). No client can tell that resend from the first try: only the CRM could,
 * with an idempotency key. So the sandbox models the lost answer, the case a client can handle.
 */
export function dropAfterCommit(req: IncomingMessage): void {
  req.socket.write('HTTP/1.1 200 OK\r\n');
  req.socket.destroy();
}

/** A request as the sandbox APIs log it for tests: header values flattened, the body parsed when JSON. */
export function recordOf(req: IncomingMessage, url: URL, raw: string): RecordedApiRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    body: bodyForLog(raw),
    headers,
  };
}
