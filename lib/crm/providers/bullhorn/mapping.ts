import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import { t } from '../../../i18n';
import { toE164 } from '../../../phone/normalize';
import type { CrmRecord, PhoneEntry } from '../../adapter';
import { CrmError } from '../../errors';

/** Bullhorn's entities, fields and bodies as Ringside reads and writes them; no HTTP in here. */

export const LABEL = 'Bullhorn';

export const PERSON_KINDS = ['Candidate', 'ClientContact'] as const;
export const RECORD_KINDS = ['Candidate', 'ClientContact', 'ClientCorporation'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
export type PersonKind = (typeof PERSON_KINDS)[number];

export function isRecordKind(kind: string): kind is RecordKind {
  return (RECORD_KINDS as readonly string[]).includes(kind);
}

export function isPersonKind(kind: string): kind is PersonKind {
  return (PERSON_KINDS as readonly string[]).includes(kind);
}

/**
 * Phone fields per entity, in the order Ringside shows them and fills empty ones. Candidate: `phone` is home,
 * `phone2`/`workPhone` work, `phone3` other; ClientContact: `phone` is work, `phone2` home. `fax` is left out.
 */
export const PHONE_FIELDS: Record<RecordKind, readonly string[]> = {
  Candidate: ['mobile', 'phone', 'workPhone', 'phone2', 'phone3'],
  ClientContact: ['phone', 'mobile', 'phone2', 'phone3'],
  // UNCONFIRMED whether billingPhone is searchable; it is a stored company number, so it is shown and matched.
  ClientCorporation: ['phone', 'billingPhone'],
};

export const EMAIL_FIELDS: Record<RecordKind, readonly string[]> = {
  Candidate: ['email', 'email2', 'email3'],
  ClientContact: ['email', 'email2', 'email3'],
  ClientCorporation: [],
};

const PHONE_TYPES: Record<RecordKind, Record<string, string>> = {
  Candidate: { mobile: 'mobile', phone: 'home', workPhone: 'work', phone2: 'work', phone3: 'other' },
  ClientContact: { phone: 'work', mobile: 'mobile', phone2: 'home', phone3: 'other' },
  ClientCorporation: { phone: 'main', billingPhone: 'billing' },
};

/** Bullhorn caps every phone field at 20 characters. */
export const PHONE_MAX_LENGTH = 20;

/** Minimal field lists (Bullhorn's surface drifts; `fields=*` can be refused). */
export function recordFields(kind: RecordKind): string {
  const base =
    kind === 'ClientCorporation' ? ['id', 'name'] : ['id', 'firstName', 'lastName', 'name', 'occupation'];
  const company = kind === 'ClientContact' ? ['clientCorporation(id,name)'] : [];
  return [...base, ...EMAIL_FIELDS[kind], ...PHONE_FIELDS[kind], ...company].join(',');
}

const text = z.string().nullish();
const bhId = z.union([z.number(), z.string()]).transform(String);

export const entitySchema = z.object({
  id: bhId,
  firstName: text,
  lastName: text,
  name: text,
  occupation: text,
  email: text,
  email2: text,
  email3: text,
  phone: text,
  phone2: text,
  phone3: text,
  mobile: text,
  workPhone: text,
  billingPhone: text,
  clientCorporation: z.object({ id: bhId, name: text }).nullish(),
});
export type BullhornEntity = z.infer<typeof entitySchema>;

export const singleSchema = z.object({ data: entitySchema });

export const listSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    total: z.number().nullish(),
    start: z.number().nullish(),
    count: z.number().nullish(),
    data: z.array(item).nullish(),
  });

export const changeSchema = z.object({
  changedEntityType: z.string().nullish(),
  changedEntityId: bhId,
  changeType: z.string().nullish(),
});

export const settingsSchema = z.object({
  userId: bhId.nullish(),
  corporationName: text,
  commentActionList: z.array(z.string()).nullish(),
});

export const userSchema = z.object({
  id: bhId,
  firstName: text,
  lastName: text,
  name: text,
  email: text,
});

export const noteSummarySchema = z.object({
  id: bhId,
  externalID: text,
  // Bullhorn sends booleans; 0/1 is accepted too (Lucene-style), tolerant.
  isDeleted: z.union([z.boolean(), z.number()]).nullish(),
});

function field(entity: BullhornEntity, name: string): string | undefined {
  const value = (entity as Record<string, unknown>)[name];
  return typeof value === 'string' && value.trim() ? value : undefined;
}

export function fieldValue(entity: BullhornEntity, name: string): string | undefined {
  return field(entity, name);
}

/** `001 415…` means `+1 415…`; libphonenumber only knows 00 as the exit code in countries that use it. */
function internationalPrefix(raw: string): string {
  const trimmed = raw.trim();
  return /^00[1-9]/.test(trimmed.replace(/[\s().-]/g, '')) ? `+${trimmed.replace(/^[\s(]*00/, '')}` : trimmed;
}

