import { z } from 'zod';
import {
  accountSchema,
  activityInputSchema,
  activityTypeSchema,
  crmRecordSchema,
  crmUserSchema,
  newRecordSchema,
  providerIdSchema,
  recordRefSchema,
} from './crm/adapter';
import { connectionDraftSchema } from './crm/drafts';
import { crmErrorKinds } from './crm/errors';
import { lazyMessage } from './i18n';
import { connectionSchema } from './store/connections';
import { sitePatternSchema } from './store/enabled-sites';
import { indexStatusSchema } from './store/index-status';
import { outboxItemSchema } from './store/outbox';
import { userMappingSchema } from './store/user-map';

/**
 * Every message between contexts, defined once: what the request holds, what the answer holds, and
 * who may send it. The background checks all three before and after any handler runs.
 */

/** Extension pages (side panel, options) are trusted; content scripts run inside CRM pages and are not. */
export type SenderClass = 'extension-page' | 'content-script';

/** Close API keys: `api_` then letters, digits and a few separators. */
/** Seed 000's answer to "test CRM connection". */
export const connectionTestSchema = z.discriminatedUnion('success', [
  z.object({ success: z.literal(true), account: accountSchema }),
  z.object({ success: z.literal(false), error: z.string(), kind: z.enum(crmErrorKinds) }),
]);
export type ConnectionTest = z.infer<typeof connectionTestSchema>;

/** A phone number as found on a page or typed: capped so a page cannot send megabytes. */
const rawPhoneSchema = z
  .string()
  .trim()
  .min(1, lazyMessage('phone_enterNumber'))
  .max(64, lazyMessage('protocol_phoneTooLong'));

export const lookupResultSchema = z.object({
  connectionId: z.string(),
  provider: providerIdSchema,
  label: z.string(),
  /** `unsupported`: this CRM cannot search this way (ClosingDealz). */
  state: z.enum(['found', 'none', 'error', 'unsupported']),
  records: z.array(crmRecordSchema),
  error: z.string().optional(),
});
export type LookupResult = z.infer<typeof lookupResultSchema>;

/** What a provider can do, as extension pages need it (the registry itself stays in the background). */
export const providerAbilitiesSchema = z.object({
  label: z.string(),
  capabilities: z.object({
    searchByPhone: z.enum(['server', 'index', 'none']),
    searchByEmail: z.enum(['server', 'index', 'none']),
    readRecord: z.boolean(),
    updateRecord: z.boolean(),
    createRecord: z.boolean(),
    listRecords: z.boolean(),
    logActivity: z.boolean(),
    updateActivity: z.boolean(),
    listUsers: z.boolean(),
    listActivityTypes: z.boolean(),
  }),
  /** Kinds a new record can be, first is the default. */
  recordKinds: z.array(z.object({ id: z.string(), label: z.string() })),
});
export type ProviderAbilities = z.infer<typeof providerAbilitiesSchema>;

const empty = z.object({}).strict();

export const siteStatusSchema = z.object({
  /** The match pattern for the tab's site; absent where Ringside cannot run (not https, not loopback). */
  site: z.string().optional(),
  host: z.string().optional(),
  /** `connection`: a connected CRM's own web app (`label` names it); `enabled`: from the side panel. */
  state: z.enum(['unsupported', 'none', 'connection', 'enabled']),
  label: z.string().optional(),
  /** Whether the browser currently lets Ringside run there. */
  granted: z.boolean(),
});
export type SiteStatus = z.infer<typeof siteStatusSchema>;
const outboxId = z.object({ id: z.string().min(8).max(100) });

function message<Req extends z.ZodType, Res extends z.ZodType>(
  senders: readonly SenderClass[],
  request: Req,
  response: Res,
) {
  return { senders, request, response };
}

