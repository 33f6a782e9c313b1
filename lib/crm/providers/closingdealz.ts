import { HTTPError } from 'ky';
import { z } from 'zod';
import { lazyMessage, t } from '../../i18n';
import { toE164 } from '../../phone/normalize';
import type { Account, Capabilities, CrmAdapter, CrmRecord, NewRecord } from '../adapter';
import { CrmError } from '../errors';
import { createHttp, request, retryAfterMsFrom } from '../http';
import { type AdapterConfig, type ProviderDefinition, requiredText } from '../provider';

/**
 * ClosingDealz public API (seed 001; crm-contracts.md section C). It documents exactly one endpoint,
 * `POST /api/v1/leads`, taking a JSON array of up to 100 leads with the key in `X-API-Key`. Nothing can be
 * read, searched, updated or logged, so this adapter only creates leads and tests the key.
 */

export const CLOSINGDEALZ_DEFAULT_BASE_URL = 'https://app.closingdealz.io/api/v1/';
const LABEL = 'ClosingDealz';
/** The seed documents no rate-limit headers, only "1000 requests every 5 minutes": wait a minute by default. */
export const CLOSINGDEALZ_DEFAULT_RETRY_MS = 60_000;

/** Field limits from the old (GitBook) Lead Request Object. */
const LIMITS = { company: 256, contactPerson: 256, jobTitle: 256, email: 124, phoneNumber: 64, notes: 6942 };

export const closingdealzCapabilities: Capabilities = {
  searchByPhone: 'none',
  searchByEmail: 'none',
  readRecord: false,
  updateRecord: false,
  createRecord: true,
  listRecords: false,
  logActivity: false,
  updateActivity: false,
  listUsers: false,
  listActivityTypes: false,
};

/** `{ succeeded, statusCode, statusCodeDescription, message }`, the envelope of every documented answer. */
const resultSchema = z.object({
  succeeded: z.boolean(),
  statusCode: z.number().optional(),
  statusCodeDescription: z.string().nullish(),
  message: z.string().nullish(),
});

/** The lead as the seed's body example spells it (camelCase). */
export interface ClosingdealzLeadBody {
  company?: string;
  contactPerson?: string;
  jobTitle?: string;
  email?: string;
  phoneNumber?: string;
  notes?: string;
}

function clip(value: string | undefined, max: number): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, max) : undefined;
}

/**
 * One Ringside record as one ClosingDealz lead. A lead holds one email and one phone number; any further
 * ones go into the notes so nothing typed is lost (the `contacts` array could hold them, but its element
 * shape differs between the two generations of the docs).
 */
export function toLeadBody(input: NewRecord): ClosingdealzLeadBody {
  const phones = input.phones.map((phone) => {
    const e164 = toE164(phone.number);
    if (!e164) {
      throw new CrmError({
        kind: 'validation',
        message: t('closingdealz_phoneNotInternational', LABEL, phone.number),
        fieldErrors: { phones: t('closingdealz_phoneField') },
      });
    }
    return phone.type ? `${e164} (${phone.type})` : e164;
  });
  const firstPhone = input.phones[0] ? toE164(input.phones[0].number) : undefined;
  const extras = [
    ...(phones.length > 1 ? [t('closingdealz_otherPhones', phones.slice(1).join(', '))] : []),
    ...(input.emails.length > 1 ? [t('crm_otherEmails', input.emails.slice(1).join(', '))] : []),
  ];
  const notes = [input.note?.trim(), ...extras].filter(Boolean).join('\n\n');
  const contactPerson = [input.firstName?.trim(), input.lastName?.trim()].filter(Boolean).join(' ');
  const body: ClosingdealzLeadBody = {};
  const company = clip(input.company, LIMITS.company);
  const person = clip(contactPerson, LIMITS.contactPerson);
  const jobTitle = clip(input.title, LIMITS.jobTitle);
  const email = clip(input.emails[0], LIMITS.email);
  const phoneNumber = clip(firstPhone, LIMITS.phoneNumber);
  const clippedNotes = clip(notes, LIMITS.notes);
  if (company) body.company = company;
  if (person) body.contactPerson = person;
  if (jobTitle) body.jobTitle = jobTitle;
  if (email) body.email = email;
  if (phoneNumber) body.phoneNumber = phoneNumber;
  if (clippedNotes) body.notes = clippedNotes;
  return body;
}

