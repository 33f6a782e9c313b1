import type { CountryCode } from 'libphonenumber-js';
import type { z } from 'zod';
import { type MessageKey, t } from '../../../i18n';
import { toE164 } from '../../../phone/normalize';
import type { ActivityInput, PhoneEntry } from '../../adapter';
import { type EntityContact, emailObjectSchema, phoneObjectSchema } from './responses';

/** An Entity CRM contact's phones and emails as Ringside reads and writes them, and an activity's subject. */

export function phonesOf(contact: EntityContact, country: CountryCode | undefined): PhoneEntry[] {
  const out: PhoneEntry[] = [];
  const seen = new Set<string>();
  const add = (
    raw: string | null | undefined,
    type?: string | null,
    field?: string,
    e164Hint?: string | null,
  ) => {
    const value = raw?.trim();
    if (!value || seen.has(value)) return;
    seen.add(value);
    const e164 = (e164Hint ? toE164(e164Hint) : undefined) ?? toE164(value, country);
    out.push({
      raw: value,
      ...(e164 ? { e164 } : {}),
      ...(type ? { type } : {}),
      ...(field ? { field } : {}),
    });
  };
  for (const item of contact.phones ?? []) {
    if (typeof item === 'string') {
      add(item);
      continue;
    }
    const parsed = phoneObjectSchema.safeParse(item);
    if (!parsed.success) continue;
    const entry = parsed.data;
    add(
      entry.number ?? entry.phone ?? entry.value ?? entry.e164,
      entry.type ?? entry.label,
      undefined,
      entry.e164,
    );
  }
  add(contact.phone, undefined, 'phone');
  add(contact.mobile, 'mobile', 'mobile');
  return out;
}

export function emailsOf(contact: EntityContact): string[] {
  const out: string[] = [];
  const add = (value: string | null | undefined) => {
    const email = value?.trim();
    if (email && !out.some((known) => known.toLowerCase() === email.toLowerCase())) out.push(email);
  };
  for (const item of contact.emails ?? []) {
    if (typeof item === 'string') add(item);
    else {
      const parsed = emailObjectSchema.safeParse(item);
      if (parsed.success) add(parsed.data.email ?? parsed.data.address ?? parsed.data.value);
    }
  }
  add(contact.email);
  return out;
}

/** A company the contact JSON carries itself (UNCONFIRMED field names); the sandbox sends none. */
export function embeddedCompany(contact: EntityContact): string | undefined {
  const company = typeof contact.company === 'string' ? contact.company : contact.company?.name;
  return contact.companyName || company || undefined;
}

/** The number of one stored list entry, as stored. */
export function storedNumber(item: unknown): string | undefined {
  if (typeof item === 'string') return item.trim();
  const parsed = phoneObjectSchema.safeParse(item);
  return parsed.success
    ? (parsed.data.number ?? parsed.data.phone ?? parsed.data.value ?? parsed.data.e164)?.trim()
    : undefined;
}

/** A stored entry with its number corrected and everything else about it (type, primary flag) kept. */
export function correctedEntry(item: unknown, number: string, type: string | undefined): unknown {
  if (typeof item !== 'object' || item === null) return number;
  const entry = item as Record<string, unknown>;
  const key =
    (['number', 'phone', 'value'] as const).find((name) => typeof entry[name] === 'string') ?? 'number';
  return {
    ...entry,
    [key]: number,
    ...('e164' in entry ? { e164: toE164(number) ?? null } : {}),
    ...(type ? { type } : {}),
  };
}

/**
 * Writes a list in the shape it was read: plain strings if the API sent strings, else objects with the key
 * the API used (`number`, `phone` or `value`; `email`, `address` or `value`). `{number, type}` and
 * `{email, type}` when there is nothing to copy (UNCONFIRMED).
 */
function listWriter<Key extends string>(
  first: unknown,
  schema: z.ZodType<Partial<Record<Key, unknown>>>,
  keys: readonly [Key, ...Key[]],
): (value: string, type?: string) => string | Record<string, string> {
  if (typeof first === 'string') return (value) => value;
  const parsed = schema.safeParse(first);
  const key = (parsed.success && keys.find((name) => typeof parsed.data[name] === 'string')) || keys[0];
  return (value, type) => ({ [key]: value, ...(type ? { type } : {}) });
}

export const phoneWriter = (current: EntityContact) =>
  listWriter(current.phones?.[0], phoneObjectSchema, ['number', 'phone', 'value']);

export const emailWriter = (current: EntityContact) =>
  listWriter(current.emails?.[0], emailObjectSchema, ['email', 'address', 'value']);

/** E.164 when the typed number parses (with the connection's country), else as typed. */
export const cleanNumber = (number: string, country: CountryCode | undefined) =>
  toE164(number, country) ?? number.trim();

/** The activity's subject by channel and direction: "Outbound call (2 min 5 s) · +14155552671". */
const SUBJECTS: Record<ActivityInput['channel'], Record<'inbound' | 'outbound' | 'none', MessageKey>> = {
  call: { inbound: 'entityCrm_subjectCallIn', outbound: 'entityCrm_subjectCallOut', none: 'logChannel_call' },
  sms: { inbound: 'entityCrm_subjectSmsIn', outbound: 'entityCrm_subjectSmsOut', none: 'logChannel_sms' },
  whatsapp: {
    inbound: 'entityCrm_subjectWhatsappIn',
    outbound: 'entityCrm_subjectWhatsappOut',
    none: 'entityCrm_subjectWhatsapp',
  },
  email: {
    inbound: 'entityCrm_subjectEmailIn',
    outbound: 'entityCrm_subjectEmailOut',
    none: 'logChannel_email',
  },
  note: { inbound: 'logChannel_note', outbound: 'logChannel_note', none: 'logChannel_note' },
};

export function subjectFor(input: ActivityInput): string {
  const direction =
    input.direction === 'inbound' || input.direction === 'outbound' ? input.direction : 'none';
  const base = t(SUBJECTS[input.channel][direction]);
  const minutes = Math.floor((input.durationSec ?? 0) / 60);
  const seconds = (input.durationSec ?? 0) % 60;
  const timed =
    input.channel !== 'call' || input.durationSec === undefined
      ? base
      : minutes
        ? t('entityCrm_subjectMinutes', base, minutes, seconds)
        : t('entityCrm_subjectSeconds', base, seconds);
  return `${timed}${input.phone ? ` · ${input.phone}` : ''}`;
}
