import { HTTPError, type KyInstance } from 'ky';
import type { CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import { lazyMessage, type MessageKey, t } from '../../i18n';
import { isCountryCode } from '../../phone/normalize';
import type {
  Account,
  ActivityInput,
  ActivityRef,
  ActivityType,
  Capabilities,
  CrmAdapter,
  CrmRecord,
  NewRecord,
  RecordPage,
  RecordPatch,
  RecordRef,
} from '../adapter';
import { CrmError } from '../errors';
import { createHttp, request } from '../http';
import type { AdapterConfig, ProviderDefinition } from '../provider';
import { describeValidation, LABEL, permissionError } from './entity-crm/errors';
import {
  cleanNumber,
  correctedEntry,
  emailsOf,
  emailWriter,
  embeddedCompany,
  phonesOf,
  phoneWriter,
  storedNumber,
  subjectFor,
} from './entity-crm/mapping';
import {
  activitySchema,
  companySchema,
  contactSchema,
  dashboardSchema,
  type EntityContact,
  emailObjectSchema,
  listOf,
  membershipSchema,
  parseCursor,
  parseItems,
  single,
} from './entity-crm/responses';

/**
 * The Entity CRM HTTP API (seed 002): `Authorization: Bearer ak_…` and the entity's UUID as `entityId` on every
 * call, paths under `{base}api/crm/`, errors as `{"error": "..."}`. The seed documents paths, methods and a few
 * request examples; nearly every response is `{}` there. Every response shape (entity-crm/responses.ts) is
 * therefore a guess, marked UNCONFIRMED, and parsed tolerantly: wrapped (`{"contact": {...}}`) or bare
 * objects, lists as `{"contacts": [...]}`, `{"data": [...]}` or bare arrays, phones and emails as strings or
 * objects.
 *
 * What the API lacks for a softphone: no phone or email search on contacts (only companies have a name search),
 * no activity update, no user list. Lookups therefore run on Ringside's local index, filled by `listRecords`.
 */

/** Requested page size for the index sync (UNCONFIRMED `pageSize`; paging still works if the API caps it). */
export const ENTITY_CRM_PAGE_SIZE = 200;
/** A contact's activities are scanned page by page; this bounds a runaway list (100 a page). */
const FIND_ACTIVITY_PAGES = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const abort = (key: MessageKey) => ({ ...lazyMessage(key), abort: true });

export const entityApiKeySchema = z
  .string()
  .trim()
  .min(1, abort('entityCrm_apiKeyEmpty'))
  .max(300, abort('entityCrm_apiKeyTooLong'))
  .regex(/^ak_/, abort('entityCrm_apiKeyPrefix'))
  .regex(/^ak_[\x21-\x7e]+$/, lazyMessage('entityCrm_apiKeyChars'));

export const entityIdSchema = z
  .string()
  .trim()
  .min(1, abort('entityCrm_entityIdEmpty'))
  .regex(UUID, lazyMessage('entityCrm_entityIdFormat'))
  .toLowerCase();

/**
 * Entity CRM stores numbers as typed ("(415) 555-2671"). Numbers without a `+` can only be read with a country;
 * empty means none is assumed and such numbers are flagged for cleanup.
 */
export const entityCountrySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((value) => value === '' || isCountryCode(value), lazyMessage('entityCrm_countryInvalid'));

export const entityCrmCapabilities: Capabilities = {
  // No phone or email search is documented for contacts: Ringside's local index does both.
  searchByPhone: 'index',
  searchByEmail: 'index',
  readRecord: true,
  updateRecord: true,
  createRecord: true,
  listRecords: true,
  logActivity: true,
  // The seed documents POST and GET on activities, no PATCH.
  updateActivity: false,
  // No user endpoint is documented.
  listUsers: false,
  listActivityTypes: true,
};

/**
 * Activity `type` values. The seed's examples show `"type": "call"` only; the others are the values such APIs
 * use and are UNCONFIRMED. Fixed: no endpoint lists them.
 */
export const ENTITY_ACTIVITY_TYPES = [
  { id: 'call', name: 'logChannel_call' },
  { id: 'sms', name: 'logChannel_sms' },
  { id: 'whatsapp', name: 'logChannel_whatsapp' },
  { id: 'email', name: 'logChannel_email' },
  { id: 'note', name: 'logChannel_note' },
] as const satisfies readonly { id: string; name: MessageKey }[];
const ACTIVITY_TYPE_IDS: readonly string[] = ENTITY_ACTIVITY_TYPES.map((type) => type.id);

/** Where the app lives: the API base without a trailing `api/crm/` that some users paste. */
function appBase(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.pathname = url.pathname.replace(/api\/crm\/?$/, '');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

export function createEntityCrmAdapter(config: AdapterConfig): CrmAdapter {
  const apiKey = entityApiKeySchema.safeParse(config.credentials.apiKey ?? '');
  const entityId = entityIdSchema.safeParse(config.credentials.entityId ?? '');
  const countryText = entityCountrySchema.safeParse(config.credentials.defaultCountry ?? '');
  const country: CountryCode | undefined =
    countryText.success && isCountryCode(countryText.data) ? countryText.data : undefined;
  /** A missing or malformed credential fails every call with the form's own message, before any request. */
  const configError =
    !apiKey.success || !entityId.success
      ? new CrmError({
          kind: !apiKey.success ? 'auth' : 'validation',
          message: `${LABEL}: ${(!apiKey.success ? apiKey : entityId).error?.issues[0]?.message ?? t('entityCrm_checkSettings')}`,
          fieldErrors: {
            ...(!apiKey.success
              ? { apiKey: apiKey.error.issues[0]?.message ?? t('entityCrm_apiKeyInvalid') }
              : {}),
            ...(!entityId.success
              ? { entityId: entityId.error.issues[0]?.message ?? t('entityCrm_entityIdInvalid') }
              : {}),
          },
        })
      : undefined;
  const entity = entityId.success ? entityId.data : '';
  const base = appBase(config.baseUrl);
  const http: KyInstance = createHttp({
    baseUrl: `${base}api/crm/`,
    label: LABEL,
    ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
    headers: { Authorization: `Bearer ${apiKey.success ? apiKey.data : ''}` },
  });
  const id = (value: string) => encodeURIComponent(value);
  const contactUrl = (contactId: string) => new URL(`app/contacts/${id(contactId)}`, base).href;

  /**
   * Every call carries `entityId` as a query parameter, writes included: the seed's examples always put it in
   * the query, and one place is easier to check than two (the body form is never sent).
   */
  const params = (extra: Record<string, string | number> = {}) => ({ entityId: entity, ...extra });

  async function call<T>(schema: z.ZodType<T>, send: () => Promise<Response>): Promise<T> {
    if (configError) throw configError;
    return request(
      LABEL,
      schema,
      async () => {
        try {
          return await send();
        } catch (error) {
          if (error instanceof HTTPError && error.response.status === 403)
            throw await permissionError(error.response);
          throw error;
        }
      },
      describeValidation,
    );
  }

  function toRecord(contact: EntityContact, company: string | undefined): CrmRecord {
    const name =
      contact.fullName ||
      contact.name ||
      contact.displayName ||
      [contact.firstName, contact.lastName].filter(Boolean).join(' ') ||
      emailsOf(contact)[0] ||
      t('crm_noName');
    const title = contact.title || contact.jobTitle;
    return {
      ref: { provider: 'entity-crm', connectionId: config.connectionId, kind: 'contact', id: contact.id },
      name,
      ...(title ? { title } : {}),
      ...(company ? { company } : {}),
      phones: phonesOf(contact, country),
      emails: emailsOf(contact),
      url: contactUrl(contact.id),
      ...(contact.lastActivityAt ? { lastActivityAt: contact.lastActivityAt } : {}),
    };
  }

  /**
   * The contact's company: embedded in the contact if the API does that, else its primary (or first) company
   * membership. A membership read that fails for a reason other than reachability leaves the company out.
   */
  async function companyOf(contact: EntityContact): Promise<string | undefined> {
    const embedded = embeddedCompany(contact);
    if (embedded) return embedded;
    try {
      const list = await call(listOf('memberships'), () =>
        http.get(`contacts/${id(contact.id)}/company-memberships`, { searchParams: params() }),
      );
      const memberships = parseItems(list.items, membershipSchema);
      const membership = memberships.find((item) => item.isPrimary) ?? memberships[0];
      if (!membership) return undefined;
      const name = membership.company?.name || membership.companyName;
      if (name) return name;
      const companyId = membership.companyId ?? membership.company?.id;
      if (!companyId) return undefined;
      const company = await call(single('company', companySchema), () =>
        http.get(`companies/${id(companyId)}`, { searchParams: params() }),
      );
      return company.name || undefined;
    } catch (error) {
      if (
        error instanceof CrmError &&
        ['not-found', 'validation', 'invalid-response', 'permission'].includes(error.kind)
      ) {
        return undefined;
      }
      throw error;
    }
  }

  async function readContact(contactId: string): Promise<EntityContact> {
    return call(single('contact', contactSchema), () =>
      http.get(`contacts/${id(contactId)}`, { searchParams: params() }),
    );
  }

  async function findOrCreateCompany(name: string): Promise<string> {
    // "Search name (ilike)" is documented for companies; its parameter name (`search`) is UNCONFIRMED, so the
    // exact name is matched here too, in case the parameter is ignored.
    const found = await call(listOf('companies'), () =>
      http.get('companies', { searchParams: params({ search: name, page: 1 }) }),
    );
    const wanted = name.trim().toLowerCase();
    const match = parseItems(found.items, companySchema).find(
      (company) => company.name?.trim().toLowerCase() === wanted,
    );
    if (match) return match.id;
    const created = await call(single('company', companySchema), () =>
      http.post('companies', { searchParams: params(), json: { name } }),
    );
    return created.id;
  }

  function activityTypeFor(input: ActivityInput): string {
    if (input.typeId !== undefined) {
      if (!ACTIVITY_TYPE_IDS.includes(input.typeId)) {
        throw new CrmError({
          kind: 'validation',
          message: t(
            'entityCrm_noActivityType',
            LABEL,
            input.typeId,
            ENTITY_ACTIVITY_TYPES.map((type) => t(type.name)).join(', '),
          ),
        });
      }
      return input.typeId;
    }
    return input.channel;
  }

  function activityRef(activityId: string, contactId: string): ActivityRef {
    return {
      provider: 'entity-crm',
      connectionId: config.connectionId,
      kind: 'activity',
      id: activityId,
      parentId: contactId,
      url: contactUrl(contactId),
    };
  }

  return {
    provider: 'entity-crm',
    capabilities: entityCrmCapabilities,

    /**
     * No "me" endpoint: the dashboard is the cheapest documented read that checks both the key (401) and the
     * entity id (400/403). Its body is `{}` in the seed; an entity name or user in it is used if present.
     */
    async whoAmI(): Promise<Account> {
      const dashboard = await call(dashboardSchema, () => http.get('dashboard', { searchParams: params() }));
      const organization = dashboard.entity?.name || dashboard.entityName || undefined;
      return {
        userName: dashboard.user?.name || t('entityCrm_accountName'),
        ...(dashboard.user?.email ? { email: dashboard.user.email } : {}),
        ...(organization ? { organization } : {}),
      };
    },

    /**
     * One page of contacts for the local index (`page`/`pageSize`, UNCONFIRMED). More pages follow while the
     * response says so (`nextPage`, `hasMore`, or `total`), or, with none of those, while pages come back full.
     * Company is only what the contact JSON carries: a membership call per contact would cost a request each.
     */
    async listRecords(cursor?: string): Promise<RecordPage> {
      const { page, previousLast } = parseCursor(cursor);
      const body = await call(listOf('contacts'), () =>
        http.get('contacts', { searchParams: params({ page, pageSize: ENTITY_CRM_PAGE_SIZE }) }),
      );
      const contacts = parseItems(body.items, contactSchema);
      const last = contacts.at(-1)?.id;
      // The same page again means the API ignored `page`: everything was already listed.
      if (previousLast !== undefined && last === previousLast) return { records: [] };
      const records = contacts.map((contact) => toRecord(contact, embeddedCompany(contact)));
      let more: boolean;
      if (body.items.length === 0) more = false;
      else if (body.nextPage !== undefined) more = true;
      else if (body.hasMore !== undefined) more = body.hasMore;
      else if (body.total !== undefined) more = page * (body.pageSize ?? body.items.length) < body.total;
      else more = body.items.length >= ENTITY_CRM_PAGE_SIZE;
      if (!more || last === undefined) return { records };
      const next = body.nextPage !== undefined && body.nextPage > page ? body.nextPage : page + 1;
      return { records, cursor: `${next}:${last}` };
    },

    async getRecord(ref: RecordRef): Promise<CrmRecord> {
      const contact = await readContact(ref.id);
      return toRecord(contact, await companyOf(contact));
    },

    /**
     * PATCH contacts/{id} with the whole `phones` and/or `emails` list (replacing, UNCONFIRMED) and nothing
     * else. The contact is read first to keep each kept number's and address's type.
     */
    async updateRecord(ref: RecordRef, patch: RecordPatch): Promise<CrmRecord> {
      const current = await readContact(ref.id);
      const json: Record<string, unknown> = {};
      if (patch.phones) {
        const known = new Map(
          phonesOf(current, country).map((phone) => [phone.e164 ?? phone.raw, phone.type]),
        );
        const write = phoneWriter(current);
        const stored = current.phones ?? [];
        const storedAs = (value: string) => stored.find((item) => storedNumber(item) === value.trim());
        const phones: unknown[] = [];
        for (const entry of patch.phones) {
          const number = cleanNumber(entry.number, country);
          const replaced = entry.replaces === undefined ? undefined : storedAs(entry.replaces);
          // A number outside the list (a `phone`/`mobile` field) is corrected in its own field.
          const single = (['phone', 'mobile'] as const).find(
            (name) => entry.replaces !== undefined && current[name]?.trim() === entry.replaces.trim(),
          );
          if (replaced === undefined && single) json[single] = number;
          else if (replaced !== undefined) phones.push(correctedEntry(replaced, number, entry.type));
          else
            phones.push(
              // A number kept as it is stays exactly as stored; rewriting it would change its format or flags.
              (entry.replaces === undefined ? storedAs(entry.number) : undefined) ??
                write(number, entry.type ?? known.get(number) ?? known.get(entry.number.trim()) ?? undefined),
            );
        }
        json.phones = phones;
      }
      if (patch.emails) {
        const write = emailWriter(current);
        const knownTypes = new Map<string, string>();
        for (const item of current.emails ?? []) {
          const parsed = emailObjectSchema.safeParse(item);
          const email = parsed.success
            ? (parsed.data.email ?? parsed.data.address ?? parsed.data.value)
            : undefined;
          const type = parsed.success ? (parsed.data.type ?? parsed.data.label) : undefined;
          if (email && type) knownTypes.set(email.toLowerCase(), type);
        }
        json.emails = patch.emails.map((email) => write(email, knownTypes.get(email.toLowerCase())));
      }
      const response = await call(z.unknown(), () =>
        http.patch(`contacts/${id(ref.id)}`, { searchParams: params(), json }),
      );
      // The PATCH response is undocumented: use it if it is the contact, else read the contact again.
      const parsed = single('contact', contactSchema).safeParse(response);
      const updated = parsed.success && parsed.data.id === ref.id ? parsed.data : await readContact(ref.id);
      return toRecord(updated, await companyOf(updated));
    },

    /**
     * POST contacts `{firstName, lastName, title, phones, emails, notes}` (field names beyond the seed's `{}` are
     * UNCONFIRMED), then the company: found by name or created, and linked through a company membership. The
     * company step is best effort once the contact exists: failing it must not make a retry create a twin.
     */
    async createRecord(input: NewRecord): Promise<CrmRecord> {
      if (!input.firstName?.trim() && !input.lastName?.trim()) {
        throw new CrmError({
          kind: 'validation',
          message: t('entityCrm_nameNeeded', LABEL),
        });
      }
      const created = await call(single('contact', contactSchema), () =>
        http.post('contacts', {
          searchParams: params(),
          json: {
            ...(input.firstName?.trim() ? { firstName: input.firstName.trim() } : {}),
            ...(input.lastName?.trim() ? { lastName: input.lastName.trim() } : {}),
            ...(input.title ? { title: input.title } : {}),
            phones: input.phones.map((entry) => ({
              number: cleanNumber(entry.number, country),
              ...(entry.type ? { type: entry.type } : {}),
            })),
            emails: input.emails.map((email) => ({ email })),
            ...(input.note ? { notes: input.note } : {}),
          },
        }),
      );
      let company = embeddedCompany(created);
      if (input.company?.trim() && !company) {
        try {
          const companyId = await findOrCreateCompany(input.company.trim());
          await call(z.unknown(), () =>
            http.post(`contacts/${id(created.id)}/company-memberships`, {
              searchParams: params(),
              json: { companyId },
            }),
          );
          company = input.company.trim();
        } catch (error) {
          if (!(error instanceof CrmError)) throw error;
        }
      }
      return toRecord(created, company);
    },

    /**
     * POST activities with the seed's `type` and `subject`, plus `body`, `contactId`, `occurredAt`,
     * `durationSeconds`, `direction`, `phone` and `externalId` (the client id, for findActivity): UNCONFIRMED
     * fields an API may ignore. Outcomes and users have no documented place and are not sent.
     */
    async logActivity(input: ActivityInput): Promise<ActivityRef> {
      const type = activityTypeFor(input);
      const created = await call(single('activity', activitySchema), () =>
        http.post('activities', {
          searchParams: params(),
          json: {
            type,
            subject: subjectFor(input),
            body: input.note,
            contactId: input.record.id,
            occurredAt: input.activityAt,
            ...(input.durationSec !== undefined ? { durationSeconds: input.durationSec } : {}),
            ...(input.direction ? { direction: input.direction } : {}),
            ...(input.phone ? { phone: input.phone } : {}),
            ...(input.clientId ? { externalId: input.clientId } : {}),
          },
        }),
      );
      return activityRef(created.id, input.record.id);
    },

    /**
     * GET activities filtered by `contactId` (UNCONFIRMED name for the seed's UUID filter), newest pages first.
     * A stored `externalId` decides when the API kept it; otherwise the same type, subject, text and time do.
     */
    async findActivity(input: ActivityInput): Promise<ActivityRef | undefined> {
      const type = activityTypeFor(input);
      const subject = subjectFor(input);
      const at = Date.parse(input.activityAt);
      for (let page = 1; page <= FIND_ACTIVITY_PAGES; page++) {
        const body = await call(listOf('activities'), () =>
          http.get('activities', {
            searchParams: params({ contactId: input.record.id, page, pageSize: 100 }),
          }),
        );
        const match = parseItems(body.items, activitySchema).find((activity) => {
          if (activity.contactId && activity.contactId !== input.record.id) return false;
          if (input.clientId && activity.externalId) return activity.externalId === input.clientId;
          const note = activity.body ?? activity.notes ?? activity.description ?? '';
          const when = activity.occurredAt ? Date.parse(activity.occurredAt) : Number.NaN;
          return (
            (!activity.type || activity.type === type) &&
            activity.subject === subject &&
            note === input.note &&
            (Number.isNaN(when) || Math.abs(when - at) < 1000)
          );
        });
        if (match) return activityRef(match.id, input.record.id);
        // A full page may have more behind it even when the API says nothing about paging.
        const more = body.nextPage !== undefined || body.hasMore === true || body.items.length >= 100;
        if (!more || body.items.length === 0) break;
      }
      return undefined;
    },

    async listActivityTypes(): Promise<ActivityType[]> {
      return ENTITY_ACTIVITY_TYPES.map((type) => ({
        id: type.id,
        name: t(type.name),
        kind: 'type' as const,
      }));
    },
  };
}

export const entityCrmDefinition: ProviderDefinition = {
  id: 'entity-crm',
  label: LABEL,
  fields: [
    {
      name: 'apiKey',
      get label() {
        return t('entityCrm_apiKeyLabel');
      },
      secret: true,
      schema: entityApiKeySchema,
      placeholder: 'ak_…',
      get help() {
        return t('entityCrm_apiKeyHelp');
      },
    },
    {
      name: 'entityId',
      get label() {
        return t('entityCrm_entityIdLabel');
      },
      secret: false,
      schema: entityIdSchema,
      placeholder: '497f6eca-6276-4993-bfeb-53cbbbba6f08',
      get help() {
        return t('entityCrm_entityIdHelp');
      },
    },
    {
      name: 'defaultCountry',
      get label() {
        return t('entityCrm_countryLabel');
      },
      secret: false,
      schema: entityCountrySchema,
      placeholder: 'US',
      get help() {
        return t('entityCrm_countryHelp');
      },
    },
  ],
  // Every customer reaches the API on their own host; the seed's https://example.com is only an example.
  defaultBaseUrl: '',
  baseUrlRequired: true,
  capabilities: entityCrmCapabilities,
  recordKinds: [
    {
      id: 'contact',
      get label() {
        return t('crm_kindContact');
      },
    },
  ],
  create: createEntityCrmAdapter,
};
