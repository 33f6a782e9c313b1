import type { CountryCode } from 'libphonenumber-js';
import type { CrmRecord } from '../crm/adapter';
import { storedNumberMatches, tailKey } from '../phone/match';

/**
 * The local contact index: people of CRMs whose API cannot search by phone (Entity CRM, Connect), kept in
 * the extension origin's IndexedDB and found by the last digits of any number, however it was stored.
 */

interface IndexedContact {
  /** connection id + record kind + record id. */
  key: string;
  connectionId: string;
  /** The sync run that last wrote it; older runs' leftovers are people the CRM no longer has. */
  generation: number;
  record: CrmRecord;
  tails: string[];
  emails: string[];
}

const STORE = 'contacts';

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function completed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export function createContactIndex(factory: IDBFactory = indexedDB, name = 'ringside-contact-index') {
  let opening: Promise<IDBDatabase> | undefined;
  function db(): Promise<IDBDatabase> {
    opening ??= new Promise((resolve, reject) => {
      const request = factory.open(name, 1);
      request.onupgradeneeded = () => {
        const store = request.result.createObjectStore(STORE, { keyPath: 'key' });
        store.createIndex('tails', 'tails', { multiEntry: true });
        store.createIndex('emails', 'emails', { multiEntry: true });
        store.createIndex('connection', 'connectionId');
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return opening;
  }

  async function matching(
    indexName: 'tails' | 'emails',
    value: string,
    connectionId: string,
  ): Promise<IndexedContact[]> {
    const tx = (await db()).transaction(STORE, 'readonly');
    const found = await promised(tx.objectStore(STORE).index(indexName).getAll(value));
    return (found as IndexedContact[]).filter((entry) => entry.connectionId === connectionId);
  }

  return {
    /** Writes one page of a sync run. */
    async put(connectionId: string, generation: number, records: CrmRecord[]): Promise<void> {
      const tx = (await db()).transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      for (const record of records) {
        const entry: IndexedContact = {
          key: `${connectionId}\u0000${record.ref.kind}\u0000${record.ref.id}`,
          connectionId,
          generation,
          record,
          tails: [...new Set(record.phones.flatMap((phone) => tailKey(phone.raw) ?? []))],
          emails: [...new Set(record.emails.map((email) => email.toLowerCase()))],
        };
        store.put(entry);
      }
      await completed(tx);
    },

    /** Ends a sync run: whoever the run did not write is gone from the CRM. */
    async finish(connectionId: string, generation: number): Promise<void> {
      await this.removeConnection(connectionId, generation);
    },

    /** Removes a connection's people (all of them, or those written before `generation`). */
    async removeConnection(connectionId: string, beforeGeneration = Number.POSITIVE_INFINITY): Promise<void> {
      const tx = (await db()).transaction(STORE, 'readwrite');
      const request = tx.objectStore(STORE).index('connection').openCursor(connectionId);
      request.onsuccess = () => {
        const cursor = request.result;
        if (!cursor) return;
        if ((cursor.value as IndexedContact).generation < beforeGeneration) cursor.delete();
        cursor.continue();
      };
      await completed(tx);
    },

    async findByPhone(connectionId: string, e164: string, defaultCountry: CountryCode): Promise<CrmRecord[]> {
      const tail = tailKey(e164);
      if (!tail) return [];
      const candidates = await matching('tails', tail, connectionId);
      return candidates
        .filter((entry) =>
          entry.record.phones.some((phone) => storedNumberMatches(e164, phone.raw, defaultCountry)),
        )
        .map((entry) => entry.record);
    },

    async findByEmail(connectionId: string, email: string): Promise<CrmRecord[]> {
      return (await matching('emails', email.trim().toLowerCase(), connectionId)).map(
        (entry) => entry.record,
      );
    },

    async count(connectionId: string): Promise<number> {
      const tx = (await db()).transaction(STORE, 'readonly');
      return promised(tx.objectStore(STORE).index('connection').count(connectionId));
    },
  };
}

export type ContactIndex = ReturnType<typeof createContactIndex>;
