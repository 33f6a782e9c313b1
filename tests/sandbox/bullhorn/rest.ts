import { BadQueryError, search } from './lucene';
import { ENTITY_FIELDS, ENTITY_NAMES, type EntityName, type FieldDef, type Row } from './model';
import { bhError, type Context, type Reply } from './reply';

/** The REST routes under restUrl: ping, settings, entity CRUD, search, query and a person's notes. */

const SEARCHABLE: EntityName[] = ['Candidate', 'ClientContact', 'ClientCorporation', 'Note'];
const PERSONS: EntityName[] = ['Candidate', 'ClientContact'];
const MAX_COUNT = 500;

interface FieldSelection {
  name: string;
  sub?: string[];
}

function entityName(raw: string | undefined): EntityName {
  const found = ENTITY_NAMES.find((name) => name === raw);
  if (!found) throw bhError(400, `Invalid entity type: ${raw ?? ''}`, 'errors.invalidEntityType');
  return found;
}

/** `id,name,clientCorporation(id,name)`; `*` is refused as on tenants that lock it down ([B-MCP] quirk #4). */
function parseFields(entity: EntityName, raw: string | null): FieldSelection[] {
  if (!raw) throw bhError(400, "Either 'fields' or 'layout' is required.", 'errors.missingFieldsParameter');
  if (raw.trim() === '*') {
    throw bhError(400, 'You are not authorized to request all fields.', 'errors.allFieldsNotAllowed');
  }
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of raw) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^(\w+)(?:\(([^)]*)\))?$/.exec(part);
      const name = match?.[1];
      if (!name || !ENTITY_FIELDS[entity][name]) {
        throw bhError(400, `Invalid field '${part}' for entity ${entity}.`, 'errors.invalidField');
      }
      const sub = match?.[2]
        ?.split(',')
        .map((value) => value.trim())
        .filter(Boolean);
      return sub?.length ? { name, sub } : { name };
    });
}

function findPerson(context: Context, id: number): { entity: EntityName; row: Row } | undefined {
  for (const entity of PERSONS) {
    const row = context.state.entities[entity].get(id);
    if (row) return { entity, row };
  }
  return undefined;
}

function toOneValue(context: Context, def: FieldDef, value: unknown, sub: string[] | undefined): unknown {
  if (!value || typeof value !== 'object') return null;
  const id = Number((value as { id?: unknown }).id);
  const found =
    def.target === 'Person'
      ? findPerson(context, id)
      : def.target
        ? { entity: def.target, row: context.state.entities[def.target].get(id) }
        : undefined;
  const row = found?.row;
  const out: Record<string, unknown> = { id };
  if (def.target === 'Person' && found) out._subtype = found.entity;
  const wanted = sub ?? (def.target === 'ClientCorporation' ? ['name'] : ['firstName', 'lastName']);
  for (const name of wanted) if (name !== 'id') out[name] = row?.[name] ?? null;
  return out;
}

function project(
  context: Context,
  entity: EntityName,
  row: Row,
  fields: FieldSelection[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { name, sub } of fields) {
    const def = ENTITY_FIELDS[entity][name];
    if (def?.type === 'toOne') out[name] = toOneValue(context, def, row[name], sub);
    else out[name] = row[name] ?? null;
  }
  return out;
}

function paging(context: Context, defaultCount: number): { start: number; count: number } {
  const start = Math.max(0, Number(context.params.get('start') ?? 0) || 0);
  const count = Math.min(
    MAX_COUNT,
    Math.max(0, Number(context.params.get('count') ?? defaultCount) || defaultCount),
  );
  return { start, count };
}

function ping(context: Context, sessionExpires: number): Reply {
  void context;
  return { status: 200, json: { sessionExpires } };
}

function settings(context: Context, names: string): Reply {
  const { state, user } = context;
  const known: Record<string, unknown> = {
    userId: user?.corporateUserId,
    corporationId: state.corporationId,
    corporationName: state.corporationName,
    commentActionList: state.commentActionList,
    allPrivateLabelIds: [1],
  };
  const out: Record<string, unknown> = {};
  // Unknown setting names are left out (UNCONFIRMED what Bullhorn does).
  for (const name of names.split(',').map((value) => value.trim()))
    if (name in known) out[name] = known[name];
  return { status: 200, json: out };
}

