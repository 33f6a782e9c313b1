import { type StorageItemKey, storage } from 'wxt/utils/storage';
import type { z } from 'zod';

export interface ParsedItem<T> {
  get(): Promise<T>;
  set(value: T): Promise<void>;
  /** Calls back with the parsed new value whenever any context changes the item. Returns the unsubscribe. */
  watch(callback: (value: T) => void): () => void;
  /** Runs pending migrations now (they also run by themselves when the item is first defined). */
  migrate(): Promise<void>;
}

/**
 * A versioned storage item whose every read is parsed: a value written by an older build, another
 * extension version or a tampering hand comes back as the fallback, never as an unchecked shape.
 */
export function parsedItem<T>(
  key: StorageItemKey,
  schema: z.ZodType<T>,
  fallback: T,
  options: { version: number; migrations?: Record<number, (old: unknown) => unknown> },
): ParsedItem<T> {
  const item = storage.defineItem<unknown>(key, {
    version: options.version,
    ...(options.migrations ? { migrations: options.migrations } : {}),
  });
  const parse = (raw: unknown): T => {
    if (raw === null || raw === undefined) return fallback;
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    console.warn(`Ringside: ignoring unreadable storage item ${key}`);
    return fallback;
  };
  return {
    get: async () => parse(await item.getValue()),
    set: (value) => item.setValue(schema.parse(value)),
    watch: (callback) => item.watch((raw) => callback(parse(raw))),
    migrate: () => item.migrate(),
  };
}
