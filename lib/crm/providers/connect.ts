import { HTTPError } from 'ky';
import { z } from 'zod';
import { lazyMessage, t } from '../../i18n';
import { toE164 } from '../../phone/normalize';
import type {
  Account,
  Capabilities,
  CrmAdapter,
  CrmRecord,
  NewRecord,
  PhoneEntry,
  RecordPage,
  SearchQuery,
} from '../adapter';
import { CrmError } from '../errors';
import { createHttp, request } from '../http';
import { type AdapterConfig, type ProviderDefinition, requiredText } from '../provider';

/**
 * The "Connect API" (seed 003): contacts, lead statuses and the current user under `{base}api/connect/`,
 * on each customer's own host. It has no phone search, no single-contact read, no update and no
 * activities, so phone lookups go through Ringside's local index (filled by `listRecords`) and email
 * lookups use `GET contacts?query=` with an exact match made here.
 */

const LABEL = 'Connect';
export const CONNECT_DEFAULT_AUTH_HEADER = 'Authorization';

export const connectCapabilities: Capabilities = {
  searchByPhone: 'index',
  searchByEmail: 'server',
  // No GET contacts/{id} is documented: a contact can only be found again through the list or a query.
  readRecord: false,
  updateRecord: false,
  createRecord: true,
  listRecords: true,
  logActivity: false,
  updateActivity: false,
  listUsers: false,
  // Lead statuses are a contact's pipeline stage, not a kind of activity; see `listLeadStatuses`.
  listActivityTypes: false,
};

/** Optional text that turns anything unexpected into undefined instead of failing a 50,000-contact list. */
const text = z.string().nullish().catch(undefined);
const idSchema = z.union([z.number(), z.string().min(1)]).transform(String);

const contactSchema = z.object({
  id: idSchema,
  email: text,
  firstName: text,
  lastName: text,
  fullName: text,
  jobTitle: text,
  companyName: text,
  /** Shape undocumented: string, string[] or [{number|phone|value, type|label}] are all read. */
  phoneNumbers: z.unknown().optional(),
  lastActivityAt: text,
  createdAt: text,
});
type ConnectContact = z.infer<typeof contactSchema>;

const contactListSchema = z.array(contactSchema);

const meSchema = z.object({
  details: z.object({ name: text, email: text }).nullish(),
  workspace: z.object({ name: text }).nullish(),
});

const leadStatusSchema = z.object({
  id: idSchema,
  type: text,
  label: z.string(),
  color: text,
  order: z.number().nullish().catch(undefined),
});
export type ConnectLeadStatus = z.infer<typeof leadStatusSchema>;

const errorBodySchema = z.object({ error: z.string() });

/** The seed's three create errors, by the field the recruiter has to fix. */
const FIELD_OF_ERROR: Record<string, string> = {
  'At least email or firstName is required': 'firstName',
  'Invalid email': 'email',
  'Invalid lead status': 'leadStatus',
};

const PHONE_KEYS = ['number', 'phone', 'phoneNumber', 'value'] as const;
const TYPE_KEYS = ['type', 'label'] as const;

function phoneEntry(raw: string, type?: string): PhoneEntry | undefined {
  const trimmed = raw.trim();
  if (!trimmed) return undefined;
  const e164 = toE164(trimmed);
  return { raw: trimmed, ...(e164 ? { e164 } : {}), ...(type ? { type } : {}) };
}

function firstString(object: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = object[key];
    if (typeof value === 'string' && value.trim()) return value;
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

/**
 * `phoneNumbers` is listed in the seed without a shape. Reads, tolerantly: "+1 415…", "a, b", a JSON
 * array in a string, ["+1 415…"], and [{ number | phone | phoneNumber | value, type | label }].
 */
export function phonesFrom(value: unknown): PhoneEntry[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed.startsWith('[')) {
      try {
        return phonesFrom(JSON.parse(trimmed));
      } catch {
        // Not JSON after all: read it as text.
      }
    }
    return trimmed
      .split(/[,;\n]+/)
      .map((part) => phoneEntry(part))
      .filter((entry): entry is PhoneEntry => entry !== undefined);
  }
  if (typeof value === 'number') return phonesFrom(String(value));
  if (Array.isArray(value)) return value.flatMap((item) => phonesFrom(item));
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const raw = firstString(object, PHONE_KEYS);
    const entry = raw ? phoneEntry(raw, firstString(object, TYPE_KEYS)) : undefined;
    return entry ? [entry] : [];
  }
  return [];
}