export function phoneToE164(raw: string, defaultCountry: CountryCode): string | undefined {
  return toE164(internationalPrefix(raw), defaultCountry);
}

/**
 * The national significant number's digits and the country of a number as typed or in E.164: what Bullhorn's
 * free-text phone fields are searched with. Falls back to the bare digits when it does not parse.
 */
export function nationalNumber(input: string): { digits: string; country: CountryCode | undefined } {
  const prepared = internationalPrefix(input);
  const parsed = parsePhoneNumberFromString(prepared, 'US');
  if (parsed?.nationalNumber) return { digits: parsed.nationalNumber, country: parsed.country };
  return { digits: prepared.replace(/\D/g, '').replace(/^0+/, ''), country: undefined };
}

export function phonesOf(
  kind: RecordKind,
  entity: BullhornEntity,
  defaultCountry: CountryCode,
): PhoneEntry[] {
  const phones: PhoneEntry[] = [];
  for (const name of PHONE_FIELDS[kind]) {
    const raw = field(entity, name);
    if (!raw) continue;
    const e164 = phoneToE164(raw, defaultCountry);
    const type = PHONE_TYPES[kind][name];
    phones.push({ raw, ...(e164 ? { e164 } : {}), ...(type ? { type } : {}), field: name });
  }
  return phones;
}

/**
 * A link into Bullhorn's own UI. The Novo path is UNCONFIRMED (app.bullhornstaffing.com/content/record/...);
 * any other host is taken to be the sandbox, which serves /bullhorn/record/{Entity}/{id}.
 */
export function recordUrl(restUrl: string | undefined, kind: string, id: string): string | undefined {
  if (!restUrl) return undefined;
  const url = new URL(restUrl);
  const path = `${encodeURIComponent(kind)}/${encodeURIComponent(id)}`;
  if (/(^|\.)bullhornstaffing\.com$/i.test(url.hostname)) {
    return `https://app.bullhornstaffing.com/content/record/${path}`;
  }
  return `${url.origin}/bullhorn/record/${path}`;
}

export function toRecord(
  kind: RecordKind,
  entity: BullhornEntity,
  context: { connectionId: string; restUrl: string | undefined; defaultCountry: CountryCode },
): CrmRecord {
  const personName = [entity.firstName, entity.lastName].filter((part) => part?.trim()).join(' ');
  const company = kind === 'ClientContact' ? entity.clientCorporation?.name?.trim() : undefined;
  const title = kind === 'ClientCorporation' ? undefined : entity.occupation?.trim();
  const url = recordUrl(context.restUrl, kind, entity.id);
  return {
    ref: { provider: 'bullhorn', connectionId: context.connectionId, kind, id: entity.id },
    name: entity.name?.trim() || personName || t('crm_noName'),
    ...(title ? { title } : {}),
    ...(company ? { company } : {}),
    phones: phonesOf(kind, entity, context.defaultCountry),
    emails: EMAIL_FIELDS[kind].map((name) => field(entity, name)).filter((value): value is string => !!value),
    ...(url ? { url } : {}),
  };
}

/** Lucene clause for one number across the entity's phone fields; companies have no isDeleted field. */
export function phoneQuery(kind: RecordKind, digits: string): string {
  const clause = PHONE_FIELDS[kind].map((name) => `${name}:${digits}`).join(' OR ');
  return kind === 'ClientCorporation' ? `(${clause})` : `(${clause}) AND isDeleted:0`;
}

export function emailQuery(kind: PersonKind, email: string): string {
  const quoted = `"${email.replace(/["\\]/g, '')}"`;
  return `(${EMAIL_FIELDS[kind].map((name) => `${name}:${quoted}`).join(' OR ')}) AND isDeleted:0`;
}

interface Wanted {
  value: string;
  type?: string | undefined;
  /** The stored value this one corrects. */
  replaces?: string | undefined;
}

/** Fields a phone of this type belongs in, best first. */
function preferredFields(kind: RecordKind, type: string | undefined): string[] {
  const wanted = type?.toLowerCase();
  if (!wanted) return [];
  return Object.entries(PHONE_TYPES[kind])
    .filter(([, label]) => label === wanted || (wanted === 'office' && label === 'work'))
    .map(([name]) => name);
}

/**
 * Spreads a new list of values over a fixed set of fields the way a recruiter expects: a value that is
 * already stored stays in its field, a new value goes first to a field its type names, then to a field whose
 * value was removed (a corrected number takes the old one's place), then to an empty field. Fields whose
 * value was removed and not reused are cleared with '' (null is refused on not-null fields such as
 * ClientContact.email; UNCONFIRMED which Bullhorn prefers). Returns only the fields that change.
 */
