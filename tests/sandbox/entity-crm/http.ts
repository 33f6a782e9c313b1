import type { EntityCrmState } from './model';
import { UUID_PATTERN } from './model';

/** The Entity CRM API's HTTP conventions: handler shape, `{"error": "..."}` bodies, page/pageSize paging. */

export interface EntityContext {
  state: EntityCrmState;
  /** The entity the request is for (already checked against the key). */
  entityId: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body, undefined without one. */
  body: unknown;
}

export interface EntityResult {
  status?: number;
  body: unknown;
}

export type EntityHandler = (context: EntityContext) => EntityResult;

/** Thrown by handlers; the router answers `{"error": message}` (the one error shape the seed documents). */
export class EntityApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new EntityApiError(400, message);
export const notFound = (what: string) => new EntityApiError(404, `${what} not found`);

export function bodyObject(context: EntityContext): Record<string, unknown> {
  const { body } = context;
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('Request body must be a JSON object');
  return body as Record<string, unknown>;
}

export function uuidParam(context: EntityContext, name: string, what: string): string {
  const value = context.params[name] ?? '';
  if (!UUID_PATTERN.test(value)) throw badRequest(`Invalid ${what} id`);
  return value.toLowerCase();
}

/** A UUID query filter, or undefined when absent. */
export function uuidQuery(context: EntityContext, name: string): string | undefined {
  const value = context.query.get(name);
  if (value === null || value === '') return undefined;
  if (!UUID_PATTERN.test(value)) throw badRequest(`${name} must be a UUID`);
  return value.toLowerCase();
}

interface TextOptions {
  max: number;
  required?: boolean;
}

/** A string field: undefined when absent, null when sent as null (and not required). */
export function text(
  body: Record<string, unknown>,
  field: string,
  options: TextOptions,
): string | null | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    if (options.required) throw badRequest(`${field} is required`);
    return value as null | undefined;
  }
  if (typeof value !== 'string') throw badRequest(`${field} must be a string`);
  const trimmed = value.trim();
  if (options.required && !trimmed) throw badRequest(`${field} is required`);
  if (trimmed.length > options.max) throw badRequest(`${field} must be at most ${options.max} characters`);
  return trimmed;
}

export function oneOf<T extends string>(
  body: Record<string, unknown>,
  field: string,
  allowed: readonly T[],
): T | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw badRequest(`${field} must be one of: ${allowed.join(', ')}`);
  }
  return value as T;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/**
 * `page` (1-based; the seed's companies list documents "1 <= value") and `pageSize` (name UNCONFIRMED, max 200
 * UNCONFIRMED). The seed's "Legacy: caps page size when page omitted" is read as `limit`.
 */
export function paging(query: URLSearchParams): { page: number; pageSize: number } {
  const integer = (name: string, min: number, max: number): number | undefined => {
    const raw = query.get(name);
    if (raw === null || raw === '') return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw badRequest(`${name} must be an integer between ${min} and ${max}`);
    }
    return value;
  };
  const page = integer('page', 1, 1_000_000);
  const pageSize = integer('pageSize', 1, MAX_PAGE_SIZE);
  const limit = integer('limit', 1, 10_000);
  if (page === undefined && pageSize === undefined && limit !== undefined) {
    return { page: 1, pageSize: Math.min(limit, MAX_PAGE_SIZE) };
  }
  return { page: page ?? 1, pageSize: pageSize ?? DEFAULT_PAGE_SIZE };
}

/** One page under `key`, with `page`, `pageSize`, `total` and `nextPage` (absent on the last page). UNCONFIRMED. */
export function pageBody<T, U>(
  key: string,
  items: readonly T[],
  query: URLSearchParams,
  view: (item: T) => U,
): Record<string, unknown> {
  const { page, pageSize } = paging(query);
  const start = (page - 1) * pageSize;
  const slice = items.slice(start, start + pageSize).map(view);
  const more = start + pageSize < items.length;
  return { [key]: slice, page, pageSize, total: items.length, ...(more ? { nextPage: page + 1 } : {}) };
}

export function isIsoDate(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}