function getEntities(context: Context, entity: EntityName, ids: string): Reply {
  const fields = parseFields(entity, context.params.get('fields'));
  const list = ids.split(',').map((id) => Number(id));
  const rows = list
    .map((id) => context.state.entities[entity].get(id))
    .filter((row): row is Row => row !== undefined);
  if (rows.length === 0)
    throw bhError(404, `Entity ${entity} with id ${ids} not found.`, 'errors.entityNotFound');
  const data = rows.map((row) => project(context, entity, row, fields));
  return { status: 200, json: { data: list.length === 1 ? data[0] : data } };
}

function getNotesOf(context: Context, entity: EntityName, id: number): Reply {
  if (!PERSONS.includes(entity))
    throw bhError(400, `Invalid to-many field 'notes' for ${entity}.`, 'errors.invalidField');
  if (!context.state.entities[entity].get(id)) {
    throw bhError(404, `Entity ${entity} with id ${id} not found.`, 'errors.entityNotFound');
  }
  const fields = parseFields('Note', context.params.get('fields'));
  const { start, count } = paging(context, 5);
  // Includes soft-deleted notes, as the real endpoint does ([B-MCP] quirks).
  const notes = [...context.state.entities.Note.values()]
    .filter((note) => Number((note.personReference as { id?: unknown } | undefined)?.id) === id)
    .sort((a, b) => a.id - b.id);
  const page = notes.slice(start, start + count);
  return {
    status: 200,
    json: {
      total: notes.length,
      start,
      count: page.length,
      data: page.map((note) => project(context, 'Note', note, fields)),
    },
  };
}

interface Message {
  detailMessage: string;
  propertyName: string;
  severity: 'ERROR';
  type: string;
}

/** Checks a write body field by field; Bullhorn's CRUD error carries `messages[]` ([B-SDK] AbstractCrudResponse). */
function validateWrite(
  context: Context,
  entity: EntityName,
  body: unknown,
  existingId?: number,
): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw bhError(400, 'Request body must be a JSON object.', 'errors.invalidRequestBody');
  }
  const messages: Message[] = [];
  const fail = (propertyName: string, type: string, detailMessage: string) =>
    messages.push({ detailMessage, propertyName, severity: 'ERROR', type });
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    const def = ENTITY_FIELDS[entity][name];
    if (!def) {
      fail(name, 'UNKNOWN_FIELD', `'${name}' is not a field of ${entity}.`);
      continue;
    }
    if (def.readOnly) {
      if (name === 'id' && existingId !== undefined && Number(value) === existingId) continue;
      fail(name, 'READ_ONLY', `'${name}' is read-only.`);
      continue;
    }
    if (value === null) {
      out[name] = null;
      continue;
    }
    switch (def.type) {
      case 'string':
        if (typeof value !== 'string') fail(name, 'INVALID_TYPE', `'${name}' must be a string.`);
        else if (def.max !== undefined && value.length > def.max)
          fail(name, 'VALUE_TOO_LONG', `'${name}' is longer than ${def.max} characters.`);
        else out[name] = value;
        break;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value))
          fail(name, 'INVALID_TYPE', `'${name}' must be a number.`);
        else out[name] = value;
        break;
      case 'timestamp':
        // Epoch ms only: Candidate and friends refuse string dates ([B-DOC] _candidate.md).
        if (typeof value !== 'number' || !Number.isFinite(value))
          fail(name, 'INVALID_TYPE', `'${name}' must be epoch milliseconds.`);
        else out[name] = value;
        break;
      case 'boolean':
        if (typeof value !== 'boolean' && value !== 0 && value !== 1)
          fail(name, 'INVALID_TYPE', `'${name}' must be a boolean.`);
        else out[name] = Boolean(value);
        break;
      case 'toOne': {
        const id = Number((value as { id?: unknown }).id);
        const target =
          def.target === 'Person'
            ? findPerson(context, id)
            : def.target
              ? context.state.entities[def.target].get(id)
              : undefined;
        if (!Number.isInteger(id) || !target)
          fail(name, 'INVALID_ASSOCIATION', `'${name}' points at no ${def.target}.`);
        else
          out[name] =
            def.target === 'Person' && 'entity' in target ? { id, _subtype: target.entity } : { id };
        break;
      }
    }
  }
  if (messages.length) {
    throw bhError(400, `error persisting an entity of type: ${entity}`, 'errors.cannotPersistEntity', {
      messages,
    });
  }
  return out;
}

