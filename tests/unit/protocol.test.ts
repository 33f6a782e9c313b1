import { describe, expect, it } from 'vitest';
import { baseUrlSchema, closeApiKeySchema, connectionDraftSchema } from '../../lib/protocol';

const firstMessage = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues[0]?.message;

describe('closeApiKeySchema', () => {
  it('accepts Close keys and trims pasted whitespace', () => {
    expect(closeApiKeySchema.parse('  api_3fA9.xyz-1 ')).toBe('api_3fA9.xyz-1');
  });
  it('explains what is wrong with a key', () => {
    expect(firstMessage(closeApiKeySchema.safeParse(''))).toBe('Enter your Close API key.');
    expect(firstMessage(closeApiKeySchema.safeParse('sk_live_123'))).toMatch(/start with "api_"/);
    expect(firstMessage(closeApiKeySchema.safeParse('api_abc def'))).toMatch(
      /characters a Close API key never has/,
    );
  });
});

describe('baseUrlSchema', () => {
  it('adds the trailing slash Close paths need', () => {
    expect(baseUrlSchema.parse('https://api.close.com/api/v1')).toBe('https://api.close.com/api/v1/');
  });
  it('allows plain http only on loopback', () => {
    expect(baseUrlSchema.parse('http://127.0.0.1:4010/api/v1/')).toBe('http://127.0.0.1:4010/api/v1/');
    expect(baseUrlSchema.parse('http://localhost:4010/api/v1/')).toBe('http://localhost:4010/api/v1/');
    expect(firstMessage(baseUrlSchema.safeParse('http://crm.example.com/api/'))).toMatch(/https:\/\//);
  });
  it('refuses what is not an address and credentials in the URL', () => {
    expect(firstMessage(baseUrlSchema.safeParse('api.close.com'))).toMatch(/full address/);
    expect(firstMessage(baseUrlSchema.safeParse('https://api_key@api.close.com/'))).toMatch(/not the URL/);
  });
});

describe('connectionDraftSchema', () => {
  it('reports each bad field by name', () => {
    const result = connectionDraftSchema.safeParse({ provider: 'close', apiKey: 'nope', baseUrl: 'ftp://x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path[0]).sort()).toEqual(['apiKey', 'baseUrl']);
  });
});
