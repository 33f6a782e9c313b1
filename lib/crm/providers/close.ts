import type { KyInstance } from 'ky';
import { z } from 'zod';
import { toE164 } from '../../phone/normalize';
import type {
  Account,
  ActivityInput,
  ActivityRef,
  Capabilities,
  CrmAdapter,
  CrmRecord,
  RecordRef,
  SearchQuery,
} from '../adapter';
import { CrmError } from '../errors';
import { createHttp, request } from '../http';

/**
 * Close API v1 (https://developer.close.com). Paths end with a slash; the key is the Basic-auth username.
 * Contacts are people and belong to a lead (the company); activities hang off the lead.
 */

export const CLOSE_DEFAULT_BASE_URL = 'https://api.close.com/api/v1/';
const LABEL = 'Close';
const CONTACT_FIELDS = ['id', 'name', 'display_name', 'title', 'lead_id', 'phones', 'emails'] as const;
/** Bounds a search that matches far more people than a recruiter could choose from. */
const MAX_SEARCH_PAGES = 5;

export const closeCapabilities: Capabilities = {
  searchByPhone: true,
  searchByEmail: true,
  logCall: true,
  updateActivity: false,
  updateRecord: false,
  createRecord: false,
  listUsers: false,
  listActivityTypes: false,
};

const nullableString = z.string().nullish();

const meSchema = z.object({
  id: z.string(),
  first_name: nullableString,
  last_name: nullableString,
  email: nullableString,
  organizations: z.array(z.object({ id: z.string(), name: nullableString })).nullish(),
});

const contactSchema = z.object({
  id: z.string(),
  lead_id: z.string(),
  name: nullableString,
  display_name: nullableString,
  title: nullableString,
  phones: z.array(z.object({ phone: z.string(), type: nullableString })).nullish(),
  emails: z.array(z.object({ email: z.string(), type: nullableString })).nullish(),
});
type CloseContact = z.infer<typeof contactSchema>;

const searchPageSchema = z.object({
  data: z.array(contactSchema),
  cursor: z.string().nullish(),
});

const leadSchema = z.object({ id: z.string(), display_name: nullableString, name: nullableString });

const createdActivitySchema = z.object({ id: z.string(), lead_id: z.string().nullish() });

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

export interface CloseConfig {
  connectionId: string;
  apiKey: string;
  /** API base such as https://api.close.com/api/v1/ (the sandbox serves the same paths). */
  baseUrl: string;
  timeoutMs?: number;
}

/** Where people open a lead: app.close.com for the real API, the same origin for a sandbox. */
export function closeAppOrigin(baseUrl: string): string {
  const url = new URL(baseUrl);
  return url.hostname === 'api.close.com' ? 'https://app.close.com' : url.origin;
}

export function createCloseAdapter(config: CloseConfig): CrmAdapter {
  const http: KyInstance = createHttp({
    baseUrl: config.baseUrl,
    label: LABEL,
    ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
    // btoa is safe here: Close keys are ASCII (validated on input).
    headers: { Authorization: `Basic ${btoa(`${config.apiKey}:`)}` },
  });
  const appOrigin = closeAppOrigin(config.baseUrl);
  const leadUrl = (leadId: string) => `${appOrigin}/lead/${encodeURIComponent(leadId)}/`;
  const call = <T>(schema: z.ZodType<T>, send: () => Promise<Response>) =>
    request(LABEL, schema, send, describeValidation);

  async function leadNames(leadIds: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(leadIds)];
    const leads = await Promise.all(
      unique.map((id) =>
        call(leadSchema, () =>
          http.get(`lead/${encodeURIComponent(id)}/`, { searchParams: { _fields: 'id,display_name,name' } }),
        ),
      ),
    );
    return new Map(leads.map((lead) => [lead.id, lead.display_name || lead.name || '']));
  }

  function toRecord(contact: CloseContact, company: string | undefined): CrmRecord {
    const ref: RecordRef = {
      provider: 'close',
      connectionId: config.connectionId,
      kind: 'contact',
      id: contact.id,
      parentId: contact.lead_id,
    };
    return {
      ref,
      name: contact.display_name || contact.name || '(no name)',
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
      const contacts = [
        ...(query.phone ? await searchContacts('contact_phone', 'phone', query.phone) : []),
        ...(query.email ? await searchContacts('contact_email', 'email', query.email.toLowerCase()) : []),
      ];
      const unique = [...new Map(contacts.map((contact) => [contact.id, contact])).values()];
      const companies = await leadNames(unique.map((contact) => contact.lead_id));
      return unique.map((contact) => toRecord(contact, companies.get(contact.lead_id)));
    },

    async getRecord(ref: RecordRef): Promise<CrmRecord> {
      const contact = await call(contactSchema, () =>
        http.get(`contact/${encodeURIComponent(ref.id)}/`, {
          searchParams: { _fields: CONTACT_FIELDS.join(',') },
        }),
      );
      const companies = await leadNames([contact.lead_id]);
      return toRecord(contact, companies.get(contact.lead_id));
    },

    async logActivity(input: ActivityInput): Promise<ActivityRef> {
      const leadId = input.record.parentId;
      if (!leadId) {
        throw new CrmError({
          kind: 'validation',
          message: 'Close needs the lead of this contact to log a call.',
        });
      }
      const created = await call(createdActivitySchema, () =>
        http.post('activity/call/', {
          json: {
            lead_id: leadId,
            contact_id: input.record.id,
            direction: input.direction,
            status: 'completed',
            // Logged from outside Close's own dialer.
            source: 'External',
            duration: input.durationSec,
            phone: input.phone,
            note: input.note,
            activity_at: input.activityAt,
          },
        }),
      );
      return {
        provider: 'close',
        connectionId: config.connectionId,
        kind: 'call',
        id: created.id,
        url: leadUrl(created.lead_id ?? leadId),
      };
    },
  };
}
