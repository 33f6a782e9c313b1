import { randomUUID } from 'node:crypto';
import {
  type ApiContext,
  type ApiResult,
  FieldErrors,
  isRecord,
  notFound,
  paginate,
  pickFields,
  requestedFields,
  requireObjectBody,
  validationError,
} from './close-http';
import {
  type CloseContact,
  type CloseCustomActivity,
  type CloseEmail,
  type CloseLead,
  type ClosePhone,
  type CloseState,
  type CloseUser,
  findContact,
  findLead,
  findUser,
  userName,
} from './close-model';
import { closeId, closePhone, closeTimestamp, parseDateTime } from './close-values';

/**
 * Handlers for the resources other than calls and notes: me, users, leads, contacts, outcomes, custom activity
 * types and custom activity instances.
 */

function param(context: ApiContext, name: string): string {
  return context.params[name] ?? '';
}

function userJson(state: CloseState, user: CloseUser) {
  return {
    id: user.id,
    first_name: user.first_name,
    last_name: user.last_name,
    email: user.email,
    image: user.image,
    date_created: user.date_created,
    date_updated: user.date_updated,
    // The list endpoint gives organization ids only ([C-BP]); /me/ expands them.
    organizations: [state.organization.id],
  };
}

export function getMe({ state, user, query }: ApiContext): ApiResult {
  const me = {
    ...userJson(state, user),
    email_accounts: [],
    phone_numbers: [],
    memberships: [{ id: user.membership_id, organization_id: state.organization.id, role: user.role }],
    organizations: [{ ...state.organization }],
  };
  return { body: pickFields(me, requestedFields(query)) };
}

const USER_ORDERINGS: Record<string, (a: CloseUser, b: CloseUser) => number> = {
  'last_name,first_name': (a, b) =>
    a.last_name.localeCompare(b.last_name) || a.first_name.localeCompare(b.first_name),
  'first_name,last_name': (a, b) =>
    a.first_name.localeCompare(b.first_name) || a.last_name.localeCompare(b.last_name),
};

export function listUsers({ state, query }: ApiContext): ApiResult {
  const orderBy = query.get('_order_by');
  const users = [...state.users];
  if (orderBy) {
    const compare = USER_ORDERINGS[orderBy];
    if (!compare)
      throw validationError({ _order_by: `Must be one of: ${Object.keys(USER_ORDERINGS).join(', ')}.` });
    users.sort(compare);
  }
  const page = paginate(users, query);
  const fields = requestedFields(query);
  return { body: { ...page, data: page.data.map((user) => pickFields(userJson(state, user), fields)) } };
}

export function getUser(context: ApiContext): ApiResult {
  const user = context.state.users.find((candidate) => candidate.id === param(context, 'id'));
  if (!user) throw notFound();
  return { body: pickFields(userJson(context.state, user), requestedFields(context.query)) };
}

function leadJson(lead: CloseLead, appOrigin: string) {
  return {
    ...lead,
    contacts: lead.contacts.map((contact) => ({ ...contact })),
    contact_ids: lead.contacts.map((contact) => contact.id),
    html_url: `${appOrigin}/lead/${lead.id}/`,
  };
}

export function getLead(context: ApiContext): ApiResult {
  const lead = findLead(context.state, param(context, 'id'));
  if (!lead) throw notFound();
  return { body: pickFields(leadJson(lead, context.appOrigin), requestedFields(context.query)) };
}

function digits(value: string): string {
  return value.replace(/\D/g, '');
}

/**
 * A small part of Close's lead search language: `email_address:"x"` ([C-SCR]), `phone_number:"x"` (keyword
 * UNCONFIRMED, accepted anyway), otherwise free text over lead and contact names, emails and phone digits.
 */
