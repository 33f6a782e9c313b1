import { CrmError } from '../crm/errors';
import { providers } from '../crm/registry';
import { t } from '../i18n';
import type { Connection } from '../store/connections';
import type { ContactIndex } from '../store/contact-index';
import { type IndexStatus, indexStatusItem } from '../store/index-status';
import type { ConnectionService } from './connections';

/** Bounds a runaway list endpoint (a cursor that never ends). */
const MAX_PAGES = 10_000;

export function usesIndex(connection: Pick<Connection, 'provider'>): boolean {
  const { capabilities } = providers[connection.provider];
  return (
    capabilities.listRecords &&
    (capabilities.searchByPhone === 'index' || capabilities.searchByEmail === 'index')
  );
}

/** Fills the local index from each CRM's list endpoint; one run per connection at a time. */
export function createIndexSync(connections: ConnectionService, index: ContactIndex, now = () => Date.now()) {
  const running = new Map<string, Promise<IndexStatus>>();

  async function setStatus(connectionId: string, status: IndexStatus): Promise<void> {
    const all = await indexStatusItem.get();
    await indexStatusItem.set({ ...all, [connectionId]: status });
  }

  async function run(connection: Connection): Promise<IndexStatus> {
    const startedAt = now();
    const previous = (await indexStatusItem.get())[connection.id];
    await setStatus(connection.id, { ...previous, state: 'syncing', startedAt });
    try {
      const adapter = await connections.adapterFor(connection);
      if (!adapter.listRecords)
        throw new CrmError({ kind: 'validation', message: t('bgIndexSync_cannotList') });
      let cursor: string | undefined;
      let count = 0;
      for (let page = 0; page < MAX_PAGES; page++) {
        const result = await adapter.listRecords(cursor);
        await index.put(connection.id, startedAt, result.records);
        count += result.records.length;
        cursor = result.cursor;
        if (!cursor) break;
      }
      await index.finish(connection.id, startedAt);
      const status: IndexStatus = { state: 'ok', startedAt, lastSyncedAt: now(), count };
      await setStatus(connection.id, status);
      return status;
    } catch (error) {
      // A failed run keeps the last good index: stale people beat no people.
      const status: IndexStatus = {
        ...previous,
        state: 'error',
        startedAt,
        error: error instanceof CrmError ? error.message : t('bgIndexSync_failed'),
      };
      await setStatus(connection.id, status);
      return status;
    }
  }

  return {
    sync(connection: Connection): Promise<IndexStatus> {
      const current = running.get(connection.id);
      if (current) return current;
      const started = run(connection).finally(() => running.delete(connection.id));
      running.set(connection.id, started);
      return started;
    },

    async syncAll(): Promise<void> {
      await Promise.all(
        (await connections.list()).filter(usesIndex).map((connection) => this.sync(connection)),
      );
    },

    async forget(connectionId: string): Promise<void> {
      await index.removeConnection(connectionId);
      const { [connectionId]: _gone, ...rest } = await indexStatusItem.get();
      await indexStatusItem.set(rest);
    },
  };
}

export type IndexSync = ReturnType<typeof createIndexSync>;
