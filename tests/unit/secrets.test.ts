import { webcrypto } from 'node:crypto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { createEncryptedSecrets, type SealedSecret } from '../../lib/store/secrets';

const KEY = 'api_RingsideDemoRiley0001';
const GROUPED = JSON.stringify({ clientSecret: 'bh-client-secret-xyz', password: 'hunter2-bullhorn' });
const crypto = webcrypto as unknown as Crypto;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Everything in one object store of the secrets database, as a disk reader would see it. */
async function rawEntries(factory: IDBFactory, store: string): Promise<Map<IDBValidKey, unknown>> {
  const db = await request(factory.open('ringside-secrets'));
  try {
    const tx = db.transaction(store, 'readonly');
    const [keys, values] = await Promise.all([
      request(tx.objectStore(store).getAllKeys()),
      request(tx.objectStore(store).getAll()),
    ]);
    return new Map(keys.map((key, index) => [key, values[index]]));
  } finally {
    db.close();
  }
}

/** The database as version 1 left it: plaintext strings, no key store. */
async function seedVersion1(factory: IDBFactory, entries: Record<string, string>): Promise<void> {
  const open = factory.open('ringside-secrets', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('secrets');
  const db = await request(open);
  const tx = db.transaction('secrets', 'readwrite');
  for (const [name, value] of Object.entries(entries)) tx.objectStore('secrets').put(value, name);
  await new Promise((resolve) => {
    tx.oncomplete = resolve;
  });
  db.close();
}

const bytesOf = (sealed: SealedSecret) => Buffer.from(sealed.data).toString('latin1');

describe('encrypted secret store', () => {
  it('gives back what was saved, and forgets what was deleted', async () => {
    const secrets = createEncryptedSecrets({ indexedDB: new IDBFactory(), crypto });
    await secrets.set('conn-1', KEY);
    await secrets.set('conn-2', GROUPED);
    expect(await secrets.get('conn-1')).toBe(KEY);
    expect(await secrets.get('conn-2')).toBe(GROUPED);
    await secrets.delete('conn-1');
    expect(await secrets.get('conn-1')).toBeUndefined();
    expect(await secrets.get('never-saved')).toBeUndefined();
  });

  it('stores only AES-GCM ciphertext with a fresh 96-bit IV per write', async () => {
    const factory = new IDBFactory();
    const secrets = createEncryptedSecrets({ indexedDB: factory, crypto });
    await secrets.set('conn-1', KEY);
    const first = (await rawEntries(factory, 'secrets')).get('conn-1') as SealedSecret;
    await secrets.set('conn-1', KEY);
    const second = (await rawEntries(factory, 'secrets')).get('conn-1') as SealedSecret;
    for (const sealed of [first, second]) {
      expect(Object.keys(sealed).sort()).toEqual(['data', 'iv', 'v']);
      expect(sealed.iv).toBeInstanceOf(Uint8Array);
      expect(sealed.iv.byteLength).toBe(12);
      // Ciphertext plus a 16-byte tag, and not one readable fragment of the key.
      expect(sealed.data.byteLength).toBe(KEY.length + 16);
      expect(bytesOf(sealed)).not.toContain('Riley');
      expect(JSON.stringify(sealed)).not.toContain('Riley');
    }
    expect(Buffer.from(first.iv).equals(Buffer.from(second.iv))).toBe(false);
    expect(Buffer.from(first.data).equals(Buffer.from(second.data))).toBe(false);
  });

  it('keeps one non-extractable key, shared by every context that opens the store', async () => {
    const factory = new IDBFactory();
    const worker = createEncryptedSecrets({ indexedDB: factory, crypto });
    const restartedWorker = createEncryptedSecrets({ indexedDB: factory, crypto });
    // Both create the key at once on first use: one wins, and both end up using it.
    await Promise.all([worker.set('a', 'first secret'), restartedWorker.set('b', 'second secret')]);
    expect(await worker.get('b')).toBe('second secret');
    expect(await restartedWorker.get('a')).toBe('first secret');
    const keys = await rawEntries(factory, 'keys');
    expect(keys.size).toBe(1);
    const key = [...keys.values()][0] as CryptoKey;
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
  });

  it('refuses a ciphertext moved to another entry or tampered with, as if it were missing', async () => {
    const factory = new IDBFactory();
    const secrets = createEncryptedSecrets({ indexedDB: factory, crypto });
    await secrets.set('conn-1', KEY);
    const sealed = (await rawEntries(factory, 'secrets')).get('conn-1') as SealedSecret;
    const db = await request(factory.open('ringside-secrets'));
    const flipped = new Uint8Array(sealed.data.slice(0));
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    const tx = db.transaction('secrets', 'readwrite');
    tx.objectStore('secrets').put(sealed, 'conn-2');
    tx.objectStore('secrets').put({ ...sealed, data: flipped.buffer }, 'conn-3');
    await new Promise((resolve) => {
      tx.oncomplete = resolve;
    });
    db.close();
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await secrets.get('conn-2')).toBeUndefined();
    expect(await secrets.get('conn-3')).toBeUndefined();
    expect(quiet).toHaveBeenCalledTimes(2);
    quiet.mockRestore();
    expect(await secrets.get('conn-1')).toBe(KEY);
  });

  describe('migration from plaintext (version 1)', () => {
    const legacy = {
      'conn-close': KEY,
      'conn-bullhorn': GROUPED,
      'session:conn-bullhorn': JSON.stringify({ bhRestToken: 'rest-token-123', refreshToken: 'refresh-456' }),
    };

    it('encrypts every plaintext entry at start-up and reads them back unchanged', async () => {
      const factory = new IDBFactory();
      await seedVersion1(factory, legacy);
      const secrets = createEncryptedSecrets({ indexedDB: factory, crypto });
      expect(await secrets.migrate()).toBe(3);
      const raw = await rawEntries(factory, 'secrets');
      expect([...raw.keys()].sort()).toEqual(Object.keys(legacy).sort());
      for (const value of raw.values()) {
        expect(typeof value).toBe('object');
        for (const secret of ['Riley', 'hunter2', 'bh-client-secret', 'rest-token', 'refresh-456']) {
          expect(bytesOf(value as SealedSecret)).not.toContain(secret);
        }
      }
      for (const [name, value] of Object.entries(legacy)) expect(await secrets.get(name)).toBe(value);
      // Nothing left to do the second time.
      expect(await secrets.migrate()).toBe(0);
    });

    it('encrypts a plaintext entry on its first read, before start-up got to it', async () => {
      const factory = new IDBFactory();
      await seedVersion1(factory, legacy);
      const secrets = createEncryptedSecrets({ indexedDB: factory, crypto });
      expect(await secrets.get('conn-close')).toBe(KEY);
      const raw = await rawEntries(factory, 'secrets');
      expect(raw.get('conn-close')).toMatchObject({ v: 1 });
      expect(raw.get('conn-bullhorn')).toBe(GROUPED);
      expect(await secrets.migrate()).toBe(2);
    });
  });
});
