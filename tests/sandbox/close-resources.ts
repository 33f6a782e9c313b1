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
  type CloseEmail,
  type CloseLead,
  type ClosePhone,
  type CloseState,
  type CloseUser,
  findContact,
  findLead,
} from './close-model';
import { closePhone, closeTimestamp } from './close-values';

/** Handlers for the read/update resources: me, users, leads, contacts, outcomes, custom activity types. */

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
    lead.name.toLowerCase().includes(value) ||
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
 * PUT patches top-level keys and replaces arrays whole (Close (3)). Keys the sandbox does not model, such as
 * custom fields, are ignored rather than refused.
 */
export function updateContact(context: ApiContext): ApiResult {
  const { state, user } = context;
  const contact = findContact(state, param(context, 'id'));
  if (!contact) throw notFound();
  const body = requireObjectBody(context.body);
  const errors = new FieldErrors();
  const patch: Partial<CloseContact> = {};

  const name = nullableString(body, 'name', errors);
  if (name !== undefined) patch.name = name;
  const title = nullableString(body, 'title', errors);
  if (title !== undefined) patch.title = title;
  if ('phones' in body) {
    const items = itemList(body, 'phones', errors);
    const phones = items && parsePhones(items, errors);
    if (phones) patch.phones = phones;
  }
  if ('emails' in body) {
    const items = itemList(body, 'emails', errors);
    const emails = items && parseEmails(items, errors);
    if (emails) patch.emails = emails;
  }
  if ('urls' in body) {
    const items = itemList(body, 'urls', errors);
    if (items?.every((item) => typeof item.url === 'string')) {
      patch.urls = items.map((item) => ({ url: String(item.url), type: String(item.type ?? 'url') }));
    } else if (items) errors.add('urls', 'Every item needs a url string.');
  }
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