function isoOrUndefined(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** A header name as HTTP allows it (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Names fetch will not let an extension set, or that would break the request. */
const UNUSABLE_HEADERS = new Set(['host', 'cookie', 'content-length', 'content-type', 'accept', 'origin']);

export type ConnectAdapter = CrmAdapter & {
  /** The organization's lead statuses (GET contacts/lead-statuses), for a future status picker. */
  listLeadStatuses(): Promise<ConnectLeadStatus[]>;
};

/**
 * The seed says only that "all endpoints require authentication using a secret key", not which header
 * carries it. The default is `Authorization: Bearer <key>`; any other header name the user sets (say
 * `X-Secret-Key`) gets the raw key.
 */
export function connectAuthHeaders(
  secretKey: string,
  headerName: string | undefined,
): Record<string, string> {
  const name = headerName?.trim() || CONNECT_DEFAULT_AUTH_HEADER;
  return name.toLowerCase() === 'authorization'
    ? { Authorization: `Bearer ${secretKey}` }
    : { [name]: secretKey };
}

export function createConnectAdapter(config: AdapterConfig): ConnectAdapter {
  const secretKey = config.credentials.secretKey ?? '';
  const headerName = config.credentials.authHeader?.trim() || CONNECT_DEFAULT_AUTH_HEADER;
  const httpOptions = {
    baseUrl: config.baseUrl,
    label: LABEL,
    headers: connectAuthHeaders(secretKey, headerName),
    ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
  };
  const http = createHttp(httpOptions);
  // Connect lists every contact in one unpaged answer (about 420 bytes each; 50,000 are 21 MB), so that
  // one call may read up to 64 MB (some 150,000 contacts); every other answer has the usual cap.
  const listHttp = createHttp({ ...httpOptions, maxResponseBytes: 64 * 1024 * 1024 });

  /** The CRM's own `{ "error": "…" }` sentence for 400s, and which header the rejected key went in for 401s. */
  async function connectError(response: Response): Promise<CrmError | undefined> {
    if (response.status === 401) {
      return new CrmError({
        kind: 'auth',
        message: t('connect_keyRejected', LABEL, headerName),
      });
    }
    if (response.status !== 400) return undefined;
    let said: string | undefined;
    try {
      const parsed = errorBodySchema.safeParse(await response.clone().json());
      said = parsed.success ? parsed.data.error : undefined;
    } catch {
      said = undefined;
    }
    const field = said ? (FIELD_OF_ERROR[said] ?? 'request') : 'request';
    return new CrmError({
      kind: 'validation',
      message: said ? t('connect_refusedSaid', LABEL, said) : t('http_refused', LABEL, 400),
      fieldErrors: { [field]: said ?? t('crm_badRequest') },
    });
  }

  function call<T>(schema: z.ZodType<T>, send: () => Promise<Response>): Promise<T> {
    return request(LABEL, schema, async () => {
      try {
        return await send();
      } catch (error) {
        if (error instanceof HTTPError) {
          const mapped = await connectError(error.response);
          if (mapped) throw mapped;
        }
        throw error;
      }
    });
  }

  function toRecord(contact: ConnectContact, fallbackPhones?: unknown): CrmRecord {
    const name =
      contact.fullName?.trim() ||
      [contact.firstName?.trim(), contact.lastName?.trim()].filter(Boolean).join(' ') ||
      contact.email ||
      t('crm_noName');
    const lastActivityAt = isoOrUndefined(contact.lastActivityAt);
    return {
      ref: { provider: 'connect', connectionId: config.connectionId, kind: 'contact', id: contact.id },
      name,
      ...(contact.jobTitle ? { title: contact.jobTitle } : {}),
      ...(contact.companyName ? { company: contact.companyName } : {}),
      phones: phonesFrom(contact.phoneNumbers === undefined ? fallbackPhones : contact.phoneNumbers),
      emails: contact.email ? [contact.email] : [],
      ...(lastActivityAt ? { lastActivityAt } : {}),
    };
  }

  function getContacts(query?: string): Promise<ConnectContact[]> {
    return call(contactListSchema, () =>
      query
        ? http.get('api/connect/contacts', { searchParams: { query } })
        : listHttp.get('api/connect/contacts'),
    );
  }

  return {
    provider: 'connect',
    capabilities: connectCapabilities,

    async whoAmI(): Promise<Account> {
      const me = await call(meSchema, () => http.get('api/connect/me'));
      const email = me.details?.email ?? undefined;
      const organization = me.workspace?.name ?? undefined;
      return {
        userName: me.details?.name || email || t('connect_defaultUser'),
        ...(email ? { email } : {}),
        ...(organization ? { organization } : {}),
      };
    },

    /**
     * Email only: `query=` matches first name, last name or email (loosely), so the answer is narrowed to
     * exact, case-insensitive email matches. Connect cannot search phones; a phone-only query finds nothing
     * here, and Ringside's local index (capability 'index') answers it instead.
     */
    async search(query: SearchQuery): Promise<CrmRecord[]> {
      const wanted = query.email?.trim().toLowerCase();
      if (!wanted) return [];
      const contacts = await getContacts(wanted);
      return contacts
        .filter((contact) => contact.email?.trim().toLowerCase() === wanted)
        .map((contact) => toRecord(contact));
    },

    /**
     * The seed documents no pagination, so the first call fetches the whole list and returns no cursor.
     * Should Connect ever page by default, this still returns what it sent rather than failing.
     */
    async listRecords(cursor?: string): Promise<RecordPage> {
      if (cursor) return { records: [] };
      const contacts = await getContacts();
      return { records: contacts.map((contact) => toRecord(contact)) };
    },

    async createRecord(input: NewRecord): Promise<CrmRecord> {
      if (input.kind && input.kind !== 'contact') {
        throw new CrmError({ kind: 'validation', message: t('connect_contactsOnly', LABEL) });
      }
      // A contact holds one email; further addresses go into the note so nothing typed is lost.
      const otherEmails = input.emails.slice(1);
      const note = [
        input.note?.trim(),
        otherEmails.length ? t('crm_otherEmails', otherEmails.join(', ')) : undefined,
      ]
        .filter(Boolean)
        .join('\n\n');
      // The element shape of `phoneNumbers` is UNCONFIRMED: plain strings (E.164 where the number parses)
      // are the least any reasonable shape would accept.
      const phoneNumbers = input.phones.map((phone) => toE164(phone.number) ?? phone.number.trim());
      const body: Record<string, unknown> = {};
      const set = (key: string, value: string | undefined) => {
        const trimmed = value?.trim();
        if (trimmed) body[key] = trimmed;
      };
      set('email', input.emails[0]);
      set('firstName', input.firstName);
      set('lastName', input.lastName);
      set('jobTitle', input.title);
      set('companyName', input.company);
      if (phoneNumbers.length) body.phoneNumbers = phoneNumbers;
      set('note', note);
      const created = await call(contactSchema, () => http.post('api/connect/contacts', { json: body }));
      // The documented create response omits phoneNumbers; the numbers just sent are what it stored.
      return toRecord(created, phoneNumbers);
    },

    async listLeadStatuses(): Promise<ConnectLeadStatus[]> {
      const statuses = await call(z.array(leadStatusSchema), () =>
        http.get('api/connect/contacts/lead-statuses'),
      );
      return [...statuses].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
    },
  };
}

const headerNameField = requiredText({ empty: 'connect_headerEmpty', tooLong: 'connect_headerTooLong' }, 100)
  .regex(HEADER_NAME, lazyMessage('connect_headerChars'))
  .refine((name) => !UNUSABLE_HEADERS.has(name.toLowerCase()), lazyMessage('connect_headerUnusable'));

export const connectDefinition: ProviderDefinition = {
  id: 'connect',
  label: LABEL,
  fields: [
    {
      name: 'secretKey',
      get label() {
        return t('connect_secretKeyLabel');
      },
      secret: true,
      schema: requiredText(
        { empty: 'connect_secretKeyEmpty', tooLong: 'connect_secretKeyTooLong' },
        500,
      ).regex(/^\S+$/, lazyMessage('connect_secretKeySpaces')),
    },
    {
      name: 'authHeader',
      get label() {
        return t('connect_headerLabel');
      },
      secret: false,
      schema: headerNameField,
      defaultValue: CONNECT_DEFAULT_AUTH_HEADER,
      placeholder: 'Authorization',
      get help() {
        return t('connect_headerHelp');
      },
    },
  ],
  defaultBaseUrl: '',
  baseUrlRequired: true,
  capabilities: connectCapabilities,
  recordKinds: [
    {
      id: 'contact',
      get label() {
        return t('crm_kindContact');
      },
    },
  ],
  create: createConnectAdapter,
};