function leadMatcher(query: string): (lead: CloseLead) => boolean {
  const keyword = query.match(/^\s*(email_address|phone_number|name)\s*:\s*"?([^"]*)"?\s*$/i);
  const field = keyword?.[1]?.toLowerCase();
  const value = (keyword?.[2] ?? query).trim().toLowerCase();
  const valueDigits = digits(value);
  const emailMatches = (lead: CloseLead) =>
    lead.contacts.some((contact) => contact.emails.some((entry) => entry.email.toLowerCase() === value));
  const phoneMatches = (lead: CloseLead) =>
    valueDigits.length >= 7 &&
    lead.contacts.some((contact) =>
      contact.phones.some((entry) => digits(entry.phone).endsWith(valueDigits)),
    );
  const nameMatches = (lead: CloseLead) =>
    (lead.name ?? '').toLowerCase().includes(value) ||
    lead.contacts.some((contact) => (contact.name ?? '').toLowerCase().includes(value));
  if (field === 'email_address') return emailMatches;
  if (field === 'phone_number') return phoneMatches;
  if (field === 'name') return nameMatches;
  return (lead) => nameMatches(lead) || emailMatches(lead) || phoneMatches(lead);
}

export function listLeads(context: ApiContext): ApiResult {
  const text = context.query.get('query');
  const leads = text ? context.state.leads.filter(leadMatcher(text)) : context.state.leads;
  const page = paginate(leads, context.query);
  const fields = requestedFields(context.query);
  return {
    body: {
      ...page,
      data: page.data.map((lead) => pickFields(leadJson(lead, context.appOrigin), fields)),
      total_results: leads.length,
    },
  };
}

export function getContact(context: ApiContext): ApiResult {
  const contact = findContact(context.state, param(context, 'id'));
  if (!contact) throw notFound();
  return { body: pickFields(contact, requestedFields(context.query)) };
}

function nullableString(
  body: Record<string, unknown>,
  key: string,
  errors: FieldErrors,
): string | null | undefined {
  if (!(key in body)) return undefined;
  const value = body[key];
  if (value === null || typeof value === 'string') return value;
  errors.add(key, 'Not a valid string.');
  return undefined;
}

function itemList(
  body: Record<string, unknown>,
  key: string,
  errors: FieldErrors,
): Record<string, unknown>[] | undefined {
  const value = body[key];
  if (value === null) errors.add(key, 'Field may not be null.');
  else if (!Array.isArray(value)) errors.add(key, 'Not a valid list.');
  else if (!value.every(isRecord)) errors.add(key, 'Every item must be an object.');
  else return value;
  return undefined;
}

function optionalType(item: Record<string, unknown>): string | undefined | false {
  // A missing type becomes "office": whether Close requires it on write is UNCONFIRMED, so be tolerant.
  if (item.type === undefined || item.type === null) return 'office';
  return typeof item.type === 'string' && item.type.trim() ? item.type.trim() : false;
}

/**
 * Phones are normalized to E.164 plus `phone_formatted`. The shape of Close's error for a bad number inside
 * the list is UNCONFIRMED; the sandbox reports one string under `phones` so clients can show it as is.
 */
function parsePhones(items: Record<string, unknown>[], errors: FieldErrors): ClosePhone[] | undefined {
  const phones: ClosePhone[] = [];
  for (const [index, item] of items.entries()) {
    const type = optionalType(item);
    if (type === false) {
      errors.add('phones', `Item ${index}: type must be a non-empty string.`);
      return undefined;
    }
    const phone = typeof item.phone === 'string' ? closePhone(item.phone, type ?? 'office') : undefined;
    if (!phone) {
      errors.add('phones', `Item ${index}: invalid phone number ${JSON.stringify(item.phone ?? null)}.`);
      return undefined;
    }
    phones.push(phone);
  }
  return phones;
}

function parseEmails(items: Record<string, unknown>[], errors: FieldErrors): CloseEmail[] | undefined {
  const emails: CloseEmail[] = [];
  for (const [index, item] of items.entries()) {
    const type = optionalType(item);
    const email = typeof item.email === 'string' ? item.email.trim() : '';
    if (type === false || !/^[^\s@]+@[^\s@]+$/.test(email)) {
      errors.add('emails', `Item ${index}: invalid email address ${JSON.stringify(item.email ?? null)}.`);
      return undefined;
    }
    if (item.is_unsubscribed !== undefined && typeof item.is_unsubscribed !== 'boolean') {
      errors.add('emails', `Item ${index}: is_unsubscribed must be a boolean.`);
      return undefined;
    }
    emails.push({ email, type: type ?? 'office', is_unsubscribed: item.is_unsubscribed === true });
  }
  return emails;
}

