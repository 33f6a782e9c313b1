import { describe, expect, it } from 'vitest';
import { newRecordFormSchema, splitName } from '../../lib/crm/new-record-form';
import { relativeTime } from '../../lib/relative-time';
import { fieldErrors } from '../../lib/validation';

const form = {
  connectionId: 'conn-1',
  kind: '',
  firstName: ' Nora ',
  lastName: 'Quinn',
  company: '',
  title: '',
  email: '',
  phone: '(650) 555-0111',
};

describe('the create-record form', () => {
  const schema = newRecordFormSchema({ defaultCountry: 'US', requireName: false });

  it('turns what was typed into a new record with the number in E.164', () => {
    expect(schema.parse(form)).toEqual({
      connectionId: 'conn-1',
      record: { firstName: 'Nora', lastName: 'Quinn', phones: [{ number: '+16505550111' }], emails: [] },
    });
  });

  it('says what to fix beside each field', () => {
    const result = schema.safeParse({ ...form, firstName: '', lastName: '', phone: '12', email: 'nora@' });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrors(result.error)).toEqual({
      firstName: 'Enter a first or last name, or a company.',
      phone: '“12” is not a phone number Ringside can dial.',
      email: 'Enter an email address like name@example.com.',
    });
    const empty = schema.safeParse({ ...form, phone: '' });
    expect(empty.success || fieldErrors(empty.error)).toEqual({
      phone: 'Enter a phone number or an email address.',
    });
  });

  it('a company alone is enough unless the CRM needs a person’s name', () => {
    const companyOnly = { ...form, firstName: '', lastName: '', company: 'Quinn Robotics' };
    expect(schema.safeParse(companyOnly).success).toBe(true);
    const strict = newRecordFormSchema({ defaultCountry: 'US', requireName: true }).safeParse(companyOnly);
    expect(strict.success || fieldErrors(strict.error)).toEqual({
      firstName: 'Enter a first or last name: this CRM needs one for a new person.',
    });
  });

  it('splits a known name into first and last', () => {
    expect(splitName('Ada King Lovelace')).toEqual({ firstName: 'Ada King', lastName: 'Lovelace' });
    expect(splitName('Cher')).toEqual({ firstName: 'Cher', lastName: '' });
  });
});

describe('last activity, relative', () => {
  const now = Date.parse('2025-03-10T12:00:00Z');
  it('names the largest whole unit', () => {
    expect(relativeTime('2025-03-07T09:00:00Z', now)).toBe('3 days ago');
    expect(relativeTime('2025-03-10T11:59:30Z', now)).toBe('just now');
    expect(relativeTime('2025-03-09T12:00:00Z', now)).toBe('yesterday');
    expect(relativeTime('not a date', now)).toBeUndefined();
  });
});
