import { describe, expect, it } from 'vitest';
import { CrmError, redactSecrets } from '../../lib/crm/errors';
import { retryAfterMsFrom } from '../../lib/crm/http';

describe('retryAfterMsFrom', () => {
  const now = Date.parse('2026-11-22T10:00:00Z');
  it('prefers Close’s RateLimit header', () => {
    const headers = new Headers({ RateLimit: 'limit=100, remaining=0, reset=7', 'Retry-After': '30' });
    expect(retryAfterMsFrom(headers, undefined, now)).toBe(7000);
  });
  it('reads Retry-After in seconds and as a date', () => {
    expect(retryAfterMsFrom(new Headers({ 'Retry-After': '2.5' }), undefined, now)).toBe(2500);
    expect(
      retryAfterMsFrom(new Headers({ 'Retry-After': 'Sun, 22 Nov 2026 10:00:09 GMT' }), undefined, now),
    ).toBe(9000);
  });
  it('falls back to RateLimit-Reset, then the old body', () => {
    expect(retryAfterMsFrom(new Headers({ 'RateLimit-Reset': '4' }), undefined, now)).toBe(4000);
    expect(retryAfterMsFrom(new Headers(), { error: { rate_reset: 1.2 } }, now)).toBe(1200);
  });
  it('says nothing when the CRM said nothing', () => {
    expect(retryAfterMsFrom(new Headers(), { error: 'x' }, now)).toBeUndefined();
  });
});

describe('redactSecrets', () => {
  it('removes keys and tokens from text', () => {
    const text = redactSecrets(
      'failed with api_RingsideDemoRiley0001 and access_token=abc123 BhRestToken: zz-9',
    );
    expect(text).not.toMatch(/RingsideDemoRiley0001|abc123|zz-9/);
    expect(text).toContain('api_…');
  });
});

describe('CrmError', () => {
  it('keeps CRM text quoted in a message short, and its field errors few and short', () => {
    const long = `Close refused the request: ${'x'.repeat(50_000)}`;
    const fieldErrors = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`field${i}`, 'y'.repeat(5000)]),
    );
    const error = new CrmError({ kind: 'validation', message: long, fieldErrors });
    expect(error.message).toHaveLength(1000);
    expect(error.message.endsWith('…')).toBe(true);
    expect(Object.keys(error.fieldErrors ?? {})).toHaveLength(20);
    expect(Object.values(error.fieldErrors ?? {}).every((text) => text.length === 300)).toBe(true);
  });
});
