import { isValidPhoneNumber } from 'libphonenumber-js';

/**
 * The sandbox Entity CRM's in-memory data (seed 002). The seed documents paths, auth and the `{"error": "..."}`
 * error body; almost every response shape is `{}` there, so the JSON shapes below are the sandbox's design and
 * UNCONFIRMED: camelCase keys, UUID ids, ISO timestamps, lists wrapped in a plural key (as the one documented
 * shape, `GET pipeline-stages` → `{"stages": [...]}`, is).
 */

export type EntityScope = 'read:crm' | 'write:crm';

export interface EntityApiKey {
  entityId: string;
  scopes: EntityScope[];
}

export interface Entity {
  id: string;
  name: string;
}

/** Stored as typed: the sandbox does not normalize numbers (UNCONFIRMED, and the point of the "needs cleanup" flag). */
export interface EntityPhone {
  number: string;
  type: string;
  isPrimary: boolean;
}

export interface EntityEmail {
  email: string;
  type: string;
  isPrimary: boolean;
}

export interface EntityContact {
  id: string;
  entityId: string;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  phones: EntityPhone[];
  emails: EntityEmail[];
  notes: string | null;
  ownerId: string | null;
  lastActivityAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const COMPANY_TYPES = ['prospect', 'customer', 'vendor', 'both'] as const;
export const COMPANY_STATUSES = ['active', 'inactive'] as const;

export interface EntityCompany {
  id: string;
  entityId: string;
  name: string;
  type: (typeof COMPANY_TYPES)[number];
  status: (typeof COMPANY_STATUSES)[number];
  ownerId: string | null;
  website: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface EntityMembership {
  id: string;
  entityId: string;
  contactId: string;
  companyId: string;
  role: string | null;
  isPrimary: boolean;
  createdAt: string;
}

export interface EntityStage {
  id: string;
  entityId: string;
  name: string;
  kind: 'open' | 'won' | 'lost';
  sortOrder: number;
  defaultProbabilityPct: number;
  colorKey: string;
  systemKey: string | null;
}

export interface EntityLead {
  id: string;
  entityId: string;
  title: string;
  stageId: string;
  companyId: string | null;
  contactId: string | null;
  ownerId: string | null;
  valueCents: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface EntityLeadEvent {
  id: string;
  leadId: string;
  kind: 'created' | 'stage_changed';
  at: string;
  fromStageId: string | null;
  toStageId: string | null;
}

/** Activity `type` values the sandbox accepts. The seed shows only "call"; the rest are UNCONFIRMED. */
export const ACTIVITY_TYPES = ['call', 'email', 'sms', 'whatsapp', 'meeting', 'note'] as const;
export type EntityActivityType = (typeof ACTIVITY_TYPES)[number];

export interface EntityActivity {
  id: string;
  entityId: string;
  type: EntityActivityType;
  subject: string;
  body: string | null;
  contactId: string | null;
  leadId: string | null;
  occurredAt: string;
  durationSeconds: number | null;
  direction: 'inbound' | 'outbound' | null;
  phone: string | null;
  externalId: string | null;
  createdAt: string;
}

export interface EntityTask {
  id: string;
  entityId: string;
  title: string;
  status: 'open' | 'done';
  dueAt: string | null;
  contactId: string | null;
  leadId: string | null;
  assigneeId: string | null;
  createdAt: string;
}

export interface EntityCrmState {
  entities: Entity[];
  apiKeys: Record<string, EntityApiKey>;
  contacts: Map<string, EntityContact>;
  /** Contact ids per entity in creation order: listing slices this, so a 50,000-contact page stays O(page). */
  contactOrder: Map<string, string[]>;
  companies: Map<string, EntityCompany>;
  memberships: Map<string, EntityMembership>;
  stages: EntityStage[];
  leads: Map<string, EntityLead>;
  leadEvents: EntityLeadEvent[];
  activities: EntityActivity[];
  tasks: EntityTask[];
  /** Next serial for generated ids, per kind. */
  serials: Record<string, number>;
  /** The sandbox clock's "now" for created records; moves forward one second per write. */
  clock: number;
}

/** Id families: a readable 8-hex prefix per kind, then a serial. Every one is a syntactically valid UUID. */
const ID_PREFIX = {
  entity: 'e0717100',
  contact: 'c0a7ac70',
  company: 'c0aa7a00',
  membership: 'aeab0000',
  stage: '57a90000',
  lead: '1ead0000',
  event: 'e0e70000',
  activity: 'ac710000',
  task: '7a5c0000',
} as const;
export type IdKind = keyof typeof ID_PREFIX;

export function entityUuid(kind: IdKind, serial: number): string {
  return `${ID_PREFIX[kind]}-0000-4000-8000-${serial.toString(16).padStart(12, '0')}`;
}

export function nextId(state: EntityCrmState, kind: IdKind): string {
  const serial = (state.serials[kind] ?? 0) + 1;
  state.serials[kind] = serial;
  return entityUuid(kind, serial);
}

export function tick(state: EntityCrmState): string {
  state.clock += 1000;
  return new Date(state.clock).toISOString();
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The demo credentials. Keys are per entity, as the seed says ("must match the API key's entity"). */
export const ENTITY_DEMO = {
  apiKey: 'ak_RingsideDemoEntity0001',
  entityId: entityUuid('entity', 1),
  /** A real entity that `apiKey` does not belong to: using it with `apiKey` is a 403. */
  otherEntityId: entityUuid('entity', 2),
  /** The key of the other entity. */
  otherApiKey: 'ak_RingsideDemoOtherEntity0002',
  /** read:crm only: every write is a 403. */
  readOnlyApiKey: 'ak_RingsideDemoReadOnly0003',
} as const;

const SEED_START = Date.parse('2026-01-05T09:00:00.000Z');

/** The named seed records. Ids are fixed by creation order in createEntityCrmState(). */
export const ENTITY_SEEDED = {
  entity: { id: ENTITY_DEMO.entityId, name: 'Ringside Demo Agency' },
  otherEntity: { id: ENTITY_DEMO.otherEntityId, name: 'Other Agency Ltd' },
  acme: { companyId: entityUuid('company', 1), name: 'Acme Robotics' },
  jane: {
    id: entityUuid('contact', 1),
    name: 'Jane Doe',
    title: 'Head of Talent',
    company: 'Acme Robotics',
    /** As stored: national US text without a country code. */
    mobileRaw: '(415) 555-2671',
    mobile: '+14155552671',
    officeRaw: '+1 415-555-0132',
    office: '+14155550132',
    email: 'jane.doe@acme-robotics.example',
  },
  priya: {
    id: entityUuid('contact', 2),
    name: 'Priya Patel',
    title: 'Senior Recruiter',
    company: 'Northwind Staffing',
    raw: '+44 20 7946 0958',
    phone: '+442079460958',
    email: 'priya@northwind.example',
  },
  /** Two contacts sharing one number, stored in two different formats. */
  shared: {
    phone: '+13125550199',
    contactIds: [entityUuid('contact', 3), entityUuid('contact', 4)],
    names: ['Marcus Lee', 'Dana Whitfield'],
  },
  /** A contact whose only number is not a phone number at all: the "needs cleanup" case. */
  cleanup: { id: entityUuid('contact', 5), name: 'Vanity Number', raw: '555-CALL-NOW', raw2: '12345' },
  /** Values with HTML metacharacters, for the page's escaping. */
  escaping: { id: entityUuid('contact', 6), name: `Chris "CJ" O'Neil <Ops>`, company: `Barker & O'Neil` },
  /** The one contact of the other entity: never visible with the demo key. */
  otherContact: { id: entityUuid('contact', 7), name: 'Olivia Other' },
  /** A seeded call on Jane. */
  janeCall: { id: entityUuid('activity', 1) },
  stages: { newLead: entityUuid('stage', 1), qualified: entityUuid('stage', 2) },
  lead: { id: entityUuid('lead', 1), title: 'Acme Robotics: 3 robotics engineers' },
} as const;

/** Named contacts come first, so `ENTITY_SEEDED_COUNT` of them precede any generated ones. */
export const ENTITY_SEEDED_COUNT = 6;

interface ContactSeed {
  firstName: string | null;
  lastName: string | null;
  title?: string | null;
  phones?: [string, string][];
  emails?: string[];
  entityId?: string;
}

export function addContact(state: EntityCrmState, seed: ContactSeed): EntityContact {
  const at = tick(state);
  const contact: EntityContact = {
    id: nextId(state, 'contact'),
    entityId: seed.entityId ?? ENTITY_DEMO.entityId,
    firstName: seed.firstName,
    lastName: seed.lastName,
    title: seed.title ?? null,
    phones: (seed.phones ?? []).map(([number, type], index) => ({ number, type, isPrimary: index === 0 })),
    emails: (seed.emails ?? []).map((email, index) => ({ email, type: 'work', isPrimary: index === 0 })),
    notes: null,
    ownerId: null,
    lastActivityAt: null,
    createdAt: at,
    updatedAt: at,
  };
  state.contacts.set(contact.id, contact);
  const order = state.contactOrder.get(contact.entityId) ?? [];
  order.push(contact.id);
  state.contactOrder.set(contact.entityId, order);
  return contact;
}

export function addCompany(state: EntityCrmState, name: string, entityId: string = ENTITY_DEMO.entityId) {
  const at = tick(state);
  const company: EntityCompany = {
    id: nextId(state, 'company'),
    entityId,
    name,
    type: 'customer',
    status: 'active',
    ownerId: null,
    website: null,
    createdAt: at,
    updatedAt: at,
  };
  state.companies.set(company.id, company);
  return company;
}

export function addMembership(
  state: EntityCrmState,
  contact: EntityContact,
  company: EntityCompany,
  role: string | null = null,
): EntityMembership {
  const isPrimary = ![...state.memberships.values()].some((other) => other.contactId === contact.id);
  const membership: EntityMembership = {
    id: nextId(state, 'membership'),
    entityId: contact.entityId,
    contactId: contact.id,
    companyId: company.id,
    role,
    isPrimary,
    createdAt: tick(state),
  };
  state.memberships.set(membership.id, membership);
  return membership;
}

export function createEntityCrmState(): EntityCrmState {
  const state: EntityCrmState = {
    entities: [ENTITY_SEEDED.entity, ENTITY_SEEDED.otherEntity],
    apiKeys: {
      [ENTITY_DEMO.apiKey]: { entityId: ENTITY_DEMO.entityId, scopes: ['read:crm', 'write:crm'] },
      [ENTITY_DEMO.otherApiKey]: { entityId: ENTITY_DEMO.otherEntityId, scopes: ['read:crm', 'write:crm'] },
      [ENTITY_DEMO.readOnlyApiKey]: { entityId: ENTITY_DEMO.entityId, scopes: ['read:crm'] },
    },
    contacts: new Map(),
    contactOrder: new Map(),
    companies: new Map(),
    memberships: new Map(),
    stages: [],
    leads: new Map(),
    leadEvents: [],
    activities: [],
    tasks: [],
    serials: {},
    clock: SEED_START,
  };
  const { jane, priya, cleanup, escaping } = ENTITY_SEEDED;
  const acme = addCompany(state, jane.company);
  const northwind = addCompany(state, priya.company);
  const barker = addCompany(state, escaping.company);

  const janeContact = addContact(state, {
    firstName: 'Jane',
    lastName: 'Doe',
    title: jane.title,
    phones: [
      [jane.mobileRaw, 'mobile'],
      [jane.officeRaw, 'work'],
    ],
    emails: [jane.email],
  });
  const priyaContact = addContact(state, {
    firstName: 'Priya',
    lastName: 'Patel',
    title: priya.title,
    phones: [[priya.raw, 'work']],
    emails: [priya.email],
  });
  addContact(state, {
    firstName: 'Marcus',
    lastName: 'Lee',
    phones: [['+1 312-555-0199', 'work']],
    emails: ['marcus.lee@lakeside-logistics.example'],
  });
  addContact(state, {
    firstName: 'Dana',
    lastName: 'Whitfield',
    phones: [['312.555.0199', 'mobile']],
    emails: ['dana@harbor-health.example'],
  });
  addContact(state, {
    firstName: 'Vanity',
    lastName: 'Number',
    phones: [
      [cleanup.raw, 'work'],
      [cleanup.raw2, 'other'],
    ],
  });
  const cj = addContact(state, {
    firstName: `Chris "CJ"`,
    lastName: `O'Neil <Ops>`,
    title: 'Director <Ops> & People',
    phones: [['+1 617-555-0123', 'work']],
    emails: ['cj.oneil@barker-oneil.example'],
  });
  addContact(state, {
    firstName: 'Olivia',
    lastName: 'Other',
    phones: [['+44 7700 900123', 'mobile']],
    entityId: ENTITY_DEMO.otherEntityId,
  });
  addMembership(state, janeContact, acme, 'Head of Talent');
  addMembership(state, priyaContact, northwind);
  addMembership(state, cj, barker);

  const stageSeeds: [string, EntityStage['kind'], number, string][] = [
    ['New', 'open', 10, 'new'],
    ['Qualified', 'open', 30, 'qualified'],
    ['Proposal', 'open', 60, 'proposal'],
    ['Won', 'won', 100, 'won'],
    ['Lost', 'lost', 0, 'lost'],
  ];
  for (const [index, [name, kind, pct, key]] of stageSeeds.entries()) {
    state.stages.push({
      id: nextId(state, 'stage'),
      entityId: ENTITY_DEMO.entityId,
      name,
      kind,
      sortOrder: index,
      defaultProbabilityPct: pct,
      colorKey: kind === 'open' ? 'blue' : kind === 'won' ? 'green' : 'gray',
      systemKey: key,
    });
  }
  const leadAt = tick(state);
  const lead: EntityLead = {
    id: nextId(state, 'lead'),
    entityId: ENTITY_DEMO.entityId,
    title: ENTITY_SEEDED.lead.title,
    stageId: ENTITY_SEEDED.stages.newLead,
    companyId: acme.id,
    contactId: janeContact.id,
    ownerId: null,
    valueCents: 4_500_000,
    createdAt: leadAt,
    updatedAt: leadAt,
  };
  state.leads.set(lead.id, lead);
  state.leadEvents.push({
    id: nextId(state, 'event'),
    leadId: lead.id,
    kind: 'created',
    at: leadAt,
    fromStageId: null,
    toStageId: lead.stageId,
  });
  const callAt = tick(state);
  state.activities.push({
    id: nextId(state, 'activity'),
    entityId: ENTITY_DEMO.entityId,
    type: 'call',
    subject: 'Intro call',
    body: 'Talked about the three open robotics roles.',
    contactId: janeContact.id,
    leadId: lead.id,
    occurredAt: callAt,
    durationSeconds: 540,
    direction: 'outbound',
    phone: jane.mobile,
    externalId: null,
    createdAt: callAt,
  });
  janeContact.lastActivityAt = callAt;
  state.tasks.push({
    id: nextId(state, 'task'),
    entityId: ENTITY_DEMO.entityId,
    title: 'Send Jane the shortlist',
    status: 'open',
    dueAt: '2026-01-09T17:00:00.000Z',
    contactId: janeContact.id,
    leadId: lead.id,
    assigneeId: null,
    createdAt: tick(state),
  });
  return state;
}

const FIRST_NAMES = (
  'Avery Blake Casey Devon Elliot Finley Gray Harper Indy Jordan Kai Logan Morgan Noel Oakley ' +
  'Parker Quinn Reese Sage Taylor Umi Vale Wren Yael Zion Ari Bo Cam Drew Eden Frankie Gale'
).split(' ');
const LAST_NAMES = (
  'Abbott Baker Castillo Dawson Ellis Fischer Garcia Hughes Ibarra Jensen Kowalski Lambert Moreno ' +
  'Nakamura Okafor Petrov Quintero Rossi Schmidt Tanaka Underwood Vargas Walsh Xu Yilmaz Zimmerman'
).split(' ');

/** Area codes the named contacts use, kept out of the generated numbers so their lookups stay exact. */
const RESERVED_AREA_CODES = new Set([415, 312, 617]);
let areaCodes: number[] | undefined;

/** US area codes where 555-01XX (the fictional range) is a valid number, computed once. */
function fictionalAreaCodes(): number[] {
  areaCodes ??= Array.from({ length: 800 }, (_, index) => 200 + index).filter(
    (code) => !RESERVED_AREA_CODES.has(code) && isValidPhoneNumber(`+1${code}5550100`),
  );
  return areaCodes;
}

/** Ways CRMs' users type numbers: the adapter must normalize all of them. */
const FORMATS = [
  (area: number, line: string) => `(${area}) 555-${line}`,
  (area: number, line: string) => `+1 ${area}-555-${line}`,
  (area: number, line: string) => `${area}.555.${line}`,
  (area: number, line: string) => `+1${area}555${line}`,
] as const;

/**
 * Adds `count` generated contacts to the demo entity (the index-sync benchmark uses 50,000). Deterministic:
 * the same state and count always give the same people. Numbers are fictional 555-01XX numbers across the
 * area codes where that range is valid (about 30,000 distinct); beyond that they repeat.
 */
export function seedEntityContacts(state: EntityCrmState, count: number): EntityContact[] {
  const codes = fictionalAreaCodes();
  const added: EntityContact[] = [];
  const start = state.serials.generated ?? 0;
  for (let offset = 0; offset < count; offset++) {
    const index = start + offset;
    const first = FIRST_NAMES[index % FIRST_NAMES.length] ?? 'Alex';
    const last = LAST_NAMES[Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length] ?? 'Smith';
    const slot = index % (codes.length * 100);
    const area = codes[Math.floor(slot / 100)] ?? 201;
    const line = String(100 + (slot % 100)).padStart(4, '0');
    const format = FORMATS[index % FORMATS.length] ?? FORMATS[0];
    added.push(
      addContact(state, {
        firstName: first,
        lastName: last,
        phones: [[format(area, line), index % 2 ? 'work' : 'mobile']],
        emails: [`${first}.${last}.${index}@generated.example`.toLowerCase()],
      }),
    );
  }
  state.serials.generated = start + count;
  return added;
}
