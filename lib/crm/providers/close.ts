import type { KyInstance } from 'ky';
import { z } from 'zod';
import { lazyMessage, type MessageKey, t } from '../../i18n';
import { toE164 } from '../../phone/normalize';
import type {
  Account,
  ActivityInput,
  ActivityPatch,
  ActivityRef,
  ActivityType,
  Capabilities,
  CrmAdapter,
  CrmRecord,
  CrmUser,
  NewRecord,
  RecordPatch,
  RecordRef,
  SearchQuery,
} from '../adapter';
import { CrmError } from '../errors';
import { createHttp, request } from '../http';
import type { AdapterConfig, ProviderDefinition } from '../provider';

/**
 * Close API v1 (https://developer.close.com). Paths end with a slash; the key is the Basic-auth username.
 * Contacts are people and belong to a lead (the company); activities hang off the lead.
 */

export const CLOSE_DEFAULT_BASE_URL = 'https://api.close.com/api/v1/';
const LABEL = 'Close';
const CONTACT_FIELDS = ['id', 'name', 'display_name', 'title', 'lead_id', 'phones', 'emails'] as const;
/** Bounds a search that matches far more people than a recruiter could choose from. */
const MAX_SEARCH_PAGES = 5;
const MAX_LIST_PAGES = 50;

/** Close API keys: `api_` then letters, digits and a few separators. */
const abort = (key: MessageKey) => ({ ...lazyMessage(key), abort: true });
export const closeApiKeySchema = z
  .string()
  .trim()
  .min(1, abort('close_apiKeyEmpty'))
  .max(200, abort('close_apiKeyTooLong'))
  .regex(/^api_/, abort('close_apiKeyPrefix'))
  .regex(/^api_[A-Za-z0-9._-]+$/, lazyMessage('close_apiKeyChars'));

export const closeCapabilities: Capabilities = {
  searchByPhone: 'server',
  searchByEmail: 'server',
  readRecord: true,
  updateRecord: true,
  createRecord: true,
  listRecords: false,
  logActivity: true,
  updateActivity: true,
  listUsers: true,
  listActivityTypes: true,
};

const nullableString = z.string().nullish();

const meSchema = z.object({
  id: z.string(),
  first_name: nullableString,
  last_name: nullableString,
  email: nullableString,
  organizations: z.array(z.object({ id: z.string(), name: nullableString })).nullish(),
});

const phoneSchema = z.object({ phone: z.string(), type: nullableString });
const emailSchema = z.object({ email: z.string(), type: nullableString });
const contactSchema = z.object({
  id: z.string(),
  lead_id: z.string(),
  name: nullableString,
  display_name: nullableString,
  title: nullableString,
  phones: z.array(phoneSchema).nullish(),
  emails: z.array(emailSchema).nullish(),
});
type CloseContact = z.infer<typeof contactSchema>;

const searchPageSchema = z.object({ data: z.array(contactSchema), cursor: z.string().nullish() });
const leadSchema = z.object({
  id: z.string(),
  display_name: nullableString,
  name: nullableString,
  contacts: z.array(contactSchema).nullish(),
});
const activitySchema = z.object({
  id: z.string(),
  lead_id: z.string().nullish(),
  contact_id: nullableString,
  note: nullableString,
  activity_at: nullableString,
});
const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), has_more: z.boolean().nullish() });
const userSchema = z.object({
  id: z.string(),
  first_name: nullableString,
  last_name: nullableString,
  email: nullableString,
});
const namedSchema = z.object({ id: z.string(), name: nullableString });

const validationBodySchema = z.object({
  errors: z.array(z.unknown()).optional(),
  'field-errors': z.record(z.string(), z.unknown()).optional(),
});

/** Close answers a 400 with `{"errors":[],"field-errors":{"lead":"This field is required."}}`. */
function describeValidation(body: unknown): Record<string, string> | undefined {
  const parsed = validationBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const out: Record<string, string> = {};
  for (const [field, text] of Object.entries(parsed.data['field-errors'] ?? {})) out[field] = String(text);
  const general = (parsed.data.errors ?? []).map(String).filter(Boolean);
  if (general.length) out.request = general.join(' ');
  return Object.keys(out).length ? out : undefined;
}

/** Where people open a lead: app.close.com for the real API, the same origin for a sandbox. */
export function closeAppOrigin(baseUrl: string): string {
  const url = new URL(baseUrl);
  return url.hostname === 'api.close.com' ? 'https://app.close.com' : url.origin;
}

/** Notes stand in for channels Close only logs by sending (SMS outbox would send a real message). */
const NOTE_TITLES: Record<ActivityInput['channel'], MessageKey> = {
  call: 'logChannel_call',
  sms: 'logChannel_sms',
  whatsapp: 'logChannel_whatsapp',
  email: 'logChannel_email',
  note: 'logChannel_note',
};