function createEntity(context: Context, entity: EntityName): Reply {
  const { state } = context;
  if (entity === 'CorporateUser')
    throw bhError(403, 'Cannot create CorporateUser over REST.', 'errors.permissionDenied');
  const values = validateWrite(context, entity, context.body);
  const required: Record<string, string[]> = {
    ClientContact: ['clientCorporation'],
    ClientCorporation: ['name'],
    Note: ['personReference', 'comments'],
  };
  const missing = (required[entity] ?? []).filter(
    (name) => values[name] === undefined || values[name] === null,
  );
  if (missing.length) {
    throw bhError(400, `error persisting an entity of type: ${entity}`, 'errors.cannotPersistEntity', {
      messages: missing.map((name) => ({
        detailMessage: `'${name}' is required.`,
        propertyName: name,
        severity: 'ERROR',
        type: 'MISSING_REQUIRED_PROPERTY',
      })),
    });
  }
  const id = state.nextId++;
  const now = state.now();
  const defaults: Record<string, unknown> =
    entity === 'Note'
      ? { commentingPerson: { id: context.user?.corporateUserId }, dateAdded: now, isDeleted: false }
      : entity === 'ClientCorporation'
        ? { dateAdded: now }
        : { dateAdded: now, isDeleted: false, owner: { id: context.user?.corporateUserId } };
  const row: Row = { ...defaults, ...values, id, dateLastModified: now };
  state.entities[entity].set(id, row);
  return {
    status: 200,
    json: { changedEntityType: entity, changedEntityId: id, changeType: 'INSERT', data: values },
  };
}

function updateEntity(context: Context, entity: EntityName, id: number): Reply {
  const row = context.state.entities[entity].get(id);
  if (!row) throw bhError(404, `Entity ${entity} with id ${id} not found.`, 'errors.entityNotFound');
  if (entity === 'Note' && context.user?.noteEditForbidden) {
    throw bhError(403, 'User does not have permission to edit this Note.', 'errors.permissionDenied');
  }
  if (entity === 'CorporateUser')
    throw bhError(403, 'Cannot edit CorporateUser over REST.', 'errors.permissionDenied');
  const values = validateWrite(context, entity, context.body, id);
  Object.assign(row, values, { dateLastModified: context.state.now() });
  return {
    status: 200,
    json: { changedEntityType: entity, changedEntityId: id, changeType: 'UPDATE', data: values },
  };
}

function deleteEntity(context: Context, entity: EntityName, id: number): Reply {
  const row = context.state.entities[entity].get(id);
  if (!row) throw bhError(404, `Entity ${entity} with id ${id} not found.`, 'errors.entityNotFound');
  if (!('isDeleted' in ENTITY_FIELDS[entity])) {
    throw bhError(400, `${entity} cannot be deleted over REST.`, 'errors.cannotDelete');
  }
  row.isDeleted = true;
  return { status: 200, json: { changedEntityType: entity, changedEntityId: id, changeType: 'DELETE' } };
}

function searchEntities(context: Context, entity: EntityName): Reply {
  if (!SEARCHABLE.includes(entity))
    throw bhError(400, `Search not supported for ${entity}.`, 'errors.searchNotSupported');
  const bodyQuery =
    context.body && typeof context.body === 'object'
      ? (context.body as { query?: unknown }).query
      : undefined;
  const query = context.params.get('query') ?? (typeof bodyQuery === 'string' ? bodyQuery : '');
  if (!query) throw bhError(400, "Missing required parameter: 'query'", 'errors.missingQuery');
  const fieldsParam = context.params.get('fields');
  const fields = fieldsParam ? parseFields(entity, fieldsParam) : undefined;
  const { start, count } = paging(context, 20);
  // /search/Note is always empty here, as on some tenants ([B-MCP]); notes are read per person.
  let found: Row[] = [];
  if (entity !== 'Note') {
    try {
      found = search(entity, context.state.entities[entity].values(), query);
    } catch (error) {
      if (error instanceof BadQueryError) throw bhError(400, error.message, 'errors.badQuery');
      throw error;
    }
  }
  found.sort((a, b) => a.id - b.id);
  const page = found.slice(start, start + count);
  // Without fields or layout, data is just the ids ([B-DOC] _search.md).
  const data = fields
    ? page.map((row) => ({ ...project(context, entity, row, fields), _score: 1.0 }))
    : page.map((row) => row.id);
  return { status: 200, json: { total: found.length, start, count: page.length, data } };
}

