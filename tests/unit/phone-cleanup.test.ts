import { describe, expect, it } from 'vitest';
import { cleanupPatch } from '../../lib/background/phone-cleanup';
import type { CrmRecord } from '../../lib/crm/adapter';
import { correctNumber } from '../../lib/phone/cleanup';

describe('reading a stored number in a picked country', () => {
  it('gives the E.164 and international forms of a number that is valid there', () => {
    expect(correctNumber('07400 123456', 'GB', 'United Kingdom')).toEqual({
      ok: true,
      e164: '+447400123456',
      international: '+44 7400 123456',
    });
    expect(correctNumber('(415) 555-2671', 'US', 'United States')).toMatchObject({ e164: '+14155552671' });
    expect(correctNumber('0044 20 7946 0958', 'US', 'United States')).toMatchObject({
      e164: '+442079460958',
    });
  });

  it('says why a number cannot be corrected', () => {
    const reason = (raw: string, country: 'US' | 'GB', name: string) => {
      const result = correctNumber(raw, country, name);
      return result.ok ? undefined : result.reason;
    };
    expect(reason('555-CALL-NOW', 'US', 'United States')).toBe(
      '“555-CALL-NOW” is not a phone number: it has letters or too few digits.',
    );
    expect(reason('12345', 'US', 'United States')).toBe(
      '“12345” is too short for a number in United States (+1).',
    );
    expect(reason('07400 123456', 'US', 'United States')).toBe(
      '“07400 123456” is too long for a number in United States (+1).',
    );
    expect(reason('+44 20 7946 095', 'US', 'United States')).toBe(
      '“+44 20 7946 095” already has a country code (+44) and is not a valid number there; the country picked does not change that.',
    );
  });
});

describe('the cleanup patch', () => {
  const record: CrmRecord = {
    ref: { provider: 'bullhorn', connectionId: 'c', kind: 'Candidate', id: '1' },
    name: 'Priya Shah',
    phones: [
      { raw: '+1 628 555 0147', e164: '+16285550147', type: 'home', field: 'phone' },
      { raw: '020 7946 0111', type: 'work', field: 'phone2' },
    ],
    emails: ['priya@example.com'],
  };

  it('replaces only the number asked for, says which stored value it replaces, and leaves emails out', () => {
    expect(
      cleanupPatch(record, { raw: '020 7946 0111', field: 'phone2' }, '+442079460111', 'Bullhorn'),
    ).toEqual({
      phones: [
        { number: '+1 628 555 0147', type: 'home' },
        { number: '+442079460111', type: 'work', replaces: '020 7946 0111' },
      ],
    });
  });

  it('refuses when that number is no longer there (in that field)', () => {
    expect(() =>
      cleanupPatch(record, { raw: '020 7946 0111', field: 'mobile' }, '+442079460111', 'Bullhorn'),
    ).toThrow('“020 7946 0111” is no longer on this record in Bullhorn. Look the number up again.');
  });
});