export const messages = {
  'connections.list': message(
    ['extension-page'],
    empty,
    z.object({ connections: z.array(connectionSchema) }),
  ),
  /** Test a typed draft (of a new or a saved connection), or a saved connection as it is. */
  'connections.test': message(
    ['extension-page'],
    z
      .object({ draft: connectionDraftSchema.optional(), connectionId: z.string().min(1).optional() })
      .refine((value) => value.draft || value.connectionId, lazyMessage('protocol_nothingToTest')),
    connectionTestSchema,
  ),
  /** Save a new connection, or edit `connectionId`; blank secret fields keep their saved values. */
  'connections.save': message(
    ['extension-page'],
    z.object({ draft: connectionDraftSchema, connectionId: z.string().min(1).optional() }),
    z.object({ connection: connectionSchema }),
  ),
  'connections.remove': message(['extension-page'], z.object({ connectionId: z.string().min(1) }), empty),
  /**
   * Open the side panel on a number. Content scripts send this from a click on the page. Strict: a page
   * can reach these two, so nothing but the expected fields gets through.
   */
  dial: message(
    ['extension-page', 'content-script'],
    z.strictObject({ phone: rawPhoneSchema, source: z.enum(['page', 'panel']) }),
    z.object({ phone: z.string() }),
  ),
  /** Open the side panel's lookup of an address. Content scripts send this from a click on an email. */
  'lookup.email': message(
    ['extension-page', 'content-script'],
    z.strictObject({ email: z.email().max(320), source: z.enum(['page', 'panel']) }),
    z.object({ email: z.string() }),
  ),
  /** Who a number (or an address) belongs to, in every connected CRM. */
  lookup: message(
    ['extension-page'],
    z.union([z.object({ phone: rawPhoneSchema }), z.object({ email: z.email().max(320) })]),
    z.object({
      phone: z.string().optional(),
      email: z.string().optional(),
      results: z.array(lookupResultSchema),
    }),
  ),
  /**
   * One connection's answer for a number or an address, so the panel shows each as it arrives. `cached`:
   * answered from the recent-lookups cache without asking the CRM.
   */
  'lookup.connection': message(
    ['extension-page'],
    z.union([
      z.object({ connectionId: z.string().min(1), phone: rawPhoneSchema }),
      z.object({ connectionId: z.string().min(1), email: z.email().max(320) }),
    ]),
    z.object({ result: lookupResultSchema, cached: z.boolean() }),
  ),
  'providers.abilities': message(
    ['extension-page'],
    empty,
    z.object({ providers: z.record(providerIdSchema, providerAbilitiesSchema) }),
  ),
  /** Create a person for an unknown caller in one connection; the answer is the record as the CRM stored it. */
  'record.create': message(
    ['extension-page'],
    z.object({ connectionId: z.string().min(1), record: newRecordSchema }),
    z.object({ record: crmRecordSchema }),
  ),
  /**
   * Replace one stored phone number (`raw`, in `field` where the CRM has several) with its E.164 form;
   * every other phone, email and field of the record stays as it is. The answer is the record as updated.
   */
  'record.cleanupPhone': message(
    ['extension-page'],
    z.object({
      ref: recordRefSchema,
      raw: z.string().min(1).max(64),
      field: z.string().max(64).optional(),
      e164: z.string().regex(/^\+\d{6,16}$/, lazyMessage('protocol_notE164')),
    }),
    z.object({ record: crmRecordSchema }),
  ),
  /** Refill a connection's local contact index now (it also refills on a schedule). */
  'index.sync': message(['extension-page'], z.object({ connectionId: z.string().min(1) }), indexStatusSchema),
  'index.status': message(
    ['extension-page'],
    empty,
    z.object({ status: z.record(z.string(), indexStatusSchema) }),
  ),
  /** Log a call: stored in the outbox first, then delivered; the answer is the stored item. */
  'call.log': message(
    ['extension-page'],
    z.object({ input: activityInputSchema, label: z.string().min(1).max(200) }),
    z.object({ item: outboxItemSchema }),
  ),
  'outbox.list': message(['extension-page'], empty, z.object({ items: z.array(outboxItemSchema) })),
  'outbox.retry': message(['extension-page'], outboxId, z.object({ item: outboxItemSchema.optional() })),
  /** Change a waiting or refused log's note, then send it again. */
  'outbox.edit': message(
    ['extension-page'],
    outboxId.extend({ note: z.string().max(20_000) }),
    z.object({ item: outboxItemSchema.optional() }),
  ),
  'outbox.discard': message(['extension-page'], outboxId, empty),

  /**
   * The wrap-up: one call logged to each chosen record, one outbox item each. The item ids derive from
   * `key` and the record, so sending the same wrap-up again (after a partial failure) logs nothing twice.
   * Each record answers on its own: its stored item, or why it could not be stored.
   */
  'call.logMany': message(
    ['extension-page'],
    z.object({
      callId: z.string().min(1).max(100),
      key: z.string().min(8).max(100),
      logs: z
        .array(
          z.object({
            label: z.string().min(1).max(200),
            input: activityInputSchema.omit({ clientId: true }),
            recordUrl: z.string().max(2000).optional(),
          }),
        )
        .min(1, lazyMessage('protocol_chooseRecord'))
        .max(20),
    }),
    z.object({
      results: z.array(
        z.object({
          item: outboxItemSchema.optional(),
          error: z.object({ kind: z.enum([...crmErrorKinds, 'internal']), message: z.string() }).optional(),
        }),
      ),
    }),
  ),
  /** A connection's activity types and outcomes from the CRM's own lists (cached; `refresh` asks again). */
  'meta.activityTypes': message(
    ['extension-page'],
    z.object({ connectionId: z.string().min(1), refresh: z.boolean().optional() }),
    z.object({ types: z.array(activityTypeSchema), fetchedAt: z.number() }),
  ),
  /** The CRM's users and who calls are logged as, for options. */
  'users.list': message(
    ['extension-page'],
    z.object({ connectionId: z.string().min(1) }),
    z.object({ users: z.array(crmUserSchema), mapping: userMappingSchema.optional() }),
  ),
  /** Log this connection's calls as `userId`; `null` goes back to matching the account's email. */
  'users.map': message(
    ['extension-page'],
    z.object({ connectionId: z.string().min(1), userId: z.string().min(1).max(200).nullable() }),
    z.object({ mapping: userMappingSchema.optional() }),
  ),
  /** Edit a delivered log's text (and type or outcome, where the CRM can): queued like any other write. */
  'activity.update': message(
    ['extension-page'],
    z.object({
      outboxItemId: z.string().min(8).max(100),
      note: z.string().max(20_000),
      typeId: z.string().min(1).max(200).optional(),
      outcomeId: z.string().min(1).max(200).optional(),
    }),
    z.object({ item: outboxItemSchema }),
  ),
  /** Whether Ringside runs on the site of a tab's URL, and why (side panel, "Enable on this site"). */
  'site.status': message(['extension-page'], z.object({ url: z.string().max(4000) }), siteStatusSchema),
  /** Run on a site whose host permission the page just obtained from a click; start in `tabId` now. */
  'site.enable': message(
    ['extension-page'],
    z.object({ site: sitePatternSchema, tabId: z.number().int().nonnegative().optional() }),
    empty,
  ),
  /** Stop running on a site enabled from the side panel (pages already open keep it until reloaded). */
  'site.disable': message(['extension-page'], z.object({ site: sitePatternSchema }), empty),
} as const;