/** Close implements every optional method; the type says so, so callers need no checks. */
export type CloseAdapter = CrmAdapter &
  Required<
    Pick<
      CrmAdapter,
      | 'search'
      | 'getRecord'
      | 'updateRecord'
      | 'createRecord'
      | 'logActivity'
      | 'updateActivity'
      | 'findActivity'
      | 'listUsers'
      | 'listActivityTypes'
    >
  >;

export function createCloseAdapter(config: AdapterConfig): CloseAdapter {
  const apiKey = config.credentials.apiKey ?? '';
  const http: KyInstance = createHttp({
    baseUrl: config.baseUrl,
    label: LABEL,
    ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
    // btoa is safe here: Close keys are ASCII (validated on input).
    headers: { Authorization: `Basic ${btoa(`${apiKey}:`)}` },
  });
  const appOrigin = closeAppOrigin(config.baseUrl);
  const leadUrl = (leadId: string) => `${appOrigin}/lead/${encodeURIComponent(leadId)}/`;
  const call = <T>(schema: z.ZodType<T>, send: () => Promise<Response>) =>
    request(LABEL, schema, send, describeValidation);
  const id = (value: string) => encodeURIComponent(value);

  async function leadNames(leadIds: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(leadIds)];
    const leads = await Promise.all(
      unique.map((leadId) =>
        call(leadSchema, () =>
          http.get(`lead/${id(leadId)}/`, { searchParams: { _fields: 'id,display_name,name' } }),
        ),
      ),
    );
    return new Map(leads.map((lead) => [lead.id, lead.display_name || lead.name || '']));
  }

  function toRecord(contact: CloseContact, company: string | undefined): CrmRecord {
    return {
      ref: {
        provider: 'close',
        connectionId: config.connectionId,
        kind: 'contact',
        id: contact.id,
        parentId: contact.lead_id,
      },
      name: contact.display_name || contact.name || t('crm_noName'),
      ...(contact.title ? { title: contact.title } : {}),
      ...(company ? { company } : {}),
      phones: (contact.phones ?? []).map((entry) => {
        const e164 = toE164(entry.phone);
        return { raw: entry.phone, ...(e164 ? { e164 } : {}), ...(entry.type ? { type: entry.type } : {}) };
      }),
      emails: (contact.emails ?? []).map((entry) => entry.email),
      url: leadUrl(contact.lead_id),
    };
  }

  async function withCompanies(contacts: CloseContact[]): Promise<CrmRecord[]> {
    const unique = [...new Map(contacts.map((contact) => [contact.id, contact])).values()];
    const companies = await leadNames(unique.map((contact) => contact.lead_id));
    return unique.map((contact) => toRecord(contact, companies.get(contact.lead_id)));
  }

  async function getContact(contactId: string): Promise<CloseContact> {
    return call(contactSchema, () =>
      http.get(`contact/${id(contactId)}/`, { searchParams: { _fields: CONTACT_FIELDS.join(',') } }),
    );
  }

  async function searchContacts(
    relatedType: 'contact_phone' | 'contact_email',
    field: string,
    value: string,
  ) {
    const contacts: CloseContact[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_SEARCH_PAGES; page++) {
      const body: Record<string, unknown> = {
        query: {
          type: 'and',
          queries: [
            { type: 'object_type', object_type: 'contact' },
            {
              type: 'has_related',
              this_object_type: 'contact',
              related_object_type: relatedType,
              related_query: {
                type: 'field_condition',
                field: { type: 'regular_field', object_type: relatedType, field_name: field },
                condition: { type: 'text', mode: 'phrase', value },
              },
            },
          ],
        },
        _fields: { contact: [...CONTACT_FIELDS] },
        _limit: 100,
        cursor,
      };
      const result: z.infer<typeof searchPageSchema> = await call(searchPageSchema, () =>
        http.post('data/search/', { json: body }),
      );
      contacts.push(...result.data);
      cursor = result.cursor || null;
      if (!cursor) break;
    }
    return contacts;
  }

  async function listAll<T>(path: string, item: z.ZodType<T>, fields: string): Promise<T[]> {
    const out: T[] = [];
    for (let page = 0; page < MAX_LIST_PAGES; page++) {
      const result = await call(listOf(item), () =>
        http.get(path, { searchParams: { _limit: 100, _skip: page * 100, _fields: fields } }),
      );
      out.push(...result.data);
      if (!result.has_more) break;
    }
    return out;
  }

  function leadOf(ref: { parentId?: string | undefined }): string {
    if (!ref.parentId) {
      throw new CrmError({
        kind: 'validation',
        message: t('close_leadNeeded'),
      });
    }
    return ref.parentId;
  }

  function activityRef(kind: 'call' | 'note', activityId: string, leadId: string): ActivityRef {
    return {
      provider: 'close',
      connectionId: config.connectionId,
      kind,
      id: activityId,
      parentId: leadId,
      url: leadUrl(leadId),
    };
  }

  /** Calls go to /activity/call/ with their outcome; every other channel is logged as a titled note. */
  function endpointFor(input: ActivityInput): 'call' | 'note' {
    if (input.typeId && !['call', 'note'].includes(input.typeId)) {
      // Custom activity types carry their content in org-defined custom fields Ringside does not map yet;
      // refusing keeps the note text from being silently dropped.
      throw new CrmError({
        kind: 'validation',
        message: t('close_customType'),
      });
    }
    return (input.typeId as 'call' | 'note' | undefined) ?? (input.channel === 'call' ? 'call' : 'note');
  }

  return {
    provider: 'close',
    capabilities: closeCapabilities,

    async whoAmI(): Promise<Account> {
      const me = await call(meSchema, () =>
        http.get('me/', { searchParams: { _fields: 'id,first_name,last_name,email,organizations' } }),
      );
      const userName = [me.first_name, me.last_name].filter(Boolean).join(' ') || me.email || me.id;
      const organization = me.organizations?.[0]?.name ?? undefined;
      return {
        userName,
        ...(me.email ? { email: me.email } : {}),
        ...(organization ? { organization } : {}),
      };
    },

    async search(query: SearchQuery): Promise<CrmRecord[]> {
      // Close stores E.164 (it normalizes on write), so the E.164 query is the exact one.
      const contacts = [
        ...(query.phone ? await searchContacts('contact_phone', 'phone', query.phone) : []),
        ...(query.email ? await searchContacts('contact_email', 'email', query.email.toLowerCase()) : []),
      ];
      return withCompanies(contacts);
    },

    async getRecord(ref: RecordRef): Promise<CrmRecord> {
      const [record] = await withCompanies([await getContact(ref.id)]);
      if (!record) throw new CrmError({ kind: 'not-found', message: t('http_notFound', LABEL) });
      return record;
    },

    /** Close replaces arrays on PUT: read the contact, merge (keeping each kept number's type), write the lists. */
    async updateRecord(ref: RecordRef, patch: RecordPatch): Promise<CrmRecord> {
      const current = await getContact(ref.id);
      const body: Record<string, unknown> = {};
      if (patch.phones) {
        const known = new Map(
          (current.phones ?? []).map((entry) => [toE164(entry.phone) ?? entry.phone, entry]),
        );
        body.phones = patch.phones.map((entry) => {
          const e164 = toE164(entry.number) ?? entry.number;
          return { phone: e164, type: entry.type ?? known.get(e164)?.type ?? 'office' };
        });
      }
      if (patch.emails) {
        const known = new Map((current.emails ?? []).map((entry) => [entry.email.toLowerCase(), entry]));
        body.emails = patch.emails.map((email) => ({
          email,
          type: known.get(email.toLowerCase())?.type ?? 'office',
        }));
      }
      const updated = await call(contactSchema, () => http.put(`contact/${id(ref.id)}/`, { json: body }));
      const [record] = await withCompanies([updated]);
      if (!record) throw new CrmError({ kind: 'invalid-response', message: t('close_noContactReturned') });
      return record;
    },

    /** A new caller becomes a lead (their company, or their name) with them as its contact. */
    async createRecord(input: NewRecord): Promise<CrmRecord> {
      const name = [input.firstName, input.lastName].filter(Boolean).join(' ').trim();
      if (!name && !input.company) {
        throw new CrmError({ kind: 'validation', message: t('close_nameOrCompany') });
      }
      const lead = await call(leadSchema, () =>
        http.post('lead/', {
          json: {
            name: input.company || name,
            ...(input.note ? { description: input.note } : {}),
            contacts: [
              {
                name: name || input.company,
                ...(input.title ? { title: input.title } : {}),
                phones: input.phones.map((entry) => ({
                  phone: toE164(entry.number) ?? entry.number,
                  type: entry.type ?? 'mobile',
                })),
                emails: input.emails.map((email) => ({ email, type: 'office' })),
              },
            ],
          },
        }),
      );
      const contact = lead.contacts?.[0];
      if (!contact)
        throw new CrmError({
          kind: 'invalid-response',
          message: t('close_leadWithoutContact'),
        });
      return toRecord(contact, lead.display_name || lead.name || undefined);
    },

    async logActivity(input: ActivityInput): Promise<ActivityRef> {
      const leadId = leadOf(input.record);
      const common = {
        lead_id: leadId,
        contact_id: input.record.id,
        activity_at: input.activityAt,
        ...(input.userId ? { user_id: input.userId } : {}),
      };
      if (endpointFor(input) === 'call') {
        const created = await call(activitySchema, () =>
          http.post('activity/call/', {
            json: {
              ...common,
              direction: input.direction ?? 'outbound',
              status: 'completed',
              // Logged from outside Close's own dialer.
              source: 'External',
              duration: input.durationSec ?? 0,
              ...(input.phone ? { phone: input.phone } : {}),
              note: input.note,
              ...(input.outcomeId ? { outcome_id: input.outcomeId } : {}),
            },
          }),
        );
        return activityRef('call', created.id, leadId);
      }
      const created = await call(activitySchema, () =>
        http.post('activity/note/', {
          json: {
            ...common,
            note: input.note,
            title: `${t(NOTE_TITLES[input.channel])}${input.phone ? ` · ${input.phone}` : ''}`,
          },
        }),
      );
      return activityRef('note', created.id, leadId);
    },

    /** `note` overwrites `note_html` on Close, so only `note` is ever sent. */
    async updateActivity(ref: ActivityRef, patch: ActivityPatch): Promise<void> {
      if (patch.typeId && patch.typeId !== ref.kind) {
        throw new CrmError({
          kind: 'validation',
          message: t('close_cannotChangeType', ref.kind, patch.typeId),
        });
      }
      const json: Record<string, unknown> = {};
      if (patch.note !== undefined) json.note = patch.note;
      if (patch.outcomeId !== undefined && ref.kind === 'call') json.outcome_id = patch.outcomeId;
      const path = ref.kind === 'call' ? 'activity/call/' : 'activity/note/';
      await call(activitySchema, () => http.put(`${path}${id(ref.id)}/`, { json }));
    },

    /** Close has no external id on activities: the same lead, contact, time and text identify our log. */
    async findActivity(input: ActivityInput): Promise<ActivityRef | undefined> {
      const leadId = leadOf(input.record);
      const kind = endpointFor(input);
      const at = Date.parse(input.activityAt);
      // Every page: a busy lead has more than one page of calls, and ours may be on any of them.
      for (let page = 0; page < MAX_LIST_PAGES; page++) {
        const found = await call(listOf(activitySchema), () =>
          http.get(`activity/${kind}/`, {
            searchParams: { lead_id: leadId, contact_id: input.record.id, _limit: 100, _skip: page * 100 },
          }),
        );
        const match = found.data.find(
          (activity) =>
            (activity.note ?? '') === input.note &&
            typeof activity.activity_at === 'string' &&
            Math.abs(Date.parse(activity.activity_at) - at) < 1000,
        );
        if (match) return activityRef(kind, match.id, leadId);
        if (!found.has_more || found.data.length === 0) return undefined;
      }
      return undefined;
    },

    async listUsers(): Promise<CrmUser[]> {
      const users = await listAll('user/', userSchema, 'id,first_name,last_name,email');
      return users.map((user) => ({
        id: user.id,
        name: [user.first_name, user.last_name].filter(Boolean).join(' ') || user.email || user.id,
        ...(user.email ? { email: user.email } : {}),
      }));
    },

    /**
     * Call and Note (what Ringside logs) and call outcomes. The org's custom activity types are left out:
     * `logActivity` refuses them (their content lives in custom fields Ringside does not map yet), so
     * offering them would only lead to refused logs.
     */
    async listActivityTypes(): Promise<ActivityType[]> {
      const outcomes = await listAll('outcome/', namedSchema, 'id,name');
      return [
        { id: 'call', name: t('logChannel_call'), kind: 'type' as const },
        { id: 'note', name: t('logChannel_note'), kind: 'type' as const },
        ...outcomes.map((outcome) => ({
          id: outcome.id,
          name: outcome.name ?? outcome.id,
          kind: 'outcome' as const,
        })),
      ];
    },
  };
}

export const closeDefinition: ProviderDefinition = {
  id: 'close',
  label: LABEL,
  fields: [
    {
      name: 'apiKey',
      get label() {
        return t('close_apiKeyLabel');
      },
      secret: true,
      schema: closeApiKeySchema,
      placeholder: 'api_…',
      get help() {
        return t('close_apiKeyHelp');
      },
    },
  ],
  defaultBaseUrl: CLOSE_DEFAULT_BASE_URL,
  baseUrlRequired: false,
  capabilities: closeCapabilities,
  // A call stays a call (Close has no way to turn one into a note); a call's outcome can change.
  activityEdits: { type: false, outcome: true },
  recordKinds: [
    {
      id: 'contact',
      get label() {
        return t('close_kindLead');
      },
    },
  ],
  create: createCloseAdapter,
};