/**
 * The contact fields a write may set: `name`, `title`, `phones`, `emails`, `urls`, as sent. Phones are
 * normalized; every problem is added to `errors`. Shared by PUT /contact/, POST /contact/ and POST /lead/.
 */
function readContactFields(body: Record<string, unknown>, errors: FieldErrors): Partial<CloseContact> {
  const fields: Partial<CloseContact> = {};
  const name = nullableString(body, 'name', errors);
  if (name !== undefined) fields.name = name;
  const title = nullableString(body, 'title', errors);
  if (title !== undefined) fields.title = title;
  if ('phones' in body) {
    const items = itemList(body, 'phones', errors);
    const phones = items && parsePhones(items, errors);
    if (phones) fields.phones = phones;
  }
  if ('emails' in body) {
    const items = itemList(body, 'emails', errors);
    const emails = items && parseEmails(items, errors);
    if (emails) fields.emails = emails;
  }
  if ('urls' in body) {
    const items = itemList(body, 'urls', errors);
    if (items?.every((item) => typeof item.url === 'string')) {
      fields.urls = items.map((item) => ({ url: String(item.url), type: String(item.type ?? 'url') }));
    } else if (items) errors.add('urls', 'Every item needs a url string.');
  }
  return fields;
}

/**
 * PUT patches top-level keys and replaces arrays whole (Close (3)). Keys the sandbox does not model, such as
 * custom fields, are ignored rather than refused.
 */
export function updateContact(context: ApiContext): ApiResult {
  const { state, user } = context;
  const contact = findContact(state, param(context, 'id'));
  if (!contact) throw notFound();
  const body = requireObjectBody(context.body);
  const errors = new FieldErrors();
  const patch = readContactFields(body, errors);
  let newLead: CloseLead | undefined;
  if ('lead_id' in body && body.lead_id !== contact.lead_id) {
    newLead = typeof body.lead_id === 'string' ? findLead(state, body.lead_id) : undefined;
    if (!newLead) errors.add('lead', 'Object does not exist.');
  }
  errors.throwIfAny();

  Object.assign(contact, patch);
  if (patch.name !== undefined) contact.display_name = patch.name ?? '';
  if (newLead) moveContact(state, contact, newLead);
  contact.date_updated = closeTimestamp(new Date());
  contact.updated_by = user.id;
  return { body: pickFields(contact, requestedFields(context.query)) };
}

function newContact(
  state: CloseState,
  user: CloseUser,
  leadId: string,
  fields: Partial<CloseContact>,
  now: string,
): CloseContact {
  return {
    id: closeId('cont', randomUUID()),
    lead_id: leadId,
    organization_id: state.organization.id,
    name: fields.name ?? null,
    // Close's display name for a contact without a name is UNCONFIRMED; the PUT's rule (empty) is kept.
    display_name: fields.name ?? '',
    title: fields.title ?? null,
    phones: fields.phones ?? [],
    emails: fields.emails ?? [],
    urls: fields.urls ?? [],
    date_created: now,
    date_updated: now,
    created_by: user.id,
    updated_by: user.id,
  };
}

/** Lead statuses the organization uses, in seed order; the first is the default (Close: "default (first)"). */
function leadStatuses(state: CloseState): Map<string, string> {
  const statuses = new Map<string, string>();
  for (const lead of state.leads)
    if (!statuses.has(lead.status_id)) statuses.set(lead.status_id, lead.status_label);
  return statuses;
}

