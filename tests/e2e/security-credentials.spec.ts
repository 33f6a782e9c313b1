import type { Page } from '@playwright/test';
import { BULLHORN_DEMO, type BullhornState } from '../sandbox/bullhorn/model';
import { DEMO_KEYS, SEEDED } from '../sandbox/seed';
import type { Sandbox } from '../sandbox/server';
import { connectProvider } from './connect-ui';
import { contentScriptWorld } from './content-world';
import { expect, test } from './fixtures';

/**
 * Credentials out of reach: with Close and Bullhorn connected (and Bullhorn signed in, so its session
 * tokens are stored too), the page's own scripts and Ringside's content script look everywhere they can
 * and find none of them; the extension's own database holds only ciphertext.
 */

/** Every credential and token the extension holds: none may be readable anywhere but the background. */
function secretsOf(sandbox: Sandbox): string[] {
  const bullhorn = sandbox.api('bullhorn').state as BullhornState;
  const tokens = [
    ...bullhorn.sessions.keys(),
    ...bullhorn.accessTokens.keys(),
    ...bullhorn.refreshTokens.keys(),
  ];
  expect(tokens.length, 'Bullhorn signed in').toBeGreaterThanOrEqual(3);
  return [DEMO_KEYS.riley, BULLHORN_DEMO.clientSecret, BULLHORN_DEMO.password, ...tokens];
}

function expectNoSecret(seen: unknown, secrets: string[], where: string): void {
  const text = typeof seen === 'string' ? seen : JSON.stringify(seen);
  for (const secret of secrets) expect(text, `${where} shows ${secret}`).not.toContain(secret);
}

async function connectCloseAndBullhorn(options: Page, sandbox: Sandbox): Promise<void> {
  await connectProvider(options, {
    provider: 'close',
    baseUrl: sandbox.closeApiUrl,
    fields: { apiKey: DEMO_KEYS.riley },
  });
  const bullhornId = await connectProvider(options, {
    provider: 'bullhorn',
    baseUrl: `${sandbox.url}/bullhorn/rest-services/`,
    fields: { ...BULLHORN_DEMO },
  });
  const row = options.locator(`li[data-connection-id="${bullhornId}"]`);
  await row.getByRole('button', { name: 'Test', exact: true }).click();
  await expect(row.getByRole('status').filter({ hasText: 'Working' })).toHaveText(
    'Working: signed in as Riley Recruiter.',
  );
}

