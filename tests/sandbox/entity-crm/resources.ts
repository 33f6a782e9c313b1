import { contactJson, findCompany, findContact } from './contacts';
import {
  badRequest,
  bodyObject,
  type EntityContext,
  type EntityResult,
  isIsoDate,
  notFound,
  oneOf,
  pageBody,
  text,
  uuidParam,
  uuidQuery,
} from './http';
import {
  ACTIVITY_TYPES,
  COMPANY_STATUSES,
  COMPANY_TYPES,
  type EntityActivity,
  type EntityCompany,
  type EntityLead,
  type EntityStage,
  nextId,
  tick,
  UUID_PATTERN,
} from './model';

/** Companies, pipeline stages, leads (with timeline), activities, tasks and the dashboard. */

// ---- companies -------------------------------------------------------------------------------------------

export function listCompanies(context: EntityContext): EntityResult {
  const { state, entityId, query } = context;
  // Filter names are UNCONFIRMED: the seed lists "Commercial relationship type", "Lifecycle", "UUID, me, or
  // unassigned" and "Search name (ilike)" without naming the parameters.
  const type = query.get('type');
  const status = query.get('status');
  const owner = query.get('owner');
  const search = (query.get('search') ?? query.get('q') ?? '').trim().toLowerCase();
  if (type && !(COMPANY_TYPES as readonly string[]).includes(type)) {
    throw badRequest(`type must be one of: ${COMPANY_TYPES.join(', ')}`);
  }
  if (status && !(COMPANY_STATUSES as readonly string[]).includes(status)) {
    throw badRequest(`status must be one of: ${COMPANY_STATUSES.join(', ')}`);
  }
  if (owner && owner !== 'me' && owner !== 'unassigned' && !UUID_PATTERN.test(owner)) {
    throw badRequest('owner must be a UUID, me, or unassigned');
  }
  const companies = [...state.companies.values()].filter(
    (company) =>
      company.entityId === entityId &&
      (!type || company.type === type) &&
      (!status || company.status === status) &&
      // API keys have no user, so "me" matches nothing (UNCONFIRMED).
      (!owner ||
        (owner === 'unassigned' ? company.ownerId === null : owner !== 'me' && company.ownerId === owner)) &&
      (!search || company.name.toLowerCase().includes(search)),
  );
  return { body: pageBody('companies', companies, query, (company) => company) };
}

function readCompanyFields(body: Record<string, unknown>, required: boolean): Partial<EntityCompany> {
  const out: Partial<EntityCompany> = {};
  const name = text(body, 'name', { max: 256, required });
  if (name !== undefined && name !== null) out.name = name;
  const type = oneOf(body, 'type', COMPANY_TYPES);
  if (type) out.type = type;
  const status = oneOf(body, 'status', COMPANY_STATUSES);
  if (status) out.status = status;
  const website = text(body, 'website', { max: 512 });
  if (website !== undefined) out.website = website || null;
  return out;
}

export function createCompany(context: EntityContext): EntityResult {
  const { state } = context;
  const fields = readCompanyFields(bodyObject(context), true);
  const at = tick(state);
  const company: EntityCompany = {
    id: nextId(state, 'company'),
    entityId: context.entityId,
    name: fields.name ?? '',
    type: fields.type ?? 'prospect',
    status: fields.status ?? 'active',
    ownerId: null,
    website: fields.website ?? null,
    createdAt: at,
    updatedAt: at,
  };
  state.companies.set(company.id, company);
  return { status: 201, body: { company } };
}

export function getCompany(context: EntityContext): EntityResult {
  return { body: { company: findCompany(context, uuidParam(context, 'id', 'company')) } };
}

export function patchCompany(context: EntityContext): EntityResult {
  const company = findCompany(context, uuidParam(context, 'id', 'company'));
  const fields = readCompanyFields(bodyObject(context), false);
  if (fields.name === '') throw badRequest('name is required');
  Object.assign(company, fields, { updatedAt: tick(context.state) });
  return { body: { company } };
}

export function listCompanyContacts(context: EntityContext): EntityResult {
  const { state } = context;
  const company = findCompany(context, uuidParam(context, 'id', 'company'));
  const contacts = [...state.memberships.values()]
    .filter((membership) => membership.companyId === company.id)
    .map((membership) => state.contacts.get(membership.contactId))
    .filter((contact) => contact !== undefined)
    .map(contactJson);
  return { body: { contacts } };
}