/** The JPQL `where` subset: `field=value` / `field<>value` joined by AND; strings in single quotes. */
function whereFilter(entity: EntityName, where: string): (row: Row) => boolean {
  const clauses = where.split(/\s+AND\s+/i).map((clause) => {
    const match = /^\s*(\w+)\s*(=|<>|!=)\s*(?:'((?:[^']|'')*)'|(\S+))\s*$/.exec(clause);
    const field = match?.[1];
    if (!match || !field || !ENTITY_FIELDS[entity][field]) {
      throw bhError(400, `Invalid where clause: ${clause}`, 'errors.invalidWhereClause');
    }
    const literal = match[3] !== undefined ? match[3].replace(/''/g, "'") : (match[4] ?? '');
    const negate = match[2] !== '=';
    return (row: Row) => {
      const stored = row[field];
      const def = ENTITY_FIELDS[entity][field];
      const equal =
        def?.type === 'boolean'
          ? Boolean(stored) === (literal === 'true' || literal === '1')
          : String(stored ?? '').toLowerCase() === literal.toLowerCase();
      return negate ? !equal : equal;
    };
  });
  return (row) => clauses.every((test) => test(row));
}

function queryEntities(context: Context, entity: EntityName): Reply {
  if (SEARCHABLE.includes(entity)) {
    // Captured live for Candidate; the sandbox refuses every indexed entity (UNCONFIRMED for the others).
    throw bhError(
      400,
      `Query operation not supported for ${entity}, please use /search call instead.`,
      'errors.queryIndexedEntity',
    );
  }
  const where = context.params.get('where');
  if (!where) throw bhError(400, "Missing required parameter: 'where'", 'errors.missingWhere');
  const fields = parseFields(entity, context.params.get('fields'));
  const { start, count } = paging(context, 20);
  const found = [...context.state.entities[entity].values()]
    .filter(whereFilter(entity, where))
    .sort((a, b) => a.id - b.id);
  const page = found.slice(start, start + count);
  return {
    status: 200,
    json: {
      // `total` only on request, as some entities need showTotalMatched=true (UNCONFIRMED).
      ...(context.params.get('showTotalMatched') === 'true' ? { total: found.length } : {}),
      start,
      count: page.length,
      data: page.map((row) => project(context, entity, row, fields)),
    },
  };
}

/** Routes one REST call; `path` is relative to restUrl (e.g. `entity/Candidate/101`). */
export function routeRest(context: Context, path: string, sessionExpires: number, logout: () => void): Reply {
  const parts = path.split('/').map((part) => decodeURIComponent(part));
  const [head, entityPart, idPart, assoc, ...extra] = parts;
  const method = context.method;
  if (path === 'ping' && method === 'GET') return ping(context, sessionExpires);
  if (path === 'logout' && method === 'GET') {
    logout();
    return { status: 200, json: { logout: 'OK' } };
  }
  if (head === 'settings' && entityPart && parts.length === 2 && method === 'GET')
    return settings(context, entityPart);
  if (head === 'entity' && extra.length === 0) {
    const entity = entityName(entityPart);
    if (idPart === undefined || idPart === '') {
      if (method === 'PUT') return createEntity(context, entity);
    } else if (assoc === undefined) {
      const id = Number(idPart);
      if (method === 'GET') return getEntities(context, entity, idPart);
      if (method === 'POST') return updateEntity(context, entity, id);
      if (method === 'DELETE') return deleteEntity(context, entity, id);
    } else if (assoc === 'notes' && method === 'GET') return getNotesOf(context, entity, Number(idPart));
    throw bhError(405, `Method ${method} not allowed here.`, 'errors.methodNotAllowed');
  }
  if (head === 'search' && parts.length === 2 && (method === 'GET' || method === 'POST')) {
    return searchEntities(context, entityName(entityPart));
  }
  if (head === 'query' && parts.length === 2 && (method === 'GET' || method === 'POST')) {
    return queryEntities(context, entityName(entityPart));
  }
  throw bhError(404, `No such resource: ${path}`, 'errors.notFound');
}
