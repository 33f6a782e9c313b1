import { describe, expect, it } from 'vitest';
import { baseUrlSchema, validateDraft } from '../../lib/crm/drafts';
import { closeApiKeySchema, closeDefinition } from '../../lib/crm/providers/close';

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
    expect(firstMessage(baseUrlSchema.safeParse('https://api_key@api.close.com/'))).toMatch(/not in the URL/);
    expect(firstMessage(baseUrlSchema.safeParse('https://crm.example.com/api?key=1'))).toMatch(
      /cannot have a \?/,
    );
  });
});

describe('validateDraft', () => {
  it('reports each bad field by name, the URL as baseUrl', () => {
    const result = validateDraft(closeDefinition, {
      provider: 'close',
      fields: { apiKey: 'nope' },
      baseUrl: 'ftp://x',
    });
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        apiKey: 'Close API keys start with "api_". Copy the key from Close: Settings → Developer → API Keys.',
        baseUrl: 'The API URL must start with https:// (plain http:// is allowed only for localhost).',
      },
    });
  });
  it('uses the default URL when none is given and splits secrets from settings', () => {
    expect(validateDraft(closeDefinition, { provider: 'close', fields: { apiKey: ' api_abc ' } })).toEqual({
      ok: true,
      value: {
        provider: 'close',
        baseUrl: 'https://api.close.com/api/v1/',
        settings: {},
        secrets: { apiKey: 'api_abc' },
      },
    });
  });
  it('keeps a saved secret left blank, or leaves it out where the page cannot know it', () => {
    const blank = { provider: 'close' as const, fields: { apiKey: '' } };
    expect(validateDraft(closeDefinition, blank, { apiKey: 'api_saved' })).toMatchObject({
      ok: true,
      value: { secrets: { apiKey: 'api_saved' } },
    });
    expect(validateDraft(closeDefinition, blank, { apiKey: null })).toMatchObject({
      ok: true,
      value: { secrets: {} },
    });
    expect(validateDraft(closeDefinition, blank)).toMatchObject({
      ok: false,
      fieldErrors: { apiKey: 'Enter your Close API key.' },
    });
  });
});