// ---- pipeline stages (GET's shape is the one the seed documents) -----------------------------------------

function stagesOf(context: EntityContext): EntityStage[] {
  return context.state.stages
    .filter((stage) => stage.entityId === context.entityId)
    .sort((a, b) => a.sortOrder - b.sortOrder);
}

function stageJson(context: EntityContext, stage: EntityStage) {
  let leadCount = 0;
  for (const lead of context.state.leads.values()) if (lead.stageId === stage.id) leadCount++;
  const { entityId: _entityId, ...rest } = stage;
  return { ...rest, leadCount };
}

export function listStages(context: EntityContext): EntityResult {
  return { body: { stages: stagesOf(context).map((stage) => stageJson(context, stage)) } };
}

export function createStage(context: EntityContext): EntityResult {
  const body = bodyObject(context);
  const name = text(body, 'name', { max: 128, required: true }) ?? '';
  const existing = stagesOf(context);
  const stage: EntityStage = {
    id: nextId(context.state, 'stage'),
    entityId: context.entityId,
    name,
    kind: oneOf(body, 'kind', ['open', 'won', 'lost'] as const) ?? 'open',
    sortOrder: existing.length,
    defaultProbabilityPct: 0,
    colorKey: 'blue',
    systemKey: null,
  };
  context.state.stages.push(stage);
  return { status: 201, body: { stage: stageJson(context, stage) } };
}

export function reorderStages(context: EntityContext): EntityResult {
  const body = bodyObject(context);
  const ids = body.stageIds;
  const stages = stagesOf(context);
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
    throw badRequest('stageIds must be an array of stage ids');
  }
  const wanted = ids.map((id: string) => id.toLowerCase());
  if (wanted.length !== stages.length || !stages.every((stage) => wanted.includes(stage.id))) {
    throw badRequest('stageIds must list every stage exactly once');
  }
  for (const stage of stages) stage.sortOrder = wanted.indexOf(stage.id);
  return listStages(context);
}

// ---- leads -----------------------------------------------------------------------------------------------

function findLead(context: EntityContext): EntityLead {
  const lead = context.state.leads.get(uuidParam(context, 'id', 'lead'));
  if (!lead || lead.entityId !== context.entityId) throw notFound('Lead');
  return lead;
}

function leadJson(context: EntityContext, lead: EntityLead) {
  const stage = context.state.stages.find((candidate) => candidate.id === lead.stageId);
  return { ...lead, stage: stage ? { id: stage.id, name: stage.name, kind: stage.kind } : null };
}

function stageRef(context: EntityContext, value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const stage = stagesOf(context).find((candidate) => candidate.id === value.toLowerCase());
  if (!stage) throw badRequest('stageId does not exist');
  return stage.id;
}

export function listLeads(context: EntityContext): EntityResult {
  const { state, entityId, query } = context;
  // Four UUID filters besides entityId in the seed; companyId, contactId, ownerId, stageId are the guesses.
  const companyId = uuidQuery(context, 'companyId');
  const contactId = uuidQuery(context, 'contactId');
  const ownerId = uuidQuery(context, 'ownerId');
  const stageId = uuidQuery(context, 'stageId');
  // "Filter by stage name or legacy system key".
  const stageName = query.get('stage')?.trim().toLowerCase();
  const stageIds = stageName
    ? new Set(
        stagesOf(context)
          .filter((stage) => stage.name.toLowerCase() === stageName || stage.systemKey === stageName)
          .map((stage) => stage.id),
      )
    : undefined;
  const leads = [...state.leads.values()].filter(
    (lead) =>
      lead.entityId === entityId &&
      (!companyId || lead.companyId === companyId) &&
      (!contactId || lead.contactId === contactId) &&
      (!ownerId || lead.ownerId === ownerId) &&
      (!stageId || lead.stageId === stageId) &&
      (!stageIds || stageIds.has(lead.stageId)),
  );
  return { body: pageBody('leads', leads, query, (lead) => leadJson(context, lead)) };
}

