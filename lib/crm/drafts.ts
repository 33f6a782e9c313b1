import { z } from 'zod';
import { lazyMessage, type MessageKey, t } from '../i18n';
import { type ProviderId, providerIdSchema } from './adapter';
import type { ProviderDefinition } from './provider';

/** A connection form as typed: the provider, its fields by name, and an API URL when one was asked for. */
export const connectionDraftSchema = z.object({
  provider: providerIdSchema,
  baseUrl: z.string().max(2000).optional(),
  fields: z.record(z.string().max(64), z.string().max(4000)),
});
export type ConnectionDraft = z.infer<typeof connectionDraftSchema>;

export interface ValidDraft {
  provider: ProviderId;
  baseUrl: string;
  /** Fields shown again in the form (entity id, username, header name). */
  settings: Record<string, string>;
  /** Fields only the background ever reads again. */
  secrets: Record<string, string>;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const abort = (key: MessageKey) => ({ ...lazyMessage(key), abort: true });

export function isLoopbackUrl(value: string): boolean {
  return URL.canParse(value) && LOOPBACK_HOSTS.has(new URL(value).hostname);
}

export const baseUrlSchema = z
  .string()
  .trim()
  .min(1, abort('drafts_baseUrlEmpty'))
  .refine((value) => URL.canParse(value), abort('drafts_baseUrlNotUrl'))
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  }, abort('drafts_baseUrlHttps'))
  .refine((value) => !new URL(value).username && !new URL(value).password, abort('drafts_baseUrlCredentials'))
  .refine((value) => !new URL(value).search && !new URL(value).hash, lazyMessage('drafts_baseUrlQuery'))
  .transform((value) => (value.endsWith('/') ? value : `${value}/`));

/**
 * Checks a draft against its provider's form. A secret field left blank keeps its saved value from
 * `kept` (editing a connection without retyping its key): the background passes the values, a page
 * passes `null` for "saved, not shown here" and such a field is left out. Errors are keyed by field
 * name, `baseUrl` for the URL.
 */
export function validateDraft(
  definition: ProviderDefinition,
  draft: ConnectionDraft,
  kept: Record<string, string | null> = {},
): { ok: true; value: ValidDraft } | { ok: false; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  const settings: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const field of definition.fields) {
    const typed = draft.fields[field.name] ?? '';
    const keptValue = field.secret && typed.trim() === '' ? kept[field.name] : undefined;
    if (keptValue === null) continue;
    const parsed = field.schema.safeParse(keptValue ?? typed);
    if (!parsed.success) {
      fieldErrors[field.name] = parsed.error.issues[0]?.message ?? t('drafts_fieldInvalid');
      continue;
    }
    (field.secret ? secrets : settings)[field.name] = parsed.data;
  }
  const url = baseUrlSchema.safeParse(draft.baseUrl?.trim() ? draft.baseUrl : definition.defaultBaseUrl);
  if (!url.success) fieldErrors.baseUrl = url.error.issues[0]?.message ?? t('drafts_baseUrlInvalid');
  if (Object.keys(fieldErrors).length || !url.success) return { ok: false, fieldErrors };
  return { ok: true, value: { provider: definition.id, baseUrl: url.data, settings, secrets } };
}

export function maskSecret(value: string): string {
  const prefix = value.match(/^(api_|ak_)/)?.[0] ?? '';
  return `${prefix}••••••${value.length > 8 ? value.slice(-4) : ''}`;
}
