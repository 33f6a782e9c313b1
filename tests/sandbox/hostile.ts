import type { ServerResponse } from 'node:http';

/**
 * Hostile answers for the `hostile` fault kind: what a broken, compromised or impostor CRM could send.
 * Some replace the answer outright (pages, empty, huge, deep, slow); the rest take the API's real answer
 * and corrupt it (wrong types, missing fields, nulls, cut in half, giant strings, wrong content type), so
 * each adapter meets a body shaped almost like the one it expects.
 */

export const HOSTILE_BODIES = [
  'wrong-types',
  'missing-fields',
  'nulls',
  'truncated',
  'huge-strings',
  'wrong-content-type',
  'empty',
  'scalar',
  'huge-declared',
  'huge-chunked',
  'deep-arrays',
  'deep-objects',
  'html-200',
  'html-500',
  'long-error',
  'slow-body',
] as const;
export type HostileBody = (typeof HOSTILE_BODIES)[number];

/** Past Ringside's 5 MB cap on a CRM answer. */
const HUGE_BYTES = 6 * 1024 * 1024;
const DEPTH = 100_000;
const HTML_PAGE =
  '<!doctype html><html><head><title>Sign in</title></head><body><h1>Please sign in</h1>' +
  '<form method="post"><input name="password" type="password"></form></body></html>';

function write(res: ServerResponse, status: number, contentType: string, text: string): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Sends `total` bytes of one JSON string value in 64 kB chunks without a Content-Length (chunked). */
function sendChunked(res: ServerResponse, total: number): void {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.on('error', () => undefined);
  const chunk = Buffer.alloc(64 * 1024, 'x');
  res.write('{"data":"');
  let sent = 0;
  const pump = () => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end('"}');
  };
  pump();
}

/** Headers, then a byte now and then, never the end: a server that holds the request open. */
function sendSlowly(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.write('{"data":[');
  const timer = setInterval(() => {
    if (res.destroyed) clearInterval(timer);
    else res.write(' ');
  }, 100).unref();
  res.on('close', () => clearInterval(timer));
}

function mapLeaves(value: unknown, leaf: (value: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => mapLeaves(item, leaf));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapLeaves(item, leaf)]));
  }
  return leaf(value);
}

/** Every other field gone, at every level (the first one kept, so lists stay lists of objects). */
function dropFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropFields);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter((_, index) => index % 2 === 1)
        .map(([key, item]) => [key, dropFields(item)]),
    );
  }
  return value;
}

const swapType = (value: unknown): unknown => {
  if (typeof value === 'string') return value.length;
  if (typeof value === 'number') return `${value} units`;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return 0;
};

/** The corrupted text for one real JSON answer, and the content type to send it with. */
function corrupt(kind: HostileBody, text: string): { text: string; contentType: string } {
  const json = 'application/json';
  if (kind === 'truncated') return { text: text.slice(0, Math.floor(text.length / 2)), contentType: json };
  if (kind === 'wrong-content-type') return { text, contentType: 'text/html; charset=utf-8' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { text, contentType: json };
  }
  if (kind === 'wrong-types') value = mapLeaves(value, swapType);
  else if (kind === 'missing-fields') value = dropFields(value);
  else if (kind === 'nulls') value = mapLeaves(value, () => null);
  else if (kind === 'huge-strings') {
    // The first string becomes 6 MB (one is enough to pass the cap; all of them would be gigabytes).
    let done = false;
    value = mapLeaves(value, (leaf) => {
      if (done || typeof leaf !== 'string') return leaf;
      done = true;
      return 'A'.repeat(HUGE_BYTES);
    });
  }
  return { text: JSON.stringify(value), contentType: json };
}

/**
 * Corrupts the API's own 2xx JSON answer on its way out: `writeHead` and `end` of this one response are
 * intercepted (every sandbox API answers with exactly those two calls).
 */
function corruptAnswer(res: ServerResponse, kind: HostileBody): void {
  const writeHead = res.writeHead.bind(res) as (status: number, headers: Record<string, string>) => void;
  const end = res.end.bind(res) as (text?: string) => void;
  let status = 200;
  let headers: Record<string, string> = {};
  res.writeHead = ((code: number, ...rest: unknown[]) => {
    status = code;
    const given = rest.find((item) => item && typeof item === 'object');
    headers = { ...(given as Record<string, string> | undefined) };
    return res;
  }) as typeof res.writeHead;
  res.end = ((chunk?: unknown) => {
    const text = chunk === undefined ? '' : String(chunk);
    if (status < 200 || status >= 300 || !text) {
      writeHead(status, headers);
      end(text);
      return res;
    }
    const corrupted = corrupt(kind, text);
    const kept = Object.fromEntries(
      Object.entries(headers).filter(([name]) => !/^content-(type|length)$/i.test(name)),
    );
    writeHead(status, {
      ...kept,
      'Content-Type': corrupted.contentType,
      'Content-Length': String(Buffer.byteLength(corrupted.text)),
    });
    end(corrupted.text);
    return res;
  }) as typeof res.end;
}

/**
 * Answers with a hostile body. Returns true when it answered; false when it only arranged to corrupt the
 * API's real answer, which the API then produces as usual.
 */
export function sendHostile(res: ServerResponse, kind: HostileBody): boolean {
  switch (kind) {
    case 'empty':
      write(res, 200, 'application/json', '');
      return true;
    case 'scalar':
      write(res, 200, 'application/json', '"ok"');
      return true;
    case 'huge-declared':
      write(res, 200, 'application/json', `{"data":"${'x'.repeat(HUGE_BYTES)}"}`);
      return true;
    case 'huge-chunked':
      sendChunked(res, HUGE_BYTES);
      return true;
    case 'deep-arrays':
      write(res, 200, 'application/json', `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`);
      return true;
    case 'deep-objects':
      write(res, 200, 'application/json', `${'{"a":'.repeat(DEPTH)}null${'}'.repeat(DEPTH)}`);
      return true;
    case 'html-200':
      write(res, 200, 'text/html; charset=utf-8', HTML_PAGE);
      return true;
    case 'html-500':
      write(
        res,
        500,
        'text/html; charset=utf-8',
        HTML_PAGE.replace('Please sign in', 'Internal Server Error'),
      );
      return true;
    case 'long-error': {
      // A 400 whose every usual error field is 100 kB: CRM text quoted in an error sentence must stay short.
      const long = `Refused: ${'x'.repeat(100_000)}`;
      const body = {
        error: long,
        error_description: long,
        errorMessage: long,
        message: long,
        errors: [long],
        'field-errors': { name: long },
      };
      write(res, 400, 'application/json', JSON.stringify(body));
      return true;
    }
    case 'slow-body':
      sendSlowly(res);
      return true;
    default:
      corruptAnswer(res, kind);
      return false;
  }
}