export function createLead(context: EntityContext): EntityResult {
  const { state } = context;
  const body = bodyObject(context);
  const title = text(body, 'title', { max: 256, required: true }) ?? '';
  const stageId = stageRef(context, text(body, 'stageId', { max: 36 })) ?? stagesOf(context)[0]?.id;
  if (!stageId) throw badRequest('Create a pipeline stage first');
  const companyId = text(body, 'companyId', { max: 36 });
  if (companyId) findCompany(context, companyId.toLowerCase());
  const contactId = text(body, 'contactId', { max: 36 });
  if (contactId) findContact(context, contactId.toLowerCase());
  const value = body.valueCents;
  if (value !== undefined && value !== null && !(Number.isInteger(value) && (value as number) >= 0)) {
    throw badRequest('valueCents must be a non-negative integer');
  }
  const at = tick(state);
  const lead: EntityLead = {
    id: nextId(state, 'lead'),
    entityId: context.entityId,
    title,
    stageId,
    companyId: companyId?.toLowerCase() || null,
    contactId: contactId?.toLowerCase() || null,
    ownerId: null,
    valueCents: (value as number | null | undefined) ?? null,
    createdAt: at,
    updatedAt: at,
  };
  state.leads.set(lead.id, lead);
  state.leadEvents.push({
    id: nextId(state, 'event'),
    leadId: lead.id,
    kind: 'created',
    at,
    fromStageId: null,
    toStageId: stageId,
  });
  return { status: 201, body: { lead: leadJson(context, lead) } };
}

export function getLead(context: EntityContext): EntityResult {
  return { body: { lead: leadJson(context, findLead(context)) } };
}

export function patchLead(context: EntityContext): EntityResult {
  const lead = findLead(context);
  const body = bodyObject(context);
  const title = text(body, 'title', { max: 256 });
  if (title === null || title === '') throw badRequest('title is required');
  if (title !== undefined) lead.title = title;
  lead.updatedAt = tick(context.state);
  return { body: { lead: leadJson(context, lead) } };
}

export function deleteLead(context: EntityContext): EntityResult {
  const lead = findLead(context);
  context.state.leads.delete(lead.id);
  return { body: { deleted: true } };
}

export function patchLeadStage(context: EntityContext): EntityResult {
  const { state } = context;
  const lead = findLead(context);
  const stageId = stageRef(context, text(bodyObject(context), 'stageId', { max: 36, required: true }));
  if (!stageId) throw badRequest('stageId is required');
  const at = tick(state);
  if (stageId !== lead.stageId) {
    state.leadEvents.push({
      id: nextId(state, 'event'),
      leadId: lead.id,
      kind: 'stage_changed',
      at,
      fromStageId: lead.stageId,
      toStageId: stageId,
    });
  }
  lead.stageId = stageId;
  lead.updatedAt = at;
  return { body: { lead: leadJson(context, lead) } };
}

