import { z } from 'zod';
import {
  accountSchema,
  activityInputSchema,
  activityRefSchema,
  crmRecordSchema,
  providerIdSchema,
} from './crm/adapter';
import { crmErrorKinds } from './crm/errors';
import { connectionSchema } from './store/connections';

/**
 * Every message between contexts, defined once: what the request holds, what the answer holds, and
 * who may send it. The background checks all three before and after any handler runs.
 */

/** Extension pages (side panel, options) are trusted; content scripts run inside CRM pages and are not. */
export type SenderClass = 'extension-page' | 'content-script';

/** Close API keys: `api_` then letters, digits and a few separators. */
const abort = (message: string) => ({ message, abort: true });

export const closeApiKeySchema = z
  .string()
  .trim()
  .min(1, abort('Enter your Close API key.'))
  .max(200, abort('That is longer than any Close API key.'))
  .regex(
    /^api_/,
    abort('Close API keys start with "api_". Copy the key from Close: Settings → Developer → API Keys.'),
  )
  .regex(/^api_[A-Za-z0-9._-]+$/, 'The key has spaces or characters a Close API key never has.');

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export const baseUrlSchema = z
  .string()
  .trim()
  .refine(
    (value) => URL.canParse(value),
    abort('Enter the API URL as a full address, such as https://api.close.com/api/v1/'),
  )
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  }, abort('The API URL must start with https:// (plain http:// is allowed only for localhost).'))
  .refine(
    (value) => !new URL(value).username && !new URL(value).password,
    abort('Put the key in the key field, not the URL.'),
  )
  .transform((value) => (value.endsWith('/') ? value : `${value}/`));

export const connectionDraftSchema = z.object({
  provider: providerIdSchema,
  apiKey: closeApiKeySchema,
  baseUrl: baseUrlSchema,
});
export type ConnectionDraft = z.infer<typeof connectionDraftSchema>;

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
  .min(1, 'Enter a phone number.')
  .max(64, 'That is too long to be a phone number.');

export const lookupResultSchema = z.object({
  connectionId: z.string(),
  provider: providerIdSchema,
  label: z.string(),
  state: z.enum(['found', 'none', 'error']),
  records: z.array(crmRecordSchema),
  error: z.string().optional(),
});
export type LookupResult = z.infer<typeof lookupResultSchema>;

const empty = z.object({}).strict();

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
  'connections.test': message(
    ['extension-page'],
    z.union([z.object({ draft: connectionDraftSchema }), z.object({ connectionId: z.string().min(1) })]),
    connectionTestSchema,
  ),
  'connections.save': message(
    ['extension-page'],
    connectionDraftSchema,
    z.object({ connection: connectionSchema }),
  ),
  'connections.remove': message(['extension-page'], z.object({ connectionId: z.string().min(1) }), empty),
  /** Open the side panel on a number. Content scripts send this from a click on the page. */
  dial: message(
    ['extension-page', 'content-script'],
    z.object({ phone: rawPhoneSchema, source: z.enum(['page', 'panel']) }),
    z.object({ phone: z.string() }),
  ),
  lookup: message(
    ['extension-page'],
    z.object({ phone: rawPhoneSchema }),
    z.object({ phone: z.string(), results: z.array(lookupResultSchema) }),
  ),
  'call.log': message(['extension-page'], activityInputSchema, z.object({ activity: activityRefSchema })),
} as const;

export type MessageType = keyof typeof messages;
export type RequestOf<K extends MessageType> = z.input<(typeof messages)[K]['request']>;
export type ParsedRequestOf<K extends MessageType> = z.output<(typeof messages)[K]['request']>;
export type ResponseOf<K extends MessageType> = z.output<(typeof messages)[K]['response']>;

export const envelopeSchema = z.object({ type: z.string().max(64), payload: z.unknown() });

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
