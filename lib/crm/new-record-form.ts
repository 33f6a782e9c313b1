import type { CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
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

const text = (label: string, max: number) =>
  z.string().trim().max(max, `The ${label} is longer than ${max} characters.`);

/**
 * Checks the form and turns it into the adapters' NewRecord, with a sentence per field that needs fixing.
 * `requireName`: the CRM cannot create a person from a company alone (Entity CRM).
 */
export function newRecordFormSchema(options: { defaultCountry: CountryCode; requireName: boolean }) {
  return z
    .object({
      connectionId: z.string().min(1, 'Choose the CRM to create the record in.'),
      kind: z.string().max(64),
      firstName: text('first name', 256),
      lastName: text('last name', 256),
      company: text('company', 256),
      title: text('title', 256),
      email: text('email address', 320).refine(
        (value) => value === '' || z.email().safeParse(value).success,
        'Enter an email address like name@example.com.',
      ),
      phone: text('phone number', 64).refine(
        (value) => value === '' || toE164(value, options.defaultCountry) !== undefined,
        { error: (issue) => `“${String(issue.input)}” is not a phone number Ringside can dial.` },
      ),
    })
    .superRefine((form, ctx) => {
      if (!form.firstName && !form.lastName && (options.requireName || !form.company)) {
        ctx.addIssue({
          code: 'custom',
          path: ['firstName'],
          message: options.requireName
            ? 'Enter a first or last name: this CRM needs one for a new person.'
            : 'Enter a first or last name, or a company.',
        });
      }
      if (!form.phone && !form.email) {
        ctx.addIssue({
          code: 'custom',
          path: ['phone'],
          message: 'Enter a phone number or an email address.',
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
