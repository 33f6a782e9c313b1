import { z } from 'zod';

/**
 * The CRM adapter interface and the normalized model every provider maps onto. Seed 004's four areas:
 * contact read/update, search by phone and email, activities, and metadata (users, activity types).
 */

export const providerIds = ['close', 'bullhorn', 'closingdealz', 'entity-crm', 'connect'] as const;
export const providerIdSchema = z.enum(providerIds);
export type ProviderId = z.infer<typeof providerIdSchema>;

export const providerLabels: Record<ProviderId, string> = {
  close: 'Close',
  bullhorn: 'Bullhorn',
  closingdealz: 'ClosingDealz',
  'entity-crm': 'Entity CRM',
  connect: 'Connect',
};

/**
 * What an adapter's API can do; the UI hides what it cannot. Search says how: `server` (the CRM
 * searches), `index` (Ringside's local contact index, filled through `listRecords`), or `none`.
 */
export interface Capabilities {
  searchByPhone: 'server' | 'index' | 'none';
  searchByEmail: 'server' | 'index' | 'none';
  readRecord: boolean;
  updateRecord: boolean;
  createRecord: boolean;
  /** Pages through every person, for the local index. */
  listRecords: boolean;
  logActivity: boolean;
  updateActivity: boolean;
  listUsers: boolean;
  listActivityTypes: boolean;
}

export const recordRefSchema = z.object({
  provider: providerIdSchema,
  connectionId: z.string().min(1),
  /** Ids are unique only per kind in some CRMs (Bullhorn), so a ref always carries both. */
  kind: z.string().min(1).max(64),
  id: z.string().min(1).max(200),
  /** The record's parent where the CRM needs it to attach activities (Close: the lead of a contact). */
  parentId: z.string().min(1).max(200).optional(),
});
export type RecordRef = z.infer<typeof recordRefSchema>;

/** One string per record (connection, kind and id), for maps and keys in lists. */
export const recordKey = (ref: RecordRef): string => `${ref.connectionId}\u0000${ref.kind}\u0000${ref.id}`;

export const phoneEntrySchema = z.object({
  /** As the CRM stores it. */
  raw: z.string(),
  /** E.164 when the raw value parses as a valid number; absent means the number needs cleanup. */
  e164: z.string().optional(),
  type: z.string().optional(),
  /** Which CRM field holds it, where the CRM has several (Bullhorn: phone, phone2, mobile…). */
  field: z.string().optional(),
});
export type PhoneEntry = z.infer<typeof phoneEntrySchema>;

export const crmRecordSchema = z.object({
  ref: recordRefSchema,
  name: z.string(),
  title: z.string().optional(),
  company: z.string().optional(),
  phones: z.array(phoneEntrySchema),
  emails: z.array(z.string()),
  /** Deep link into the CRM's own UI. */
  url: z.string().optional(),
  /** ISO time of the last activity, where the CRM says. */
  lastActivityAt: z.string().optional(),
});
export type CrmRecord = z.infer<typeof crmRecordSchema>;

/** Phones and emails to write; each list replaces the record's whole list (adapters merge as the CRM needs). */
export const recordPatchSchema = z.object({
  phones: z
    .array(
      z.object({
        number: z.string().min(1).max(64),
        type: z.string().max(32).optional(),
        /**
         * The stored number (`PhoneEntry.raw`) this one corrects: adapters write it where that one was (its
         * Bullhorn field, its list entry with its flags) instead of treating it as a new number.
         */
        replaces: z.string().max(64).optional(),
      }),
    )
    .max(10)
    .optional(),
  emails: z.array(z.email()).max(10).optional(),
});
export type RecordPatch = z.infer<typeof recordPatchSchema>;

export const newRecordSchema = z.object({
  /** A kind from the provider's `recordKinds`; the first one when absent. */
  kind: z.string().max(64).optional(),
  firstName: z.string().max(256).optional(),
  lastName: z.string().max(256).optional(),
  company: z.string().max(256).optional(),
  title: z.string().max(256).optional(),
  phones: z
    .array(z.object({ number: z.string().min(1).max(64), type: z.string().max(32).optional() }))
    .max(10),
  emails: z.array(z.email()).max(10),
  note: z.string().max(6000).optional(),
});
export type NewRecord = z.infer<typeof newRecordSchema>;