/** Stage changes and activities, newest first (shape UNCONFIRMED). */
export function leadTimeline(context: EntityContext): EntityResult {
  const { state } = context;
  const lead = findLead(context);
  const events = [
    ...state.leadEvents
      .filter((event) => event.leadId === lead.id)
      .map((event) => ({
        kind: event.kind,
        at: event.at,
        id: event.id,
        fromStageId: event.fromStageId,
        toStageId: event.toStageId,
      })),
    ...state.activities
      .filter((activity) => activity.leadId === lead.id)
      .map((activity) => ({ kind: 'activity', at: activity.occurredAt, id: activity.id, activity })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return { body: { events } };
}

// ---- activities ------------------------------------------------------------------------------------------

/**
 * The seed shows `type` and `subject` (both sent in its example). `body`, `contactId`, `leadId`, `occurredAt`,
 * `durationSeconds`, `direction`, `phone` and `externalId` are UNCONFIRMED fields the sandbox stores.
 */
function storeActivity(context: EntityContext, leadId: string | null): EntityActivity {
  const { state } = context;
  const body = bodyObject(context);
  const type = oneOf(body, 'type', ACTIVITY_TYPES);
  if (!type) throw badRequest('type is required');
  const subject = text(body, 'subject', { max: 500, required: true }) ?? '';
  const note = body.body;
  if (note !== undefined && note !== null && (typeof note !== 'string' || note.length > 20_000)) {
    throw badRequest('body must be a string of at most 20000 characters');
  }
  const contactId = text(body, 'contactId', { max: 36 })?.toLowerCase() || null;
  const contact = contactId ? state.contacts.get(contactId) : undefined;
  if (contactId && (!contact || contact.entityId !== context.entityId)) {
    throw badRequest('contactId does not exist');
  }
  let lead = leadId;
  const leadField = text(body, 'leadId', { max: 36 })?.toLowerCase();
  if (!lead && leadField) {
    const found = state.leads.get(leadField);
    if (!found || found.entityId !== context.entityId) throw badRequest('leadId does not exist');
    lead = found.id;
  }
  const occurredAt = text(body, 'occurredAt', { max: 40 });
  if (occurredAt && !isIsoDate(occurredAt)) throw badRequest('occurredAt must be an ISO 8601 date-time');
  const duration = body.durationSeconds;
  if (
    duration !== undefined &&
    duration !== null &&
    !(Number.isInteger(duration) && (duration as number) >= 0 && (duration as number) <= 86_400)
  ) {
    throw badRequest('durationSeconds must be an integer between 0 and 86400');
  }
  const createdAt = tick(state);
  const activity: EntityActivity = {
    id: nextId(state, 'activity'),
    entityId: context.entityId,
    type,
    subject,
    body: typeof note === 'string' ? note : null,
    contactId,
    leadId: lead,
    occurredAt: occurredAt ? new Date(occurredAt).toISOString() : createdAt,
    durationSeconds: (duration as number | null | undefined) ?? null,
    direction: oneOf(body, 'direction', ['inbound', 'outbound'] as const) ?? null,
    phone: text(body, 'phone', { max: 64 }) || null,
    externalId: text(body, 'externalId', { max: 200 }) || null,
    createdAt,
  };
  state.activities.push(activity);
  if (contact && (!contact.lastActivityAt || contact.lastActivityAt < activity.occurredAt)) {
    contact.lastActivityAt = activity.occurredAt;
  }
  return activity;
}

export function createActivity(context: EntityContext): EntityResult {
  return { status: 201, body: { activity: storeActivity(context, null) } };
}

export function createLeadActivity(context: EntityContext): EntityResult {
  const lead = findLead(context);
  return { status: 201, body: { activity: storeActivity(context, lead.id) } };
}

/** Newest first. The seed's two UUID filters are read as `contactId` and `leadId` (UNCONFIRMED). */
export function listActivities(context: EntityContext): EntityResult {
  const contactId = uuidQuery(context, 'contactId');
  const leadId = uuidQuery(context, 'leadId');
  const activities = context.state.activities
    .filter(
      (activity) =>
        activity.entityId === context.entityId &&
        (!contactId || activity.contactId === contactId) &&
        (!leadId || activity.leadId === leadId),
    )
    .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt) || b.createdAt.localeCompare(a.createdAt));
  return { body: pageBody('activities', activities, context.query, (activity) => activity) };
}

// ---- tasks and dashboard ---------------------------------------------------------------------------------

/** The seed documents GET only, with one UUID filter: read as `leadId`; `contactId` is accepted too. */
export function listTasks(context: EntityContext): EntityResult {
  const leadId = uuidQuery(context, 'leadId');
  const contactId = uuidQuery(context, 'contactId');
  const tasks = context.state.tasks.filter(
    (task) =>
      task.entityId === context.entityId &&
      (!leadId || task.leadId === leadId) &&
      (!contactId || task.contactId === contactId),
  );
  return { body: pageBody('tasks', tasks, context.query, (task) => task) };
}

/** The seed's dashboard is `{}`; the entity's name and a few counts are the sandbox's guess (UNCONFIRMED). */
export function getDashboard(context: EntityContext): EntityResult {
  const { state, entityId } = context;
  const entity = state.entities.find((candidate) => candidate.id === entityId);
  const count = <T extends { entityId: string }>(
    items: Iterable<T>,
    extra: (item: T) => boolean = () => true,
  ) => {
    let total = 0;
    for (const item of items) if (item.entityId === entityId && extra(item)) total++;
    return total;
  };
  return {
    body: {
      entity: entity ? { id: entity.id, name: entity.name } : { id: entityId, name: null },
      counts: {
        contacts: state.contactOrder.get(entityId)?.length ?? 0,
        companies: count(state.companies.values()),
        leads: count(state.leads.values()),
        openTasks: count(state.tasks, (task) => task.status === 'open'),
      },
    },
  };
}