function readLeadStatus(
  state: CloseState,
  body: Record<string, unknown>,
  errors: FieldErrors,
): { status_id: string; status_label: string } | undefined {
  const statuses = leadStatuses(state);
  const [defaultId, defaultLabel] = [...statuses][0] ?? ['stat_default', 'Potential'];
  const byId = body.status_id ?? undefined;
  const byLabel = body.status ?? undefined;
  if (byId !== undefined && byLabel !== undefined) {
    errors.add('status', 'Post either status or status_id, not both.');
    return undefined;
  }
  if (byId !== undefined) {
    const label = typeof byId === 'string' ? statuses.get(byId) : undefined;
    if (label === undefined) errors.add('status_id', 'Object does not exist.');
    return label === undefined ? undefined : { status_id: byId as string, status_label: label };
  }
  if (byLabel !== undefined) {
    const found = [...statuses].find(
      ([, label]) => typeof byLabel === 'string' && label.toLowerCase() === byLabel.toLowerCase(),
    );
    if (!found) errors.add('status', 'Object does not exist.');
    return found && { status_id: found[0], status_label: found[1] };
  }
  return { status_id: defaultId, status_label: defaultLabel };
}

/**
 * `POST /lead/`: a lead with nested contacts, returned as `GET /lead/{id}/` would. Addresses, custom fields and
 * other keys the sandbox does not model are ignored. The shape of a nested contact's error is UNCONFIRMED: the
 * sandbox reports one string under `contacts`, prefixed with the contact's index.
 */
export function createLead(context: ApiContext): ApiResult {
  const { state, user } = context;
  const body = requireObjectBody(context.body);
  const errors = new FieldErrors();
  const name = nullableString(body, 'name', errors);
  const description = nullableString(body, 'description', errors);
  const url = nullableString(body, 'url', errors);
  const status = readLeadStatus(state, body, errors);
  const contactFields: Partial<CloseContact>[] = [];
  if ('contacts' in body) {
    for (const [index, item] of (itemList(body, 'contacts', errors) ?? []).entries()) {
      const contactErrors = new FieldErrors();
      contactFields.push(readContactFields(item, contactErrors));
      for (const [field, message] of Object.entries(contactErrors.fields)) {
        errors.add('contacts', `Contact ${index}: ${field}: ${message}`);
      }
    }
  }
  errors.throwIfAny();

  const now = closeTimestamp(new Date());
  const id = closeId('lead', randomUUID());
  const contacts = contactFields.map((fields) => newContact(state, user, id, fields, now));
  const lead: CloseLead = {
    id,
    organization_id: state.organization.id,
    name: name ?? null,
    // For a lead without a name Close shows its first contact's; the exact fallback is UNCONFIRMED.
    display_name: name || contacts[0]?.name || '',
    description: description ?? null,
    url: url ?? null,
    status_id: status?.status_id ?? '',
    status_label: status?.status_label ?? '',
    contacts,
    date_created: now,
    date_updated: now,
    created_by: user.id,
    created_by_name: userName(user),
    updated_by: user.id,
    updated_by_name: userName(user),
  };
  state.leads.push(lead);
  return { body: pickFields(leadJson(lead, context.appOrigin), requestedFields(context.query)) };
}

/**
 * `POST /contact/`: a contact on `lead_id`. Documented: without a `lead_id` Close creates a new lead named
 * after the contact; an unknown `lead_id` is refused.
 */
export function createContact(context: ApiContext): ApiResult {
  const { state, user } = context;
  const body = requireObjectBody(context.body);
  const errors = new FieldErrors();
  const fields = readContactFields(body, errors);
  const leadId = body.lead_id ?? undefined;
  const lead = typeof leadId === 'string' ? findLead(state, leadId) : undefined;
  if (leadId !== undefined && !lead) errors.add('lead', 'Object does not exist.');
  errors.throwIfAny();

  const now = closeTimestamp(new Date());
  const target = lead ?? newLeadFor(state, user, fields.name ?? null, now);
  const contact = newContact(state, user, target.id, fields, now);
  target.contacts.push(contact);
  return { body: pickFields(contact, requestedFields(context.query)) };
}

function newLeadFor(state: CloseState, user: CloseUser, name: string | null, now: string): CloseLead {
  const [status] = leadStatuses(state);
  const lead: CloseLead = {
    id: closeId('lead', randomUUID()),
    organization_id: state.organization.id,
    name,
    display_name: name ?? '',
    description: null,
    url: null,
    status_id: status?.[0] ?? '',
    status_label: status?.[1] ?? '',
    contacts: [],
    date_created: now,
    date_updated: now,
    created_by: user.id,
    created_by_name: userName(user),
    updated_by: user.id,
    updated_by_name: userName(user),
  };
  state.leads.push(lead);
  return lead;
}

