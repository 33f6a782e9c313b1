import { describe, expect, it } from 'vitest';
import { emailWriter, phoneWriter } from '../../lib/crm/providers/entity-crm/mapping';
import type { EntityContact } from '../../lib/crm/providers/entity-crm/responses';

const contact = (fields: Partial<EntityContact>) => ({ id: 'c1', ...fields }) as EntityContact;

describe('Entity CRM list writers: a list is written in the shape it was read', () => {
  it('plain strings stay plain strings', () => {
    expect(phoneWriter(contact({ phones: ['+14155550132'] }))('+14155550199', 'mobile')).toBe('+14155550199');
    expect(emailWriter(contact({ emails: ['a@example.com'] }))('b@example.com')).toBe('b@example.com');
  });

  it('objects keep the key the API used, with the type when there is one', () => {
    expect(phoneWriter(contact({ phones: [{ phone: '+14155550132' }] }))('+1415', 'mobile')).toEqual({
      phone: '+1415',
      type: 'mobile',
    });
    expect(phoneWriter(contact({ phones: [{ value: '+14155550132', type: 'work' }] }))('+1415')).toEqual({
      value: '+1415',
    });
    expect(emailWriter(contact({ emails: [{ address: 'a@example.com' }] }))('b@example.com', 'work')).toEqual(
      {
        address: 'b@example.com',
        type: 'work',
      },
    );
  });

  it('with nothing to copy, `number` and `email`', () => {
    expect(phoneWriter(contact({}))('+1415')).toEqual({ number: '+1415' });
    expect(emailWriter(contact({ emails: [{ label: 'x' }] }))('b@example.com')).toEqual({
      email: 'b@example.com',
    });
  });
});
