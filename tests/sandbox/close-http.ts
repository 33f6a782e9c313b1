import type { CloseState, CloseUser } from './close-model';

/** Close's HTTP conventions shared by every route: handler shape, error bodies, pagination, `_fields`. */

export interface ApiContext {
  state: CloseState;
  /** The user the API key belongs to. */
  user: CloseUser;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body (undefined without one). */
  body: unknown;
  /** The sandbox's own origin, where its lead pages live (Close's `html_url` points at app.close.com). */
  appOrigin: string;
}

export interface ApiResult {
  status?: number;
  body: unknown;
}

export type Handler = (context: ApiContext) => ApiResult;

/** Thrown by handlers; the router turns it into the response. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

/** 400 in Close's validation shape: `{"errors":[...],"field-errors":{...}}` ([C-PY] ValidationError). */
export function validationError(fieldErrors: Record<string, string>, errors: string[] = []): ApiError {
  return new ApiError(400, { errors, 'field-errors': fieldErrors });
}

// Bodies other than validation errors are UNCONFIRMED for Close; `{"error": "..."}` is the sandbox's choice.
export function notFound(): ApiError {
  return new ApiError(404, { error: 'Not found' });
}

/** Collects per-field messages so one response reports every problem, as Close does. */
export class FieldErrors {
  readonly fields: Record<string, string> = {};

  add(field: string, message: string): void {
    this.fields[field] ??= message;
  }

  has(field: string): boolean {
    return field in this.fields;
  }

  throwIfAny(): void {
    if (Object.keys(this.fields).length > 0) throw validationError(this.fields);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON object body, or a 400 naming what was sent instead. */
export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) throw validationError({}, ['Request body must be a JSON object.']);
  return body;
}

/** Close's maximum `_limit` differs per resource and is UNCONFIRMED; 200 here, larger is a 400. */
export const MAX_LIMIT = 200;
export const DEFAULT_LIMIT = 100;

function integerParam(
  query: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw validationError({ [name]: 'Not a valid integer.' });
  const value = Number(raw);
  if (value < min || value > max) {
    throw validationError({
      [name]: `Must be greater than or equal to ${min} and less than or equal to ${max}.`,
    });
  }
  return value;
}

/** `_skip`/`_limit` offset pagination with Close's `{"data":[...],"has_more":bool}` envelope. */
export function paginate<T>(items: T[], query: URLSearchParams): { data: T[]; has_more: boolean } {
  const limit = integerParam(query, '_limit', DEFAULT_LIMIT, 1, MAX_LIMIT);
  const skip = integerParam(query, '_skip', 0, 0, Number.MAX_SAFE_INTEGER);
  return { data: items.slice(skip, skip + limit), has_more: skip + limit < items.length };
}

/** The `_fields` list, or undefined for "everything". `_all` also means everything. */
export function requestedFields(query: URLSearchParams): string[] | undefined {
  const raw = query.get('_fields');
  if (!raw) return undefined;
  const fields = raw
    .split(',')
    .map((field) => field.trim())
    .filter(Boolean);
  return fields.length === 0 || fields.includes('_all') ? undefined : fields;
}

/** Fields left out of `_fields` are simply missing; unknown names are ignored (Close quirk 6). */
export function pickFields(record: object, fields: string[] | undefined): Record<string, unknown> {
  const source = record as Record<string, unknown>;
  if (!fields) return { ...source };
  const out: Record<string, unknown> = {};
  for (const field of fields) if (field in source) out[field] = source[field];
  return out;
}

/** Comma-separated filter values such as `lead_id=lead_a,lead_b`. */
export function listParam(query: URLSearchParams, name: string): string[] | undefined {
  const values = query
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
  return values.length ? values : undefined;
}