function moveContact(state: CloseState, contact: CloseContact, to: CloseLead): void {
  const from = findLead(state, contact.lead_id);
  if (from) from.contacts = from.contacts.filter((candidate) => candidate.id !== contact.id);
  to.contacts.push(contact);
  contact.lead_id = to.id;
}

export function listOutcomes({ state, query }: ApiContext): ApiResult {
  const page = paginate(state.outcomes, query);
  const fields = requestedFields(query);
  return { body: { ...page, data: page.data.map((outcome) => pickFields(outcome, fields)) } };
}

export function getOutcome(context: ApiContext): ApiResult {
  const outcome = context.state.outcomes.find((candidate) => candidate.id === param(context, 'id'));
  if (!outcome) throw notFound();
  return { body: pickFields(outcome, requestedFields(context.query)) };
}

/** The list wrapper for custom activity types is UNCONFIRMED; the common `{"data","has_more"}` envelope is used. */
export function listCustomActivityTypes({ state, query }: ApiContext): ApiResult {
  const page = paginate(state.customActivityTypes, query);
  const fields = requestedFields(query);
  return { body: { ...page, data: page.data.map((type) => pickFields(type, fields)) } };
}

export function getCustomActivityType(context: ApiContext): ApiResult {
  const type = context.state.customActivityTypes.find((candidate) => candidate.id === param(context, 'id'));
  if (!type) throw notFound();
  return { body: pickFields(type, requestedFields(context.query)) };
}

type CustomActivityField = 'string' | 'datetime' | 'boolean' | 'object';

/** CreateCustomActivity's fields and types; all but the required ids and `status` may be null. */
const CUSTOM_ACTIVITY_CREATE: Record<string, CustomActivityField> = {
  activity_at: 'datetime',
  contact_id: 'string',
  created_by_id: 'string',
  custom_activity_type_id: 'string',
  custom_fields: 'object',
  date_created: 'datetime',
  lead_id: 'string',
  organization_id: 'string',
  pinned: 'boolean',
  user_id: 'string',
};

/** Reference fields are reported under the model's name, as for calls and notes. */
const CUSTOM_ACTIVITY_ERROR_KEYS: Record<string, string> = {
  lead_id: 'lead',
  contact_id: 'contact',
  user_id: 'user',
  created_by_id: 'created_by',
  custom_activity_type_id: 'custom_activity_type',
  organization_id: 'organization',
};

function customActivityErrorKey(field: string): string {
  return CUSTOM_ACTIVITY_ERROR_KEYS[field] ?? field;
}

function customActivityValue(type: CustomActivityField, value: unknown): boolean {
  if (type === 'string') return typeof value === 'string';
  if (type === 'boolean') return typeof value === 'boolean';
  if (type === 'object') return isRecord(value);
  return typeof value === 'string' && parseDateTime(value) !== undefined;
}

const CUSTOM_ACTIVITY_TYPE_MESSAGES: Record<CustomActivityField, string> = {
  string: 'Not a valid string.',
  datetime: 'Not a valid datetime.',
  boolean: 'Not a valid boolean.',
  object: 'Not a valid mapping type.',
};

/** Custom field values from `custom.<id>` keys and the `custom_fields` object, keyed by field id. */
function customFieldValues(body: Record<string, unknown>, fields: Record<string, unknown>) {
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key.startsWith('custom.')) values[key.slice('custom.'.length)] = value;
  }
  if (isRecord(fields.custom_fields)) {
    for (const [key, value] of Object.entries(fields.custom_fields)) {
      values[key.startsWith('custom.') ? key.slice('custom.'.length) : key] = value;
    }
  }
  return values;
}

function userById(state: CloseState, id: unknown, fallback: CloseUser): CloseUser | undefined {
  if (id === undefined || id === null) return fallback;
  return typeof id === 'string' ? findUser(state, id) : undefined;
}