async function messageOf(response: Response): Promise<string | undefined> {
  try {
    const parsed = resultSchema.partial().safeParse(await response.clone().json());
    return parsed.success ? (parsed.data.message ?? undefined) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * ClosingDealz's own sentences where the shared mapping would lose them: every documented 400 is about lead
 * counts and plans ("Can not have more than 5 leads on the free plan."), and its 429 carries no header.
 */
async function closingdealzError(response: Response): Promise<CrmError | undefined> {
  if (response.status === 400) {
    const said = await messageOf(response);
    const message = !said
      ? t('closingdealz_leadRefused400', LABEL)
      : /free plan/i.test(said)
        ? t('closingdealz_leadRefusedPlan', LABEL, said)
        : t('closingdealz_leadRefused', LABEL, said);
    return new CrmError({
      kind: 'validation',
      message,
      fieldErrors: { request: said ?? t('crm_badRequest') },
    });
  }
  if (response.status === 429) {
    const retryAfterMs = retryAfterMsFrom(response.headers, undefined) ?? CLOSINGDEALZ_DEFAULT_RETRY_MS;
    return new CrmError({
      kind: 'rate-limited',
      retryAfterMs,
      message: t('closingdealz_rateLimited', LABEL, Math.ceil(retryAfterMs / 1000)),
    });
  }
  return undefined;
}

export function createClosingdealzAdapter(config: AdapterConfig): CrmAdapter {
  const apiKey = config.credentials.apiKey ?? '';
  const http = createHttp({
    baseUrl: config.baseUrl,
    label: LABEL,
    headers: { 'X-API-Key': apiKey },
    ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
  });

  async function postLeads(leads: ClosingdealzLeadBody[]): Promise<z.infer<typeof resultSchema>> {
    const result = await request(LABEL, resultSchema, async () => {
      try {
        return await http.post('leads', { json: leads });
      } catch (error) {
        if (error instanceof HTTPError) {
          const mapped = await closingdealzError(error.response);
          if (mapped) throw mapped;
        }
        throw error;
      }
    });
    if (!result.succeeded) {
      // A 200 that says it failed is not documented; keep the CRM's sentence rather than claim success.
      throw new CrmError({
        kind: 'validation',
        message: result.message
          ? t('closingdealz_notCreatedSaid', LABEL, result.message)
          : t('closingdealz_notCreated', LABEL),
      });
    }
    return result;
  }

  return {
    provider: 'closingdealz',
    capabilities: closingdealzCapabilities,

    /**
     * ClosingDealz has no who-am-I endpoint. The cheapest credential test (UNCONFIRMED) is posting an empty
     * array to `leads`: it creates nothing, a bad key gets the documented 401, and a 200 means the key works.
     * The API names neither the user nor the workspace, so the account is only a label.
     */
    async whoAmI(): Promise<Account> {
      await postLeads([]);
      return { userName: t('closingdealz_accountName') };
    },

    /**
     * Sends camelCase as the seed's body example does. The seed's curl uses PascalCase ("Company", "Notes")
     * and the newer docs PascalCase throughout; whether ClosingDealz binds names case-insensitively is
     * UNCONFIRMED, so camelCase (the documented example body) it is.
     */
    async createRecord(input: NewRecord): Promise<CrmRecord> {
      if (input.kind && input.kind !== 'lead') {
        throw new CrmError({ kind: 'validation', message: t('closingdealz_leadsOnly', LABEL) });
      }
      const lead = toLeadBody(input);
      if (!lead.company && !lead.contactPerson && !lead.email && !lead.phoneNumber) {
        throw new CrmError({
          kind: 'validation',
          message: t('closingdealz_emptyLead', LABEL),
        });
      }
      await postLeads([lead]);
      // ClosingDealz answers without the new lead's id, so the ref carries an id made here: it identifies the
      // record inside Ringside only and can never be looked up in ClosingDealz.
      return {
        ref: {
          provider: 'closingdealz',
          connectionId: config.connectionId,
          kind: 'lead',
          id: crypto.randomUUID(),
        },
        name: lead.contactPerson || lead.company || lead.email || lead.phoneNumber || t('crm_noName'),
        ...(lead.jobTitle ? { title: lead.jobTitle } : {}),
        ...(lead.company ? { company: lead.company } : {}),
        phones: input.phones.map((phone) => {
          const e164 = toE164(phone.number);
          return {
            raw: e164 ?? phone.number,
            ...(e164 ? { e164 } : {}),
            ...(phone.type ? { type: phone.type } : {}),
          };
        }),
        emails: [...input.emails],
      };
    },
  };
}

const apiKeyField = requiredText(
  { empty: 'closingdealz_apiKeyEmpty', tooLong: 'closingdealz_apiKeyTooLong' },
  200,
).regex(/^\S+$/, lazyMessage('closingdealz_apiKeySpaces'));

export const closingdealzDefinition: ProviderDefinition = {
  id: 'closingdealz',
  label: LABEL,
  fields: [
    {
      name: 'apiKey',
      get label() {
        return t('closingdealz_apiKeyLabel');
      },
      secret: true,
      schema: apiKeyField,
      get help() {
        return t('closingdealz_apiKeyHelp');
      },
    },
  ],
  defaultBaseUrl: CLOSINGDEALZ_DEFAULT_BASE_URL,
  baseUrlRequired: false,
  capabilities: closingdealzCapabilities,
  recordKinds: [
    {
      id: 'lead',
      get label() {
        return t('closingdealz_kindLead');
      },
    },
  ],
  create: createClosingdealzAdapter,
};