export const callDirectionSchema = z.enum(['outbound', 'inbound']);
export type CallDirection = z.infer<typeof callDirectionSchema>;

export const channelSchema = z.enum(['call', 'sms', 'whatsapp', 'email', 'note']);
export type Channel = z.infer<typeof channelSchema>;

/** The longest call a log may record: a day (longer is a timer left running, not a call). */
export const MAX_CALL_SEC = 24 * 3600;

/** A call's length in whole seconds, from nothing to a day. */
export const durationSecSchema = z.number().int().min(0).max(MAX_CALL_SEC);

export const activityInputSchema = z.object({
  /** The client-generated id of this log: adapters store it where the CRM allows, to find it again. */
  clientId: z.string().min(8).max(100).optional(),
  channel: channelSchema,
  record: recordRefSchema,
  direction: callDirectionSchema.optional(),
  durationSec: durationSecSchema.optional(),
  /** E.164 number of the other party. */
  phone: z.string().max(32).optional(),
  note: z.string().max(20_000),
  /** ISO 8601 time the interaction started. */
  activityAt: z.iso.datetime({ offset: true }),
  /** An id from `listActivityTypes` (Close: custom activity type; Bullhorn: note action). */
  typeId: z.string().max(200).optional(),
  /** A disposition id from `listActivityTypes` with kind `outcome`. */
  outcomeId: z.string().max(200).optional(),
  /** The CRM user the activity is logged as (from the user mapping). */
  userId: z.string().max(200).optional(),
});
export type ActivityInput = z.infer<typeof activityInputSchema>;

export const activityRefSchema = z.object({
  provider: providerIdSchema,
  connectionId: z.string(),
  kind: z.string(),
  id: z.string(),
  /** The record it hangs off (Close needs the lead to find it again). */
  parentId: z.string().optional(),
  url: z.string().optional(),
});
export type ActivityRef = z.infer<typeof activityRefSchema>;

export const activityPatchSchema = z.object({
  note: z.string().max(20_000).optional(),
  typeId: z.string().max(200).optional(),
  outcomeId: z.string().max(200).optional(),
});
export type ActivityPatch = z.infer<typeof activityPatchSchema>;

export const crmUserSchema = z.object({ id: z.string(), name: z.string(), email: z.string().optional() });
export type CrmUser = z.infer<typeof crmUserSchema>;

export const activityTypeSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** `type`: what the activity is (a note action, a custom type); `outcome`: a call disposition. */
  kind: z.enum(['type', 'outcome']),
});
export type ActivityType = z.infer<typeof activityTypeSchema>;

export const accountSchema = z.object({
  userName: z.string(),
  email: z.string().optional(),
  organization: z.string().optional(),
});
export type Account = z.infer<typeof accountSchema>;

export interface SearchQuery {
  /** E.164. Adapters search however their CRM matches best (Bullhorn: the national number). */
  phone?: string;
  email?: string;
}

export interface RecordPage {
  records: CrmRecord[];
  /** Pass back to get the next page; absent on the last page. */
  cursor?: string;
}

/**
 * One CRM over HTTP. No UI and no storage inside: everything arrives through the config. Methods a
 * provider cannot do are absent, and its `capabilities` say so.
 */
export interface CrmAdapter {
  readonly provider: ProviderId;
  readonly capabilities: Capabilities;
  /** Resolves with the account the credentials belong to; rejects with a CrmError saying why not. */
  whoAmI(): Promise<Account>;
  search?(query: SearchQuery): Promise<CrmRecord[]>;
  listRecords?(cursor?: string): Promise<RecordPage>;
  getRecord?(ref: RecordRef): Promise<CrmRecord>;
  updateRecord?(ref: RecordRef, patch: RecordPatch): Promise<CrmRecord>;
  createRecord?(input: NewRecord): Promise<CrmRecord>;
  logActivity?(input: ActivityInput): Promise<ActivityRef>;
  updateActivity?(ref: ActivityRef, patch: ActivityPatch): Promise<void>;
  /** Finds an activity logged earlier with this clientId (or the best check the API allows), for retries. */
  findActivity?(input: ActivityInput): Promise<ActivityRef | undefined>;
  listUsers?(): Promise<CrmUser[]>;
  listActivityTypes?(): Promise<ActivityType[]>;
}
