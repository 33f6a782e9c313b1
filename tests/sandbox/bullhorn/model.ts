/**
 * The Bullhorn sandbox's data model and seed: entity field definitions (from the entityref pages), the OAuth
 * and session registries, and deterministic demo data. Everything lives in one plain state object that
 * tests may inspect and tweak (TTLs, rate limits, per-user flags).
 */

export type EntityName = 'Candidate' | 'ClientContact' | 'ClientCorporation' | 'Note' | 'CorporateUser';
export const ENTITY_NAMES: EntityName[] = [
  'Candidate',
  'ClientContact',
  'ClientCorporation',
  'Note',
  'CorporateUser',
];

export interface FieldDef {
  type: 'string' | 'number' | 'boolean' | 'timestamp' | 'toOne';
  /** Max length for strings. */
  max?: number;
  readOnly?: boolean;
  /** For to-one fields: the entity it points at ('Person' = Candidate or ClientContact). */
  target?: EntityName | 'Person';
  /** Free-text phone field: search matches on digits. */
  phone?: boolean;
}

const str = (max: number): FieldDef => ({ type: 'string', max });
const phone: FieldDef = { type: 'string', max: 20, phone: true };
const readOnlyId: FieldDef = { type: 'number', readOnly: true };
const stamp: FieldDef = { type: 'timestamp', readOnly: true };

export const ENTITY_FIELDS: Record<EntityName, Record<string, FieldDef>> = {
  Candidate: {
    id: readOnlyId,
    firstName: str(50),
    lastName: str(50),
    name: str(100),
    occupation: str(100),
    email: str(100),
    email2: str(100),
    email3: str(100),
    phone,
    phone2: phone,
    phone3: phone,
    mobile: phone,
    workPhone: phone,
    fax: phone,
    status: str(100),
    isDeleted: { type: 'boolean' },
    owner: { type: 'toOne', target: 'CorporateUser' },
    dateAdded: stamp,
    dateLastModified: stamp,
  },
  ClientContact: {
    id: readOnlyId,
    firstName: str(50),
    lastName: str(50),
    name: str(100),
    occupation: str(100),
    email: str(60),
    email2: str(100),
    email3: str(100),
    phone,
    phone2: phone,
    phone3: phone,
    mobile: phone,
    fax: phone,
    status: str(100),
    isDeleted: { type: 'boolean' },
    clientCorporation: { type: 'toOne', target: 'ClientCorporation' },
    owner: { type: 'toOne', target: 'CorporateUser' },
    dateAdded: stamp,
    dateLastModified: stamp,
  },
  // No isDeleted: a company's lifecycle is its status.
  ClientCorporation: {
    id: readOnlyId,
    name: str(100),
    phone,
    fax: phone,
    billingPhone: phone,
    companyURL: str(100),
    status: str(100),
    notes: str(2000),
    dateAdded: stamp,
    dateLastModified: stamp,
  },
  Note: {
    id: readOnlyId,
    action: str(30),
    comments: str(100_000),
    commentingPerson: { type: 'toOne', target: 'CorporateUser' },
    personReference: { type: 'toOne', target: 'Person' },
    dateAdded: { type: 'timestamp' },
    dateLastModified: stamp,
    minutesSpent: { type: 'number' },
    externalID: str(100),
    isDeleted: { type: 'boolean' },
  },
  CorporateUser: {
    id: readOnlyId,
    firstName: str(50),
    lastName: str(50),
    name: str(100),
    email: str(100),
    username: str(100),
    enabled: { type: 'boolean', readOnly: true },
    isDeleted: { type: 'boolean' },
    masterUserID: { type: 'number', readOnly: true },
  },
};

/** A stored entity. To-one fields hold `{ id }` (Note.personReference also `_subtype`). */
export type Row = { id: number } & Record<string, unknown>;

export interface ApiUser {
  username: string;
  password: string;
  corporateUserId: number;
  /** Until the API user accepts the terms of service, headless authorize answers with a consent page. */
  consented: boolean;
  /** Makes POST entity/Note/{id} answer 403 for this user (no note-edit rights). */
  noteEditForbidden: boolean;
}

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

export interface BullhornState {
  entities: Record<EntityName, Map<number, Row>>;
  nextId: number;
  corporationId: number;
  corporationName: string;
  commentActionList: string[];
  clients: OAuthClient[];
  apiUsers: ApiUser[];
  authCodes: Map<
    string,
    { clientId: string; username: string; redirectUri: string | undefined; expiresAt: number }
  >;
  accessTokens: Map<string, { clientId: string; username: string; expiresAt: number; used: boolean }>;
  /** Single use: `used` is set by the first successful refresh. */
  refreshTokens: Map<string, { clientId: string; username: string; used: boolean }>;
  sessions: Map<string, { username: string; expiresAt: number }>;
  accessTokenTtlSeconds: number;
  /** REST session lifetime (login's `ttl` minutes override it). Tests shorten it. */
  sessionTtlMs: number;
  /** 'old' makes loginInfo name a retired data center whose every path answers 307 to the current one. */
  loginInfoDataCenter: 'current' | 'old';
  /** Per BhRestToken, fixed window; a burst beyond `limit` gets 429 until the window ends. */
  rateLimit: { limit: number; windowMs: number };
  rateWindows: Map<string, { start: number; count: number }>;
  /** Counts of what the OAuth server issued, for tests. */
  issued: { codes: number; passwordTokens: number; refreshes: number; logins: number };
  now: () => number;
}

