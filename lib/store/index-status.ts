import { z } from 'zod';
import { parsedItem } from './item';

/** Per connection: how its local contact index stands, for the "last synced" line in options. */
export const indexStatusSchema = z.object({
  state: z.enum(['syncing', 'ok', 'error']),
  startedAt: z.number().int(),
  lastSyncedAt: z.number().int().optional(),
  count: z.number().int().nonnegative().optional(),
  error: z.string().optional(),
});
export type IndexStatus = z.infer<typeof indexStatusSchema>;

export const indexStatusItem = parsedItem(
  'local:indexStatus',
  z.record(z.string(), indexStatusSchema),
  {},
  { version: 1 },
);