export function assignFields(
  fields: readonly string[],
  current: (name: string) => string | undefined,
  wanted: Wanted[],
  same: (stored: string, value: string) => boolean,
  preferred: (item: Wanted) => string[],
  what: 'phones' | 'emails',
): Record<string, string> {
  const used = new Set<string>();
  const pending: Wanted[] = [];
  for (const item of wanted) {
    const stored = fields.find((name) => {
      const value = current(name);
      return !used.has(name) && value !== undefined && same(value, item.value);
    });
    if (stored) used.add(stored);
    else pending.push(item);
  }
  const freed = fields.filter((name) => current(name) !== undefined && !used.has(name));
  const empty = fields.filter((name) => current(name) === undefined);
  const changes: Record<string, string> = {};
  for (const item of pending) {
    const open = (name: string) => !used.has(name) && (freed.includes(name) || empty.includes(name));
    const pick = preferred(item).find(open) ?? freed.find((name) => !used.has(name)) ?? empty.find(open);
    if (!pick) {
      throw new CrmError({
        kind: 'validation',
        message: t(what === 'phones' ? 'bullhorn_roomPhones' : 'bullhorn_roomEmails', fields.length),
        fieldErrors: { [what]: t('bullhorn_atMost', fields.length) },
      });
    }
    used.add(pick);
    changes[pick] = item.value;
  }
  for (const name of freed) if (!used.has(name)) changes[name] = '';
  return changes;
}

export function phoneChanges(
  kind: RecordKind,
  entity: BullhornEntity | undefined,
  phones: { number: string; type?: string | undefined; replaces?: string | undefined }[],
  defaultCountry: CountryCode,
): Record<string, string> {
  const wanted = phones.map((phone) => ({
    value: phone.number.trim(),
    type: phone.type,
    replaces: phone.replaces?.trim(),
  }));
  const tooLong = wanted.find((item) => item.value.length > PHONE_MAX_LENGTH);
  if (tooLong) {
    throw new CrmError({
      kind: 'validation',
      message: t('bullhorn_phoneTooLong', PHONE_MAX_LENGTH, tooLong.value),
      fieldErrors: { phones: t('bullhorn_phoneTooLongField', PHONE_MAX_LENGTH) },
    });
  }
  const digits = (value: string) => value.replace(/\D/g, '');
  const same = (stored: string, value: string) => {
    const a = phoneToE164(stored, defaultCountry);
    const b = phoneToE164(value, defaultCountry);
    return a && b ? a === b : digits(stored) === digits(value) && digits(value) !== '';
  };
  const stored = (name: string) => (entity ? fieldValue(entity, name) : undefined);
  return assignFields(
    PHONE_FIELDS[kind],
    stored,
    wanted,
    same,
    // A corrected number goes back into the very field it corrects, before any field its type names.
    (item) => [
      ...PHONE_FIELDS[kind].filter((name) => item.replaces && stored(name)?.trim() === item.replaces),
      ...preferredFields(kind, item.type),
    ],
    'phones',
  );
}

export function emailChanges(
  kind: RecordKind,
  entity: BullhornEntity | undefined,
  emails: string[],
): Record<string, string> {
  const fields = EMAIL_FIELDS[kind];
  if (fields.length === 0) {
    if (emails.length === 0) return {};
    throw new CrmError({
      kind: 'validation',
      message: t('bullhorn_companyNoEmail'),
      fieldErrors: { emails: t('bullhorn_companyNoEmailField') },
    });
  }
  return assignFields(
    fields,
    (name) => (entity ? fieldValue(entity, name) : undefined),
    emails.map((value) => ({ value: value.trim() })),
    (stored, value) => stored.trim().toLowerCase() === value.toLowerCase(),
    () => [],
    'emails',
  );
}

const bullhornErrorSchema = z.object({
  errorMessage: z.string().nullish(),
  errorMessageKey: z.string().nullish(),
  messages: z
    .array(
      z.object({
        detailMessage: z.string().nullish(),
        propertyName: z.string().nullish(),
        type: z.string().nullish(),
      }),
    )
    .nullish(),
});

/**
 * `{"errorMessage","errorMessageKey","errorCode"}` and the CRUD `messages[{detailMessage,propertyName}]`
 * (whether validation errors use exactly this shape is UNCONFIRMED; both are read).
 */
export function describeValidation(body: unknown): Record<string, string> | undefined {
  const parsed = bullhornErrorSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const out: Record<string, string> = {};
  for (const message of parsed.data.messages ?? []) {
    const textOf = message.detailMessage || message.type;
    if (textOf) out[message.propertyName || 'request'] = textOf;
  }
  if (parsed.data.errorMessage && !out.request) out.request = parsed.data.errorMessage;
  return Object.keys(out).length ? out : undefined;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Notes render as HTML in Bullhorn: the typed text, escaped, with its line breaks kept. */
export function noteHtml(note: string): string {
  return escapeHtml(note).replace(/\r\n|\r|\n/g, '<br>');
}