test('a page script and the content script find no usable credential', async ({
  context,
  extensionId,
  openExtensionPage,
  sandbox,
  serviceWorker,
}) => {
  const options = await openExtensionPage('options.html');
  await connectCloseAndBullhorn(options, sandbox);
  const secrets = secretsOf(sandbox);

  const lead = await context.newPage();
  await lead.goto(`${sandbox.url}/lead/${SEEDED.jane.leadId}/`);
  await lead.waitForFunction(() => {
    const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
    return (registry.get('ringside-phone')?.size ?? 0) > 0;
  });

  // The page's own scripts: no extension API, no database of ours, no file of ours, nothing stored.
  const pageView = await lead.evaluate(async (id) => {
    const chromeGlobal = (window as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome;
    return {
      runtime: typeof chromeGlobal?.runtime?.sendMessage,
      databases: (await indexedDB.databases()).map((database) => database.name),
      stored: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie,
      extensionFile: await fetch(`chrome-extension://${id}/manifest.json`).then(
        (response) => `HTTP ${response.status}`,
        () => 'blocked',
      ),
    };
  }, extensionId);
  expect(pageView.runtime).toBe('undefined');
  expect(pageView.databases).not.toContain('ringside-secrets');
  expect(pageView.extensionFile).toBe('blocked');
  expectNoSecret(pageView, secrets, 'the page');

  // Ringside's content script world: storage.local (which it can read) holds no secret, storage.session is
  // closed to it, and IndexedDB there is the page's, where the secrets database does not exist.
  const world = await contentScriptWorld(lead, extensionId);
  expect(world.name).toBe('Ringside');
  const contentView = await world.evaluate<{
    origin: string;
    local: Record<string, unknown>;
    session: { read?: unknown; refused?: string };
    databases: (string | undefined)[];
    secretStores: string[] | string;
  }>(`(async () => {
    const session = chrome.storage.session
      ? await chrome.storage.session.get(null).then((read) => ({ read }), (error) => ({ refused: String(error && error.message || error) }))
      : { refused: 'storage.session is not exposed' };
    const databases = (await indexedDB.databases()).map((database) => database.name);
    const secretStores = await new Promise((resolve) => {
      const request = indexedDB.open('ringside-secrets');
      request.onsuccess = () => {
        const names = [...request.result.objectStoreNames];
        request.result.close();
        indexedDB.deleteDatabase('ringside-secrets');
        resolve(names);
      };
      request.onerror = () => resolve('error');
    });
    return { origin: location.origin, local: await chrome.storage.local.get(null), session, databases, secretStores };
  })()`);
  expect(contentView.origin).toBe(sandbox.url);
  expect(contentView.session.read, 'storage.session must be refused').toBeUndefined();
  expect(contentView.session.refused).toBeTruthy();
  expect(contentView.databases).not.toContain('ringside-secrets');
  // Opening it there creates an empty database in the page's origin: not ours.
  expect(contentView.secretStores).toEqual([]);
  expect(Object.keys(contentView.local)).toContain('connections');
  expectNoSecret(contentView, secrets, 'the content script');

  // The service worker's storage.local agrees (it is the same area), and nothing is in storage.session.
  const stored = await serviceWorker.evaluate(async () => ({
    local: await chrome.storage.local.get(null),
    session: await (chrome.storage as unknown as { session: { get(k: null): Promise<unknown> } }).session.get(
      null,
    ),
  }));
  expectNoSecret(stored, secrets, 'extension storage');

  // The extension's own IndexedDB, read from an extension page: ciphertext and IVs only, under one key that
  // cannot be exported.
  const database = await options.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('ringside-secrets');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = (store: string) =>
      new Promise<{ keys: IDBValidKey[]; values: unknown[] }>((resolve) => {
        const tx = db.transaction(store, 'readonly');
        const keys = tx.objectStore(store).getAllKeys();
        const values = tx.objectStore(store).getAll();
        tx.oncomplete = () => resolve({ keys: keys.result, values: values.result });
      });
    const secretsStore = await all('secrets');
    const keyStore = await all('keys');
    db.close();
    const latin1 = (buffer: ArrayBuffer) => String.fromCharCode(...new Uint8Array(buffer));
    const key = keyStore.values[0] as CryptoKey;
    return {
      names: secretsStore.keys.map(String),
      entries: secretsStore.values.map((value) => {
        const sealed = value as { v: number; iv: Uint8Array; data: ArrayBuffer };
        return {
          type: typeof value,
          fields: Object.keys(sealed).sort(),
          ivBytes: sealed.iv.byteLength,
          data: latin1(sealed.data),
        };
      }),
      keyCount: keyStore.keys.length,
      keyExtractable: key.extractable,
      exported: await crypto.subtle.exportKey('raw', key).then(
        () => 'exported',
        () => 'refused',
      ),
    };
  });
  expect(
    database.names.filter((name) => name.startsWith('session:')),
    'Bullhorn tokens stored',
  ).toHaveLength(1);
  expect(database.entries.length).toBe(database.names.length);
  for (const entry of database.entries) {
    expect(entry).toMatchObject({ type: 'object', fields: ['data', 'iv', 'v'], ivBytes: 12 });
  }
  expectNoSecret(database, secrets, 'the secrets database');
  expect(database).toMatchObject({ keyCount: 1, keyExtractable: false, exported: 'refused' });
});

test('the loaded manifest opens no door to pages or other extensions', async ({ openExtensionPage }) => {
  const options = await openExtensionPage('options.html');
  const manifest = await options.evaluate(() =>
    (chrome as unknown as { runtime: { getManifest(): Record<string, unknown> } }).runtime.getManifest(),
  );
  expect(manifest.manifest_version).toBe(3);
  expect(manifest).not.toHaveProperty('externally_connectable');
  expect(manifest).not.toHaveProperty('web_accessible_resources');
});
