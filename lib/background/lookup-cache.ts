import { browser } from 'wxt/browser';
import { z } from 'zod';
import { type LookupResult, lookupResultSchema } from '../protocol';

/**
 * Recent CRM searches, per connection, in `storage.session`: a number looked up again pops at once, and
 * the cache survives the service worker stopping but not the browser closing. A record created or updated
 * through Ringside empties its connection's entries; everything else ages out after LOOKUP_CACHE_TTL_MS.
 */

/** How long a search answer is shown without asking the CRM again. */
export const LOOKUP_CACHE_TTL_MS = 10 * 60_000;
/** Searches kept per connection; the oldest go first. */
export const LOOKUP_CACHE_MAX_ENTRIES = 200;

const KEY_PREFIX = 'lookupCache:';

const bucketSchema = z.object({
  v: z.literal(1),
  entries: z.record(z.string(), z.object({ at: z.number(), result: lookupResultSchema })),
});
type Bucket = z.infer<typeof bucketSchema>;

/** The part of `storage.session` the cache uses (tests pass the fake browser's). */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string): Promise<void>;
}

/** One search's key: `phone:+14155552671` or `email:jane@example.com`. */
export function queryKey(query: { phone?: string | undefined; email?: string | undefined }): string {
  return query.phone ? `phone:${query.phone}` : `email:${(query.email ?? '').trim().toLowerCase()}`;
}

export function createLookupCache(
  area: SessionArea = browser.storage.session,
  now: () => number = () => Date.now(),
) {
  /** Bumped by every invalidation: a search that started before it must not write its older answer back. */
  const generations = new Map<string, number>();
  /** Writes per connection, one after another, so two searches finishing together both land. */
  const writes = new Map<string, Promise<void>>();
  /**
   * What this worker read or wrote, so a hit costs no storage round trip. Only the background writes the
   * cache, so the copy cannot go stale while the worker lives; a new worker starts empty and reads storage.
   */
  const memory = new Map<string, Bucket>();

  async function read(connectionId: string): Promise<Bucket | undefined> {
    const known = memory.get(connectionId);
    if (known) return known;
    const key = KEY_PREFIX + connectionId;
    const generation = generations.get(connectionId) ?? 0;
    const raw = (await area.get(key))[key];
    if (raw === undefined) return undefined;
    const parsed = bucketSchema.safeParse(raw);
    if (!parsed.success) return undefined;
    // An invalidation while storage was read wins over what was read.
    if (generation === (generations.get(connectionId) ?? 0) && !memory.has(connectionId))
      memory.set(connectionId, parsed.data);
    return parsed.data;
  }

  function serialized(connectionId: string, task: () => Promise<void>): Promise<void> {
    const next = (writes.get(connectionId) ?? Promise.resolve()).then(task, task);
    writes.set(connectionId, next);
    return next.finally(() => {
      if (writes.get(connectionId) === next) writes.delete(connectionId);
    });
  }

  return {
    /** Where a search starts: pass it back to `put` so an invalidation in between wins. */
    generation(connectionId: string): number {
      return generations.get(connectionId) ?? 0;
    },

    /** The cached answer when it is younger than the TTL. */
    async get(connectionId: string, query: string): Promise<LookupResult | undefined> {
      const entry = (await read(connectionId))?.entries[query];
      if (!entry) return undefined;
      const age = now() - entry.at;
      return age >= 0 && age < LOOKUP_CACHE_TTL_MS ? entry.result : undefined;
    },

    put(connectionId: string, query: string, result: LookupResult, generation: number): Promise<void> {
      return serialized(connectionId, async () => {
        if (generation !== (generations.get(connectionId) ?? 0)) return;
        const at = now();
        const kept = Object.entries((await read(connectionId))?.entries ?? {})
          .filter(([key, entry]) => key !== query && at - entry.at < LOOKUP_CACHE_TTL_MS)
          .sort(([, a], [, b]) => b.at - a.at)
          .slice(0, LOOKUP_CACHE_MAX_ENTRIES - 1);
        const bucket: Bucket = { v: 1, entries: Object.fromEntries([[query, { at, result }], ...kept]) };
        memory.set(connectionId, bucket);
        await area.set({ [KEY_PREFIX + connectionId]: bucket });
      });
    },

    /** Forgets every search of a connection: one of its records changed, or the connection did. */
    invalidate(connectionId: string): Promise<void> {
      generations.set(connectionId, (generations.get(connectionId) ?? 0) + 1);
      memory.delete(connectionId);
      return serialized(connectionId, () => {
        memory.delete(connectionId);
        return area.remove(KEY_PREFIX + connectionId);
      });
    },
  };
}

export type LookupCache = ReturnType<typeof createLookupCache>;
