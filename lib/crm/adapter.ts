import { z } from 'zod';

/** The CRM adapter interface and the normalized model every provider maps onto (see README, Architecture). */

export const providerIds = ['close'] as const;
export const providerIdSchema = z.enum(providerIds);
export type ProviderId = z.infer<typeof providerIdSchema>;

export const providerLabels: Record<ProviderId, string> = { close: 'Close' };

/** What an adapter's API can do; the UI hides what it cannot. */
export interface Capabilities {
  searchByPhone: boolean;
  searchByEmail: boolean;
  logCall: boolean;
  updateActivity: boolean;
  updateRecord: boolean;
  createRecord: boolean;
  listUsers: boolean;
  listActivityTypes: boolean;
}

export const recordRefSchema = z.object({
  provider: providerIdSchema,
  connectionId: z.string().min(1),
  /** Ids are unique only per kind in some CRMs (Bullhorn), so a ref always carries both. */
  kind: z.string().min(1),
  id: z.string().min(1),
  /** The record's parent where the CRM needs it to attach activities (Close: the lead of a contact). */
  parentId: z.string().min(1).optional(),
});
export type RecordRef = z.infer<typeof recordRefSchema>;

export const phoneEntrySchema = z.object({
  /** As the CRM stores it. */
  raw: z.string(),
  /** E.164 when the raw value parses, otherwise absent. */
  e164: z.string().optional(),
  type: z.string().optional(),
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
});
export type CrmRecord = z.infer<typeof crmRecordSchema>;

export const callDirectionSchema = z.enum(['outbound', 'inbound']);
export type CallDirection = z.infer<typeof callDirectionSchema>;

export const activityInputSchema = z.object({
  kind: z.literal('call'),
  record: recordRefSchema,
  direction: callDirectionSchema,
  /** Whole seconds. */
  durationSec: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600),
  /** E.164 number of the other party. */
  phone: z.string(),
  note: z.string().max(20_000),
  /** ISO 8601 time the call started. */
  activityAt: z.iso.datetime({ offset: true }),
});
export type ActivityInput = z.infer<typeof activityInputSchema>;

export const activityRefSchema = z.object({
  provider: providerIdSchema,
  connectionId: z.string(),
  kind: z.string(),
  id: z.string(),
  url: z.string().optional(),
});
export type ActivityRef = z.infer<typeof activityRefSchema>;

export const accountSchema = z.object({
  userName: z.string(),
  email: z.string().optional(),
  organization: z.string().optional(),
});
export type Account = z.infer<typeof accountSchema>;

export interface SearchQuery {
  /** E.164. */
  phone?: string;
  email?: string;
}

export interface CrmAdapter {
  readonly provider: ProviderId;
  readonly capabilities: Capabilities;
  /** Resolves with the account the credentials belong to; rejects with a CrmError saying why not. */
  whoAmI(): Promise<Account>;
  search(query: SearchQuery): Promise<CrmRecord[]>;
  getRecord(ref: RecordRef): Promise<CrmRecord>;
  logActivity(input: ActivityInput): Promise<ActivityRef>;
}
