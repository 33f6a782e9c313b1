import type { CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import { type MessageKey, t } from '../i18n';
import { toE164 } from '../phone/normalize';
import type { NewRecord } from './adapter';

/** The "Create record" form as typed. */
export interface NewRecordForm {
  connectionId: string;
  kind: string;
  firstName: string;
  lastName: string;
  company: string;
  title: string;
  email: string;
  phone: string;
}

/** `tooLong` takes the limit as $1. */
const text = (tooLong: MessageKey, max: number) => z.string().trim().max(max, t(tooLong, max));

/**
 * Checks the form and turns it into the adapters' NewRecord, with a sentence per field that needs fixing.
 * `requireName`: the CRM cannot create a person from a company alone (Entity CRM).
 */
export function newRecordFormSchema(options: { defaultCountry: CountryCode; requireName: boolean }) {
  return z
    .object({
      connectionId: z.string().min(1, t('newRecord_chooseCrm')),
      kind: z.string().max(64),
      firstName: text('newRecord_firstNameTooLong', 256),
      lastName: text('newRecord_lastNameTooLong', 256),
      company: text('newRecord_companyTooLong', 256),
      title: text('newRecord_titleTooLong', 256),
      email: text('newRecord_emailTooLong', 320).refine(
        (value) => value === '' || z.email().safeParse(value).success,
        t('newRecord_emailInvalid'),
      ),
      phone: text('newRecord_phoneTooLong', 64).refine(
        (value) => value === '' || toE164(value, options.defaultCountry) !== undefined,
        { error: (issue) => t('phone_notDialable', String(issue.input)) },
      ),
    })
    .superRefine((form, ctx) => {
      if (!form.firstName && !form.lastName && (options.requireName || !form.company)) {
        ctx.addIssue({
          code: 'custom',
          path: ['firstName'],
          message: options.requireName ? t('newRecord_nameRequired') : t('newRecord_nameOrCompany'),
        });
      }
      if (!form.phone && !form.email) {
        ctx.addIssue({
          code: 'custom',
          path: ['phone'],
          message: t('newRecord_phoneOrEmail'),
        });
      }
    })
    .transform((form): { connectionId: string; record: NewRecord } => ({
      connectionId: form.connectionId,
      record: {
        ...(form.kind ? { kind: form.kind } : {}),
        ...(form.firstName ? { firstName: form.firstName } : {}),
        ...(form.lastName ? { lastName: form.lastName } : {}),
        ...(form.company ? { company: form.company } : {}),
        ...(form.title ? { title: form.title } : {}),
        phones: form.phone ? [{ number: toE164(form.phone, options.defaultCountry) ?? form.phone }] : [],
        emails: form.email ? [form.email] : [],
      },
    }));
}

/** "Ada King Lovelace" → first "Ada King", last "Lovelace": how a known name fills the two fields. */
export function splitName(name: string): { firstName: string; lastName: string } {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length <= 1) return { firstName: parts[0] ?? '', lastName: '' };
  return { firstName: parts.slice(0, -1).join(' '), lastName: parts.at(-1) ?? '' };
}
