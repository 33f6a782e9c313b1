import { z } from 'zod';
import { type ActivityType, activityTypeSchema } from '../crm/adapter';
import { providers } from '../crm/registry';
import { parsedItem } from '../store/item';
import type { ConnectionService } from './connections';

/**
 * Each connection's activity types and outcomes, from the CRM's own lists, cached for the browser session
 * (storage.session: trusted contexts only, gone when the browser closes) so the wrap-up opens without a
 * round trip; "refresh" asks the CRM again.
 */

export const TYPES_TTL_MS = 30 * 60_000;

const cachedTypesSchema = z.object({ types: z.array(activityTypeSchema).max(1000), fetchedAt: z.number() });
type CachedTypes = z.infer<typeof cachedTypesSchema>;
const typesCacheItem = parsedItem(
  'session:activityTypes',
  z.record(z.string(), cachedTypesSchema),
  {},
  { version: 1 },
);

export function createActivityTypes(connections: ConnectionService, now: () => number = Date.now) {
  const inFlight = new Map<string, Promise<{ types: ActivityType[]; fetchedAt: number }>>();
  // Read-modify-write of one storage item: one change at a time, so two connections' answers both stay.
  let writes: Promise<unknown> = Promise.resolve();
  function write(change: (cache: Record<string, CachedTypes>) => Record<string, CachedTypes>): Promise<void> {
    const next = writes.then(async () => typesCacheItem.set(change(await typesCacheItem.get())));
    writes = next.catch(() => undefined);
    return next;
  }

  async function fetchTypes(connectionId: string) {
    const connection = await connections.find(connectionId);
    if (!providers[connection.provider].capabilities.listActivityTypes)
      return { types: [], fetchedAt: now() };
    const adapter = await connections.adapterFor(connection);
    const types = (await adapter.listActivityTypes?.()) ?? [];
    const entry = { types: types.slice(0, 1000), fetchedAt: now() };
    await write((cache) => ({ ...cache, [connectionId]: entry }));
    return entry;
  }

  return {
    async get(connectionId: string, refresh = false): Promise<{ types: ActivityType[]; fetchedAt: number }> {
      const cached = (await typesCacheItem.get())[connectionId];
      if (!refresh && cached && now() - cached.fetchedAt < TYPES_TTL_MS) return cached;
      // Several wrap-ups opening at once ask the CRM once.
      let pending = inFlight.get(connectionId);
      if (!pending) {
        pending = fetchTypes(connectionId).finally(() => inFlight.delete(connectionId));
        inFlight.set(connectionId, pending);
      }
      return pending;
    },

    async forget(connectionId: string): Promise<void> {
      await write(({ [connectionId]: _gone, ...rest }) => rest);
    },
  };
}

export type ActivityTypesService = ReturnType<typeof createActivityTypes>;
