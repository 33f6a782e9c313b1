import {
  type ApiContext,
  type ApiResult,
  DEFAULT_LIMIT,
  isRecord,
  MAX_LIMIT,
  pickFields,
  requireObjectBody,
  validationError,
} from './close-http';
import { allContacts, type CloseContact } from './close-model';

/**
 * `POST /data/search/` (Advanced Filtering), limited to what a softphone asks: contacts matched through
 * `has_related` on `contact_phone.phone` or `contact_email.email` with a `text` condition, combined with
 * `and`/`or`. Any other shape is a 400, so an adapter sending something the sandbox does not understand
 * finds out instead of getting a silently wrong answer.
 */

type ContactPredicate = (contact: CloseContact) => boolean;

class QueryError extends Error {}

function fail(path: string, message: string): never {
  throw new QueryError(`${path}: ${message}`);
}

function digits(value: string): string {
  return value.replace(/\D/g, '');
}

/**
 * Whether a national-format value matches a stored E.164 number is UNCONFIRMED for Close. The sandbox is
 * tolerant: equal digits, or the query's digits (7 or more) ending the stored number's digits.
 */
function phoneMatches(stored: string, query: string): boolean {
  const storedDigits = digits(stored);
  const queryDigits = digits(query);
  if (!queryDigits) return false;
  return storedDigits === queryDigits || (queryDigits.length >= 7 && storedDigits.endsWith(queryDigits));
}

/** `mode` values other than the documented `phrase`/`full_words` are UNCONFIRMED; every mode is accepted. */
function textCondition(condition: unknown, path: string): string {
  if (!isRecord(condition)) fail(path, 'condition must be an object.');
  if (condition.type !== 'text')
    fail(`${path}.type`, `unsupported condition type ${JSON.stringify(condition.type)}.`);
  if (typeof condition.value !== 'string') fail(`${path}.value`, 'must be a string.');
  if (condition.mode !== undefined && typeof condition.mode !== 'string')
    fail(`${path}.mode`, 'must be a string.');
  return condition.value;
}

function relatedPredicate(relatedType: string, query: unknown, path: string): ContactPredicate {
  if (!isRecord(query)) fail(path, 'must be an object.');
  if (query.type !== 'field_condition') {
    fail(`${path}.type`, `unsupported related query type ${JSON.stringify(query.type)}.`);
  }
  const field = query.field;
  if (!isRecord(field) || field.type !== 'regular_field' || field.object_type !== relatedType) {
    fail(`${path}.field`, `must be a regular_field of ${relatedType}.`);
  }
  const value = textCondition(query.condition, `${path}.condition`);
  if (relatedType === 'contact_phone' && field.field_name === 'phone') {
    return (contact) => contact.phones.some((entry) => phoneMatches(entry.phone, value));
  }
  if (relatedType === 'contact_email' && field.field_name === 'email') {
    const wanted = value.trim().toLowerCase();
    return (contact) => contact.emails.some((entry) => entry.email.toLowerCase() === wanted);
  }
  return fail(`${path}.field.field_name`, `unsupported field ${JSON.stringify(field.field_name)}.`);
}

function compile(query: unknown, path: string): ContactPredicate {
  if (!isRecord(query)) fail(path, 'must be an object.');
  switch (query.type) {
    case 'and':
    case 'or': {
      if (!Array.isArray(query.queries) || query.queries.length === 0)
        fail(`${path}.queries`, 'must be a non-empty list.');
      const parts = query.queries.map((part, index) => compile(part, `${path}.queries.${index}`));
      return query.type === 'and'
        ? (contact) => parts.every((part) => part(contact))
        : (contact) => parts.some((part) => part(contact));
    }
    case 'object_type':
      if (query.object_type !== 'contact') {
        fail(
          `${path}.object_type`,
          `the sandbox only searches contacts, not ${JSON.stringify(query.object_type)}.`,
        );
      }
      return () => true;
    case 'has_related': {
      if (query.this_object_type !== 'contact') fail(`${path}.this_object_type`, 'must be "contact".');
      const related = query.related_object_type;
      if (related !== 'contact_phone' && related !== 'contact_email') {
        fail(`${path}.related_object_type`, `unsupported related object type ${JSON.stringify(related)}.`);
      }
      return relatedPredicate(related, query.related_query, `${path}.related_query`);
    }
    default:
      return fail(`${path}.type`, `unsupported query type ${JSON.stringify(query.type)}.`);
  }
}

/** The results' object type must be pinned to contact, at the top or inside the top-level `and`. */
function selectsContacts(query: Record<string, unknown>): boolean {
  if (query.type === 'object_type') return query.object_type === 'contact';
  return (
    query.type === 'and' &&
    Array.isArray(query.queries) &&
    query.queries.some(
      (part) => isRecord(part) && part.type === 'object_type' && part.object_type === 'contact',
    )
  );
}

function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeCursor(cursor: string): number | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const offset = isRecord(parsed) ? parsed.offset : undefined;
    return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}

function contactFields(fields: unknown): string[] | undefined {
  if (fields === undefined || fields === null) return undefined;
  const list = isRecord(fields) ? fields.contact : undefined;
  if (
    !isRecord(fields) ||
    (list !== undefined && !(Array.isArray(list) && list.every((f) => typeof f === 'string')))
  ) {
    throw validationError({ _fields: 'Must map object types to lists of field names.' });
  }
  return list as string[] | undefined;
}

function limitFrom(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_LIMIT;
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw validationError({ _limit: 'Not a valid integer.' });
  // Close's maximum is UNCONFIRMED; above 200 is refused like an over-limit `_limit` elsewhere.
  if (value < 1 || value > MAX_LIMIT) {
    throw validationError({
      _limit: `Must be greater than or equal to 1 and less than or equal to ${MAX_LIMIT}.`,
    });
  }
  return value;
}

export function searchData(context: ApiContext): ApiResult {
  const body = requireObjectBody(context.body);
  if (!isRecord(body.query)) throw validationError({ query: 'This field is required.' });
  let predicate: ContactPredicate;
  try {
    if (!selectsContacts(body.query))
      fail('query', 'must select {"type":"object_type","object_type":"contact"}.');
    predicate = compile(body.query, 'query');
  } catch (error) {
    if (error instanceof QueryError) throw validationError({ query: error.message });
    throw error;
  }
  const fields = contactFields(body._fields);
  const limit = limitFrom(body._limit);
  let offset = 0;
  if (body.cursor !== undefined && body.cursor !== null && body.cursor !== '') {
    const decoded = typeof body.cursor === 'string' ? decodeCursor(body.cursor) : undefined;
    if (decoded === undefined) throw validationError({ cursor: 'Invalid cursor.' });
    offset = decoded;
  }
  let matches = allContacts(context.state).filter(predicate);
  if (typeof body.results_limit === 'number' && body.results_limit >= 0) {
    matches = matches.slice(0, body.results_limit);
  }
  const page = matches.slice(offset, offset + limit);
  const next = offset + limit < matches.length ? encodeCursor(offset + limit) : null;
  return {
    body: {
      // With `_fields`, whether Close still sends `__object_type` is UNCONFIRMED; it is kept (an extra key).
      data: page.map((contact) =>
        fields
          ? { __object_type: 'contact', ...pickFields(contact, fields) }
          : { __object_type: 'contact', id: contact.id },
      ),
      cursor: next,
    },
  };
}
