import { z } from 'zod';
import { parsedItem } from './item';

/**
 * Which CRM user each connection logs calls as. Matched by email when the connection is saved
 * (`email`), or chosen in options (`chosen`, kept across re-saves); `none` says why nobody matched.
 */
export const userMappingSchema = z.object({
  source: z.enum(['email', 'chosen', 'none']),
  userId: z.string().min(1).max(200).optional(),
  userName: z.string().max(300).optional(),
  /** For `none`: a sentence saying why, for options. */
  reason: z.string().max(500).optional(),
  at: z.number().int(),
});
export type UserMapping = z.infer<typeof userMappingSchema>;

/** By connection id. */
export const userMapItem = parsedItem(
  'local:userMap',
  z.record(z.string().min(1).max(200), userMappingSchema),
  {},
  { version: 1 },
);
