import {
  badRequest,
  bodyObject,
  EntityApiError,
  type EntityContext,
  type EntityResult,
  notFound,
  pageBody,
  text,
  uuidParam,
  uuidQuery,
} from './http';
import {
  addContact,
  type EntityCompany,
  type EntityContact,
  type EntityCrmState,
  type EntityEmail,
  type EntityMembership,
  type EntityPhone,
  nextId,
  tick,
} from './model';

/** Contacts and their company memberships. Contact JSON is the stored record plus `fullName` (UNCONFIRMED). */

export function contactJson(contact: EntityContact) {
  const fullName = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
  return {
    ...contact,
    fullName,
    phones: contact.phones.map((p) => ({ ...p })),
    emails: contact.emails.map((e) => ({ ...e })),
  };
}

export function findContact(context: EntityContext, id: string): EntityContact {
  const contact = context.state.contacts.get(id);
  if (!contact || contact.entityId !== context.entityId) throw notFound('Contact');
  return contact;
}

export function findCompany(context: EntityContext, id: string): EntityCompany {
  const company = context.state.companies.get(id);
  if (!company || company.entityId !== context.entityId) throw notFound('Company');
  return company;
}

const MAX_ENTRIES = 20;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Phones as `[{number, type?, isPrimary?}]`; plain strings are accepted too. Stored as typed (no normalizing). */
function readPhones(value: unknown): EntityPhone[] {
  if (!Array.isArray(value)) throw badRequest('phones must be an array');
  if (value.length > MAX_ENTRIES) throw badRequest(`phones can hold at most ${MAX_ENTRIES} numbers`);
  const phones = value.map((entry: unknown, index): EntityPhone => {
    const item = typeof entry === 'string' ? { number: entry } : entry;
    if (!item || typeof item !== 'object') throw badRequest(`phones[${index}] must be an object`);
    const { number, type, isPrimary } = item as Record<string, unknown>;
    if (typeof number !== 'string' || !number.trim() || number.trim().length > 64) {
      throw badRequest(`phones[${index}].number must be a non-empty string of at most 64 characters`);
    }
    if (type !== undefined && type !== null && (typeof type !== 'string' || type.length > 32)) {
      throw badRequest(`phones[${index}].type must be a string of at most 32 characters`);
    }
    return {
      number: number.trim(),
      type: typeof type === 'string' && type ? type : 'other',
      isPrimary: isPrimary === true,
    };
  });
  if (phones.length && !phones.some((phone) => phone.isPrimary) && phones[0]) phones[0].isPrimary = true;
  return phones;
}

function readEmails(value: unknown): EntityEmail[] {
  if (!Array.isArray(value)) throw badRequest('emails must be an array');
  if (value.length > MAX_ENTRIES) throw badRequest(`emails can hold at most ${MAX_ENTRIES} addresses`);
  const emails = value.map((entry: unknown, index): EntityEmail => {
    const item = typeof entry === 'string' ? { email: entry } : entry;
    if (!item || typeof item !== 'object') throw badRequest(`emails[${index}] must be an object`);
    const { email, type, isPrimary } = item as Record<string, unknown>;
    if (typeof email !== 'string' || !EMAIL_PATTERN.test(email.trim()) || email.length > 254) {
      throw badRequest(`emails[${index}].email is not a valid email address`);
    }
    return {
      email: email.trim(),
      type: typeof type === 'string' && type ? type.slice(0, 32) : 'work',
      isPrimary: isPrimary === true,
    };
  });
  if (emails.length && !emails.some((email) => email.isPrimary) && emails[0]) emails[0].isPrimary = true;
  return emails;
}

/** The fields a create or PATCH may set. Unknown keys are ignored (UNCONFIRMED). Arrays replace whole lists. */
function readContactFields(body: Record<string, unknown>): Partial<EntityContact> {
  const out: Partial<EntityContact> = {};
  const firstName = text(body, 'firstName', { max: 256 });
  const lastName = text(body, 'lastName', { max: 256 });
  const title = text(body, 'title', { max: 256 });
  const notes = text(body, 'notes', { max: 10_000 });
  if (firstName !== undefined) out.firstName = firstName || null;
  if (lastName !== undefined) out.lastName = lastName || null;
  if (title !== undefined) out.title = title || null;
  if (notes !== undefined) out.notes = notes || null;
  if (body.phones !== undefined) out.phones = body.phones === null ? [] : readPhones(body.phones);
  if (body.emails !== undefined) out.emails = body.emails === null ? [] : readEmails(body.emails);
  return out;
}

export function listContacts(context: EntityContext): EntityResult {
  const { state, entityId, query } = context;
  // The seed documents one UUID filter besides entityId on GET contacts; `companyId` is the guess (UNCONFIRMED).
  const companyId = uuidQuery(context, 'companyId');
  const order = state.contactOrder.get(entityId) ?? [];
  let ids: readonly string[] = order;
  if (companyId) {
    const members = new Set(
      [...state.memberships.values()].filter((m) => m.companyId === companyId).map((m) => m.contactId),
    );
    ids = order.filter((id) => members.has(id));
  }
  return {
    body: pageBody('contacts', ids, query, (id) => {
      const contact = state.contacts.get(id);
      if (!contact) throw new Error(`contact order out of sync: ${id}`);
      return contactJson(contact);
    }),
  };
}

