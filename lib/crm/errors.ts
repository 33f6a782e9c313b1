import { z } from 'zod';

/** What went wrong, in terms a retry policy can act on. Retrying looks at `kind`, never at text. */
export const crmErrorKinds = [
  'auth',
  'permission',
  'not-found',
  'validation',
  'rate-limited',
  'unavailable',
  'network',
  'timeout',
  'invalid-response',
  /** The browser no longer lets Ringside reach this CRM's host (a host permission was removed). */
  'no-access',
] as const;
export type CrmErrorKind = (typeof crmErrorKinds)[number];

/** The serializable form that crosses the message boundary. */
export const crmErrorDataSchema = z.object({
  kind: z.enum(crmErrorKinds),
  message: z.string(),
  retryAfterMs: z.number().int().nonnegative().optional(),
  fieldErrors: z.record(z.string(), z.string()).optional(),
});
export type CrmErrorData = z.infer<typeof crmErrorDataSchema>;

export class CrmError extends Error {
  readonly kind: CrmErrorKind;
  readonly retryAfterMs: number | undefined;
  readonly fieldErrors: Record<string, string> | undefined;

  constructor(data: CrmErrorData) {
    super(clip(redactSecrets(data.message), MAX_MESSAGE_CHARS));
    this.name = 'CrmError';
    this.kind = data.kind;
    this.retryAfterMs = data.retryAfterMs;
    this.fieldErrors = data.fieldErrors
      ? Object.fromEntries(
          Object.entries(data.fieldErrors)
            .slice(0, MAX_FIELD_ERRORS)
            .map(([field, text]) => [clip(field, 100), clip(redactSecrets(text), MAX_FIELD_ERROR_CHARS)]),
        )
      : undefined;
  }

  toData(): CrmErrorData {
    return {
      kind: this.kind,
      message: this.message,
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
      ...(this.fieldErrors === undefined ? {} : { fieldErrors: this.fieldErrors }),
    };
  }
}

/**
 * Messages quote CRM text (a validation sentence, an OAuth error description): a CRM cannot make one long
 * enough to flood the panel or the outbox's storage.
 */
const MAX_MESSAGE_CHARS = 1000;
const MAX_FIELD_ERROR_CHARS = 300;
const MAX_FIELD_ERRORS = 20;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Errors are built in one place, so secrets are scrubbed in one place: key-like tokens never reach a message. */
export function redactSecrets(text: string): string {
  return text
    .replace(/\bapi_[A-Za-z0-9._-]{4,}/g, 'api_…')
    .replace(/\bak_[A-Za-z0-9._-]{4,}/g, 'ak_…')
    .replace(
      /(authorization|bhresttoken|access_token|refresh_token|client_secret|password)([=:]\s*)\S+/gi,
      '$1$2…',
    );
}

/** Whether an attempt may succeed later without anyone changing anything. */
/**
 * Kinds after which a write may have landed: the request reached the CRM and its answer was lost (a
 * timeout, a dropped connection) or garbled. A retry must look for the write before making it again.
 */
export function mayHaveBeenWritten(kind: CrmErrorKind): boolean {
  return kind === 'network' || kind === 'timeout' || kind === 'invalid-response';
}

export function isRetryable(kind: CrmErrorKind): boolean {
  return kind === 'rate-limited' || kind === 'unavailable' || kind === 'network' || kind === 'timeout';
}