/**
 * `POST /activity/custom/` (CreateCustomActivity): `custom_activity_type_id` and `lead_id` are required.
 * Published instances (the default) must fill the type's required fields; drafts need not. A value for a field
 * the type does not have is refused (Close's message is UNCONFIRMED).
 */
export function createCustomActivity(context: ApiContext): ApiResult {
  const { state, user: actor } = context;
  const body = requireObjectBody(context.body);
  const errors = new FieldErrors();
  const fields: Record<string, unknown> = {};
  for (const [field, type] of Object.entries(CUSTOM_ACTIVITY_CREATE)) {
    const value = body[field];
    if (value === undefined) continue;
    if (value !== null && !customActivityValue(type, value)) {
      errors.add(customActivityErrorKey(field), CUSTOM_ACTIVITY_TYPE_MESSAGES[type]);
    } else fields[field] = value;
  }
  const status = body.status ?? 'published';
  if (status !== 'published' && status !== 'draft') errors.add('status', 'Must be one of: draft, published.');

  const typeId = fields.custom_activity_type_id;
  const type = state.customActivityTypes.find((candidate) => candidate.id === typeId);
  if (typeof typeId !== 'string' || typeId === '') {
    if (!errors.has('custom_activity_type')) errors.add('custom_activity_type', 'This field is required.');
  } else if (!type) errors.add('custom_activity_type', 'Object does not exist.');
  const leadId = fields.lead_id;
  if (typeof leadId !== 'string' || leadId === '') {
    if (!errors.has('lead')) errors.add('lead', 'This field is required.');
  } else if (!findLead(state, leadId)) errors.add('lead', 'Object does not exist.');
  const contactId = fields.contact_id;
  if (typeof contactId === 'string') {
    const contact = findContact(state, contactId);
    if (!contact) errors.add('contact', 'Object does not exist.');
    else if (contact.lead_id !== leadId) errors.add('contact', 'The contact does not belong to the lead.');
  }
  const owner = userById(state, fields.user_id, actor);
  if (!owner) errors.add('user', 'User does not exist.');
  const creator = userById(state, fields.created_by_id, actor);
  if (!creator) errors.add('created_by', 'User does not exist.');
  if (typeof fields.organization_id === 'string' && fields.organization_id !== state.organization.id) {
    errors.add('organization', 'Must be your organization.');
  }
  const values = customFieldValues(body, fields);
  if (type) {
    for (const id of Object.keys(values)) {
      if (!type.fields.some((field) => field.id === id)) {
        errors.add(`custom.${id}`, 'Not a custom field of this activity type.');
      }
    }
    if (status === 'published') {
      for (const field of type.fields) {
        const value = values[field.id];
        if (field.required && (value === undefined || value === null || value === '')) {
          errors.add(`custom.${field.id}`, 'This field is required.');
        }
      }
    }
  }
  errors.throwIfAny();
  if (!owner || !creator) throw new Error('unreachable: users were checked');

  const now = closeTimestamp(new Date());
  const dateCreated = (fields.date_created as string | null | undefined) ?? now;
  const activity: CloseCustomActivity = {
    id: closeId('acti', randomUUID()),
    _type: 'CustomActivity',
    organization_id: state.organization.id,
    lead_id: leadId as string,
    contact_id: (contactId as string | null | undefined) ?? null,
    user_id: owner.id,
    user_name: userName(owner),
    created_by: creator.id,
    created_by_name: userName(creator),
    updated_by: actor.id,
    updated_by_name: userName(actor),
    date_created: dateCreated,
    date_updated: now,
    activity_at: (fields.activity_at as string | null | undefined) ?? dateCreated,
    users: [owner.id],
    custom_activity_type_id: typeId as string,
    status: status as CloseCustomActivity['status'],
    pinned: fields.pinned === true,
  };
  for (const [id, value] of Object.entries(values)) activity[`custom.${id}`] = value;
  state.customActivities ??= [];
  state.customActivities.push(activity);
  return { body: { ...activity } };
}
