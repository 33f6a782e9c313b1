/**
 * Credentials, kept in the extension origin's IndexedDB. Content scripts run in the page's origin and
 * cannot open this database (unlike storage.local, which they can read), so a key saved here is out of
 * their reach. Only the background imports this module.
 */

const DB_NAME = 'ringside-secrets';
const STORE = 'secrets';

export interface SecretStore {
  get(connectionId: string): Promise<string | undefined>;
  set(connectionId: string, secret: string): Promise<void>;
  delete(connectionId: string): Promise<void>;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = action(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result as T);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export const indexedDbSecrets: SecretStore = {
  async get(connectionId) {
    const value = await run<unknown>('readonly', (store) => store.get(connectionId));
    return typeof value === 'string' ? value : undefined;
  },
  async set(connectionId, secret) {
    await run('readwrite', (store) => store.put(secret, connectionId));
  },
  async delete(connectionId) {
    await run('readwrite', (store) => store.delete(connectionId));
  },
};
