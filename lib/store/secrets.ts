/**
 * Credentials, kept encrypted in the extension origin's IndexedDB. Content scripts run in the page's
 * origin and cannot open this database (unlike storage.local, which they can read), so a key saved here
 * is out of their reach. Each value is AES-GCM ciphertext (a fresh 96-bit IV per write, the entry's name
 * as additional data so ciphertexts cannot be swapped between entries) under one non-extractable
 * WebCrypto key, generated once and kept in the same database: a copy of the database files shows no
 * secret in the clear, and no script can export the key. Only the background imports this module.
 */

const DB_NAME = 'ringside-secrets';
const DB_VERSION = 2;
const STORE = 'secrets';
/** Holds the one CryptoKey, under KEY_ID. Added in version 2; version 1 kept plaintext strings. */
const KEY_STORE = 'keys';
const KEY_ID = 'aes-gcm-v1';

export interface SecretStore {
  get(connectionId: string): Promise<string | undefined>;
  set(connectionId: string, secret: string): Promise<void>;
  delete(connectionId: string): Promise<void>;
}

/** What is stored per entry: never the secret itself. */
export interface SealedSecret {
  v: 1;
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

export interface EncryptedSecretStore extends SecretStore {
  /** Encrypts every entry still stored as plaintext (written before encryption); returns how many. */
  migrate(): Promise<number>;
}

function isSealed(value: unknown): value is SealedSecret {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Partial<SealedSecret>;
  return candidate.v === 1 && candidate.iv instanceof Uint8Array && candidate.data instanceof ArrayBuffer;
}

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export function createEncryptedSecrets(
  options: { indexedDB?: IDBFactory; crypto?: Crypto } = {},
): EncryptedSecretStore {
  const idb = () => options.indexedDB ?? globalThis.indexedDB;
  const subtle = () => (options.crypto ?? globalThis.crypto).subtle;
  const randomIv = () => (options.crypto ?? globalThis.crypto).getRandomValues(new Uint8Array(12));
  const encoder = new TextEncoder();
  let keyPromise: Promise<CryptoKey> | undefined;

  function open(): Promise<IDBDatabase> {
    return new Promise((resolve, reject) => {
      const request = idb().open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE);
        if (!db.objectStoreNames.contains(KEY_STORE)) db.createObjectStore(KEY_STORE);
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  /** One transaction; IndexedDB commits it once `action`'s requests finish (no awaits on other work inside). */
  async function run<T>(
    storeName: string,
    mode: IDBTransactionMode,
    action: (store: IDBObjectStore) => IDBRequest,
  ): Promise<T> {
    const db = await open();
    try {
      return await new Promise<T>((resolve, reject) => {
        const tx = db.transaction(storeName, mode);
        const request = action(tx.objectStore(storeName));
        tx.oncomplete = () => resolve(request.result as T);
        // The failed request's error (e.g. ConstraintError); the transaction's own is set only on abort.
        tx.onerror = () => reject(request.error ?? tx.error);
        tx.onabort = () => reject(request.error ?? tx.error);
      });
    } finally {
      db.close();
    }
  }

  /**
   * The key, generated on first use. Two contexts may race to create it: `add` lets only the first one
   * in, and the loser reads the winner's key back, so every value is under the same key.
   */
  async function loadKey(): Promise<CryptoKey> {
    const existing = await run<unknown>(KEY_STORE, 'readonly', (store) => store.get(KEY_ID));
    if (existing instanceof CryptoKey) return existing;
    const key = await subtle().generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    try {
      await run(KEY_STORE, 'readwrite', (store) => store.add(key, KEY_ID));
      return key;
    } catch (error) {
      if ((error as { name?: unknown } | null)?.name !== 'ConstraintError') throw error;
      const winner = await run<unknown>(KEY_STORE, 'readonly', (store) => store.get(KEY_ID));
      if (winner instanceof CryptoKey) return winner;
      throw error;
    }
  }

  function key(): Promise<CryptoKey> {
    keyPromise ??= loadKey().catch((error: unknown) => {
      keyPromise = undefined;
      throw error;
    });
    return keyPromise;
  }

  async function seal(name: string, secret: string): Promise<SealedSecret> {
    const iv = randomIv();
    const data = await subtle().encrypt(
      { name: 'AES-GCM', iv, additionalData: encoder.encode(name) },
      await key(),
      encoder.encode(secret),
    );
    return { v: 1, iv, data };
  }

  async function unseal(name: string, sealed: SealedSecret): Promise<string | undefined> {
    try {
      const plain = await subtle().decrypt(
        { name: 'AES-GCM', iv: sealed.iv, additionalData: encoder.encode(name) },
        await key(),
        sealed.data,
      );
      return new TextDecoder().decode(plain);
    } catch {
      // Another key (the database was copied between profiles) or a tampered value: as good as missing,
      // so the connection asks to be set up again instead of failing obscurely.
      console.error('Ringside: a saved credential could not be decrypted');
      return undefined;
    }
  }

  const put = async (name: string, secret: string) => {
    const sealed = await seal(name, secret);
    await run(STORE, 'readwrite', (store) => store.put(sealed, name));
  };

  /**
   * Replaces a plaintext entry by its ciphertext, unless it changed meanwhile (a save from another
   * context): encryption cannot run inside an IndexedDB transaction, so the check is made again in one.
   */
  async function encryptInPlace(name: string, plaintext: string): Promise<void> {
    const sealed = await seal(name, plaintext);
    const db = await open();
    try {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(STORE, 'readwrite');
        const store = tx.objectStore(STORE);
        const current = store.get(name);
        current.onsuccess = () => {
          if (current.result === plaintext) store.put(sealed, name);
        };
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
    } finally {
      db.close();
    }
  }

  return {
    async get(name) {
      const value = await run<unknown>(STORE, 'readonly', (store) => store.get(name));
      if (isSealed(value)) return unseal(name, value);
      if (typeof value !== 'string') return undefined;
      // Saved before encryption: encrypt it now, so the plaintext leaves the disk on first use.
      await encryptInPlace(name, value);
      return value;
    },
    set: put,
    async delete(name) {
      await run(STORE, 'readwrite', (store) => store.delete(name));
    },
    async migrate() {
      const db = await open();
      let names: IDBValidKey[];
      let values: unknown[];
      try {
        const tx = db.transaction(STORE, 'readonly');
        [names, values] = await Promise.all([
          requestResult(tx.objectStore(STORE).getAllKeys()),
          requestResult(tx.objectStore(STORE).getAll()),
        ]);
      } finally {
        db.close();
      }
      let migrated = 0;
      for (const [index, name] of names.entries()) {
        const value = values[index];
        if (typeof name !== 'string' || typeof value !== 'string') continue;
        await encryptInPlace(name, value);
        migrated += 1;
      }
      return migrated;
    },
  };
}

export const indexedDbSecrets: EncryptedSecretStore = createEncryptedSecrets();