export const BULLHORN_DEMO = {
  clientId: 'ringside-demo-client',
  clientSecret: 'bh-demo-secret-7f3a9c',
  username: 'ringside.api',
  password: 'Demo-Passw0rd!',
} as const;

/** Other API users: one without note-edit rights, one that has not accepted the terms yet. */
export const BULLHORN_USERS = {
  noNoteEdit: { username: 'sam.api', password: 'Sam-Passw0rd!' },
  unconsented: { username: 'new.api', password: 'New-Passw0rd!' },
} as const;

export const CORP_TOKEN = 'rsb1';

export const BULLHORN_SEEDED = {
  organization: 'Ringside Demo Agency',
  riley: { id: 7, name: 'Riley Recruiter', email: 'riley@ringside-demo.example' },
  morgan: { id: 8, name: 'Morgan Manager', email: 'morgan@ringside-demo.example' },
  sam: { id: 9, name: 'Sam Sourcer', email: 'sam@ringside-demo.example' },
  /** isDeleted: never listed. */
  formerUser: { id: 10, name: 'Former User' },
  jane: {
    id: 101,
    name: 'Jane Doe',
    mobile: '(415) 555-2671',
    e164: '+14155552671',
    email: 'jane.doe@acme-robotics.example',
  },
  oliver: { id: 102, name: 'Oliver Bennett', mobile: '07400 123456', e164: '+447400123456' },
  priya: {
    id: 103,
    name: 'Priya Shah',
    phone: '+1 628 555 0147',
    workPhone: '628.555.0148',
    phone3: '555-0100',
  },
  /** Soft-deleted: searches must not find this number. */
  deletedCandidate: { id: 104, name: 'Dan Deleted', mobile: '(415) 555-0188', e164: '+14155550188' },
  chris: { id: 105, name: 'Chris Lee', mobile: '212-555-0147' },
  alex: {
    id: 201,
    name: 'Alex Morgan',
    phone: '415.555.0123',
    e164: '+14155550123',
    company: 'Acme Robotics',
  },
  taylor: { id: 202, name: 'Taylor Reed', phone: '+1 (212) 555-0147', company: 'Globex Staffing' },
  /** Chris Lee (Candidate) and Taylor Reed (ClientContact) share it. */
  sharedPhone: { e164: '+12125550147', count: 2 },
  unknownPhone: '+14155550199',
  acme: { id: 301, name: 'Acme Robotics', phone: '(415) 555-0100' },
  northwind: { id: 302, name: 'Northwind Logistics', phone: '020 7946 0000' },
  globex: { id: 303, name: 'Globex Staffing', phone: '+1 212 555 0199' },
  notes: {
    live: { id: 401, externalID: 'seed-call-0001' },
    /** Soft-deleted, on Jane. */
    deleted: { id: 402, externalID: 'seed-deleted-0001' },
  },
  commentActionList: ['Phone Call', 'Left Message', 'SMS', 'WhatsApp', 'Email', 'BD Call'],
} as const;

const SEED_TIME = Date.UTC(2025, 0, 6, 9, 0, 0);

function table(rows: Row[]): Map<number, Row> {
  return new Map(rows.map((row) => [row.id, row]));
}