/**
 * Messages an extension page sends to the content script of a tab (`tabs.sendMessage`). The content
 * script answers only senders with our id and no tab (extension pages); the page parses the answer here.
 */
export const pageMessages = {
  /** "On this page": the distinct numbers and emails the content script found in that tab. */
  'page.contacts': {
    request: empty,
    response: z.object({
      contacts: z
        .array(z.object({ kind: z.enum(['phone', 'email']), value: z.string().max(320) }))
        .max(10_000),
    }),
  },
} as const;
export type PageMessageType = keyof typeof pageMessages;

export type MessageType = keyof typeof messages;
export type RequestOf<K extends MessageType> = z.input<(typeof messages)[K]['request']>;
export type ParsedRequestOf<K extends MessageType> = z.output<(typeof messages)[K]['request']>;
export type ResponseOf<K extends MessageType> = z.output<(typeof messages)[K]['response']>;

export const envelopeSchema = z.strictObject({ type: z.string().max(64), payload: z.unknown() });

export const messageErrorKinds = [...crmErrorKinds, 'forbidden', 'bad-request', 'internal'] as const;
export const messageErrorSchema = z.object({
  kind: z.enum(messageErrorKinds),
  message: z.string(),
  retryAfterMs: z.number().optional(),
  fieldErrors: z.record(z.string(), z.string()).optional(),
});
export type MessageErrorData = z.infer<typeof messageErrorSchema>;

export const replySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: messageErrorSchema }),
]);
export type Reply = z.infer<typeof replySchema>;

export function isMessageType(type: string): type is MessageType {
  return Object.hasOwn(messages, type);
}