export function createContact(context: EntityContext): EntityResult {
  const fields = readContactFields(bodyObject(context));
  if (!fields.firstName && !fields.lastName) throw badRequest('firstName or lastName is required');
  const contact = addContact(context.state, {
    firstName: fields.firstName ?? null,
    lastName: fields.lastName ?? null,
    title: fields.title ?? null,
    entityId: context.entityId,
  });
  Object.assign(contact, {
    phones: fields.phones ?? [],
    emails: fields.emails ?? [],
    notes: fields.notes ?? null,
  });
  return { status: 201, body: { contact: contactJson(contact) } };
}

export function getContact(context: EntityContext): EntityResult {
  const contact = findContact(context, uuidParam(context, 'id', 'contact'));
  return { body: { contact: contactJson(contact) } };
}

export function patchContact(context: EntityContext): EntityResult {
  const contact = findContact(context, uuidParam(context, 'id', 'contact'));
  const fields = readContactFields(bodyObject(context));
  const firstName = fields.firstName === undefined ? contact.firstName : fields.firstName;
  const lastName = fields.lastName === undefined ? contact.lastName : fields.lastName;
  if (!firstName && !lastName) throw badRequest('firstName or lastName is required');
  Object.assign(contact, fields, { updatedAt: tick(context.state) });
  return { body: { contact: contactJson(contact) } };
}

export function deleteContact(context: EntityContext): EntityResult {
  const { state } = context;
  const contact = findContact(context, uuidParam(context, 'id', 'contact'));
  state.contacts.delete(contact.id);
  const order = state.contactOrder.get(contact.entityId) ?? [];
  order.splice(order.indexOf(contact.id), 1);
  for (const [id, membership] of state.memberships) {
    if (membership.contactId === contact.id) state.memberships.delete(id);
  }
  return { status: 204, body: undefined };
}

function membershipJson(state: EntityCrmState, membership: EntityMembership) {
  const company = state.companies.get(membership.companyId);
  return { ...membership, company: company ? { id: company.id, name: company.name } : null };
}

function findMembership(context: EntityContext, contact: EntityContact): EntityMembership {
  const id = uuidParam(context, 'membershipId', 'membership');
  const membership = context.state.memberships.get(id);
  if (!membership || membership.contactId !== contact.id) throw notFound('Membership');
  return membership;
}

export function listMemberships(context: EntityContext): EntityResult {
  const { state } = context;
  const contact = findContact(context, uuidParam(context, 'id', 'contact'));
  const memberships = [...state.memberships.values()]
    .filter((membership) => membership.contactId === contact.id)
    .map((membership) => membershipJson(state, membership));
  return { body: { memberships } };
}

export function createMembership(context: EntityContext): EntityResult {
  const { state } = context;
  const contact = findContact(context, uuidParam(context, 'id', 'contact'));
  const body = bodyObject(context);
  const companyId = text(body, 'companyId', { max: 36, required: true }) ?? '';
  const company = state.companies.get(companyId.toLowerCase());
  if (!company || company.entityId !== context.entityId) throw badRequest('companyId does not exist');
  const existing = [...state.memberships.values()].some(
    (membership) => membership.contactId === contact.id && membership.companyId === company.id,
  );
  if (existing) throw new EntityApiError(409, 'Contact is already a member of this company');
  const first = ![...state.memberships.values()].some((membership) => membership.contactId === contact.id);
  const membership: EntityMembership = {
    id: nextId(state, 'membership'),
    entityId: context.entityId,
    contactId: contact.id,
    companyId: company.id,
    role: text(body, 'role', { max: 128 }) ?? null,
    isPrimary: body.isPrimary === true || first,
    createdAt: tick(state),
  };
  if (membership.isPrimary) {
    for (const other of state.memberships.values())
      if (other.contactId === contact.id) other.isPrimary = false;
  }
  state.memberships.set(membership.id, membership);
  return { status: 201, body: { membership: membershipJson(state, membership) } };
}

export function patchMembership(context: EntityContext): EntityResult {
  const { state } = context;
  const contact = findContact(context, uuidParam(context, 'id', 'contact'));
  const membership = findMembership(context, contact);
  const body = bodyObject(context);
  const role = text(body, 'role', { max: 128 });
  if (role !== undefined) membership.role = role || null;
  if (body.isPrimary === true) {
    for (const other of state.memberships.values())
      if (other.contactId === contact.id) other.isPrimary = false;
    membership.isPrimary = true;
  }
  return { body: { membership: membershipJson(state, membership) } };
}

export function deleteMembership(context: EntityContext): EntityResult {
  const contact = findContact(context, uuidParam(context, 'id', 'contact'));
  const membership = findMembership(context, contact);
  context.state.memberships.delete(membership.id);
  return { status: 204, body: undefined };
}
