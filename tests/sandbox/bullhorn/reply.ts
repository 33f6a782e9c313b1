import type { ServerResponse } from 'node:http';
import { escapeHtml } from '../pages';
import type { ApiUser, BullhornState } from './model';

/** What a Bullhorn sandbox handler gets and gives back. */

export interface Context {
  state: BullhornState;
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  method: string;
  url: URL;
  /** Query parameters, plus form fields of an urlencoded body. */
  params: URLSearchParams;
  /** Parsed JSON body, undefined without one. */
  body: unknown;
  /** The API user behind the BhRestToken (REST routes only). */
  user?: ApiUser;
}

export interface Reply {
  status: number;
  json?: unknown;
  html?: string;
  headers?: Record<string, string>;
}

/** Thrown by handlers; becomes the reply. */
export class ReplyError extends Error {
  constructor(readonly reply: Reply) {
    super(`HTTP ${reply.status}`);
  }
}

/** Bullhorn's error body: `{"errorMessage","errorMessageKey","errorCode"}` ([B-PHP] mocks, [B-MCP]). */
export function bhError(
  status: number,
  errorMessage: string,
  errorMessageKey?: string,
  extra = {},
): ReplyError {
  return new ReplyError({
    status,
    json: { errorMessage, ...(errorMessageKey ? { errorMessageKey } : {}), errorCode: status, ...extra },
  });
}

export function htmlPage(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

export function send(res: ServerResponse, reply: Reply): void {
  const headers = { ...reply.headers };
  let text = '';
  if (reply.html !== undefined) {
    text = reply.html;
    headers['Content-Type'] = 'text/html; charset=utf-8';
  } else if (reply.json !== undefined) {
    text = JSON.stringify(reply.json);
    headers['Content-Type'] = 'application/json;charset=UTF-8';
  }
  headers['Content-Length'] = String(Buffer.byteLength(text));
  res.writeHead(reply.status, headers);
  res.end(text);
}
