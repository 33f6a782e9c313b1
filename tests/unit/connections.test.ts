import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createConnectionService } from '../../lib/background/connections';
import { lookup } from '../../lib/background/lookup';
import { createContactIndex } from '../../lib/store/contact-index';
import { DEMO_KEYS, SEEDED } from '../sandbox/seed';
import { memorySecrets } from '../support/memory-secrets';
import { useSandbox } from '../support/use-sandbox';

const sandbox = useSandbox();

describe('connection service', () => {
  it('testing a draft reports the account and stores nothing', async () => {
    const secrets = memorySecrets();
    const service = createConnectionService(secrets);
    const result = await service.testDraft({
      provider: 'close',
      baseUrl: sandbox.closeApiUrl,
      fields: { apiKey: DEMO_KEYS.riley },
    });
    expect(result).toEqual({
      success: true,
      account: {
        userName: 'Riley Recruiter',
        email: 'riley@ringside-demo.example',
        organization: 'Ringside Demo Agency',
      },
    });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(secrets.values.size).toBe(0);
  });

  it('testing a bad key answers in seed 000’s failure shape', async () => {
    const service = createConnectionService(memorySecrets());
    expect(
      await service.testDraft({
        provider: 'close',
        baseUrl: sandbox.closeApiUrl,
        fields: { apiKey: 'api_Wrong000' },
      }),
    ).toEqual({
      success: false,
      kind: 'auth',
      error: 'Close rejected the API key. Check that it was copied in full and has not been revoked.',
    });
  });

  it('keeps the key in the secret store only; the same key again replaces, another key adds', async () => {
    const secrets = memorySecrets();
    const service = createConnectionService(secrets);
    const first = await service.save({
      provider: 'close',
      baseUrl: sandbox.closeApiUrl,
      fields: { apiKey: DEMO_KEYS.riley },
    });
    expect(first.secretHints).toEqual({ apiKey: 'api_••••••0001' });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(DEMO_KEYS.riley);
    expect(JSON.parse(secrets.values.get(first.id) ?? '{}')).toEqual({ apiKey: DEMO_KEYS.riley });

    const again = await service.save({
      provider: 'close',
      baseUrl: sandbox.closeApiUrl,
      fields: { apiKey: DEMO_KEYS.riley },
    });
    expect(again.id).toBe(first.id);
    expect(await service.list()).toHaveLength(1);

    const sam = await service.save({
      provider: 'close',
      baseUrl: sandbox.closeApiUrl,
      fields: { apiKey: DEMO_KEYS.sam },
    });
    expect(sam.id).not.toBe(first.id);
    expect(await service.testSaved(sam.id)).toMatchObject({ success: true });
    const listed = await service.list();
    expect(listed.map((item) => item.account?.userName ?? null)).toEqual([null, 'Sam Sourcer']);

    await service.remove(first.id);
    expect((await service.list()).map((item) => item.id)).toEqual([sam.id]);
    expect([...secrets.values.keys()]).toEqual([sam.id]);
  });

  it('a connection whose key went missing says so instead of calling the CRM', async () => {
    const secrets = memorySecrets();
    const service = createConnectionService(secrets);
    const saved = await service.save({
      provider: 'close',
      baseUrl: sandbox.closeApiUrl,
      fields: { apiKey: DEMO_KEYS.riley },
    });
    secrets.values.clear();
    await expect(service.adapterFor(saved)).rejects.toThrow(
      'The Close credentials for this connection are missing.',
    );
  });
});

describe('lookup across connections', () => {
  it('reports each connection on its own: one finds, one fails', async () => {
    const secrets = memorySecrets();
    const service = createConnectionService(secrets);
    await service.save({
      provider: 'close',
      baseUrl: sandbox.closeApiUrl,
      fields: { apiKey: DEMO_KEYS.riley },
    });
    const broken = await service.save({
      provider: 'close',
      baseUrl: sandbox.closeApiUrl,
      fields: { apiKey: 'api_Revoked0000' },
    });
    const index = createContactIndex(new IDBFactory());
    const results = await lookup(
      { connections: service, index, defaultCountry: () => 'US' },
      { phone: SEEDED.jane.mobile },
    );
    const byId = new Map(results.map((result) => [result.connectionId, result]));
    expect(results).toHaveLength(2);
    expect(byId.get(broken.id)).toMatchObject({
      state: 'error',
      records: [],
      error: expect.stringContaining('rejected the API key'),
    });
    const working = results.find((result) => result.connectionId !== broken.id);
    expect(working?.state).toBe('found');
    expect(working?.records.map((record) => record.name)).toEqual(['Jane Doe']);
  });
});