export function createBullhornState(): BullhornState {
  const s = BULLHORN_SEEDED;
  const person = (row: Row): Row => ({
    isDeleted: false,
    status: 'Active',
    owner: { id: s.riley.id },
    dateAdded: SEED_TIME,
    dateLastModified: SEED_TIME,
    ...row,
  });
  const user = (id: number, firstName: string, lastName: string, email: string, username: string): Row => ({
    id,
    firstName,
    lastName,
    name: `${firstName} ${lastName}`,
    email,
    username,
    enabled: true,
    isDeleted: false,
    masterUserID: 90_000 + id,
  });
  return {
    entities: {
      CorporateUser: table([
        user(s.riley.id, 'Riley', 'Recruiter', s.riley.email, BULLHORN_DEMO.username),
        user(s.morgan.id, 'Morgan', 'Manager', s.morgan.email, 'morgan'),
        user(s.sam.id, 'Sam', 'Sourcer', s.sam.email, BULLHORN_USERS.noNoteEdit.username),
        {
          ...user(s.formerUser.id, 'Former', 'User', 'former@ringside-demo.example', 'former'),
          isDeleted: true,
        },
        user(11, 'New', 'Integration', 'new.api@ringside-demo.example', BULLHORN_USERS.unconsented.username),
      ]),
      ClientCorporation: table([
        {
          id: s.acme.id,
          name: s.acme.name,
          phone: s.acme.phone,
          status: 'Active Account',
          dateAdded: SEED_TIME,
        },
        {
          id: s.northwind.id,
          name: s.northwind.name,
          phone: s.northwind.phone,
          billingPhone: '020 7946 0001',
          status: 'Prospect',
          dateAdded: SEED_TIME,
        },
        {
          id: s.globex.id,
          name: s.globex.name,
          phone: s.globex.phone,
          status: 'Active Account',
          dateAdded: SEED_TIME,
        },
      ]),
      Candidate: table([
        person({
          id: s.jane.id,
          firstName: 'Jane',
          lastName: 'Doe',
          name: s.jane.name,
          occupation: 'Robotics Engineer',
          mobile: s.jane.mobile,
          phone: null,
          email: s.jane.email,
        }),
        person({
          id: s.oliver.id,
          firstName: 'Oliver',
          lastName: 'Bennett',
          name: s.oliver.name,
          mobile: s.oliver.mobile,
          email: 'oliver.bennett@example.co.uk',
        }),
        person({
          id: s.priya.id,
          firstName: 'Priya',
          lastName: 'Shah',
          name: s.priya.name,
          phone: s.priya.phone,
          workPhone: s.priya.workPhone,
          phone3: s.priya.phone3,
          email: 'priya.shah@example.com',
          email2: 'priya@home.example',
        }),
        person({
          id: s.deletedCandidate.id,
          firstName: 'Dan',
          lastName: 'Deleted',
          name: s.deletedCandidate.name,
          mobile: s.deletedCandidate.mobile,
          email: 'dan.deleted@example.com',
          isDeleted: true,
        }),
        person({
          id: s.chris.id,
          firstName: 'Chris',
          lastName: 'Lee',
          name: s.chris.name,
          mobile: s.chris.mobile,
          email: 'chris.lee@example.com',
        }),
      ]),
      ClientContact: table([
        person({
          id: s.alex.id,
          firstName: 'Alex',
          lastName: 'Morgan',
          name: s.alex.name,
          occupation: 'Talent Partner',
          phone: s.alex.phone,
          email: 'alex.morgan@acme-robotics.example',
          clientCorporation: { id: s.acme.id },
        }),
        person({
          id: s.taylor.id,
          firstName: 'Taylor',
          lastName: 'Reed',
          name: s.taylor.name,
          phone: s.taylor.phone,
          email: 'taylor.reed@globex.example',
          clientCorporation: { id: s.globex.id },
        }),
      ]),
      Note: table([
        {
          id: s.notes.live.id,
          personReference: { id: s.jane.id, _subtype: 'Candidate' },
          commentingPerson: { id: s.riley.id },
          action: 'Phone Call',
          comments: 'Intro call about the robotics role.',
          dateAdded: SEED_TIME,
          dateLastModified: SEED_TIME,
          minutesSpent: 5,
          externalID: s.notes.live.externalID,
          isDeleted: false,
        },
        {
          id: s.notes.deleted.id,
          personReference: { id: s.jane.id, _subtype: 'Candidate' },
          commentingPerson: { id: s.riley.id },
          action: 'Left Message',
          comments: 'Logged twice by mistake.',
          dateAdded: SEED_TIME,
          dateLastModified: SEED_TIME,
          minutesSpent: 1,
          externalID: s.notes.deleted.externalID,
          isDeleted: true,
        },
      ]),
    },
    nextId: 1000,
    corporationId: 1234,
    corporationName: s.organization,
    commentActionList: [...s.commentActionList],
    clients: [{ clientId: BULLHORN_DEMO.clientId, clientSecret: BULLHORN_DEMO.clientSecret }],
    apiUsers: [
      {
        username: BULLHORN_DEMO.username,
        password: BULLHORN_DEMO.password,
        corporateUserId: s.riley.id,
        consented: true,
        noteEditForbidden: false,
      },
      {
        ...BULLHORN_USERS.noNoteEdit,
        corporateUserId: s.sam.id,
        consented: true,
        noteEditForbidden: true,
      },
      {
        ...BULLHORN_USERS.unconsented,
        corporateUserId: 11,
        consented: false,
        noteEditForbidden: false,
      },
    ],
    authCodes: new Map(),
    accessTokens: new Map(),
    refreshTokens: new Map(),
    sessions: new Map(),
    accessTokenTtlSeconds: 600,
    sessionTtlMs: 10 * 60_000,
    loginInfoDataCenter: 'current',
    rateLimit: { limit: 100, windowMs: 1000 },
    rateWindows: new Map(),
    issued: { codes: 0, passwordTokens: 0, refreshes: 0, logins: 0 },
    now: Date.now,
  };
}
