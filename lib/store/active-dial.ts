import { z } from 'zod';
import { parsedItem } from './item';

/**
 * What the side panel is working on: a number to call or an address to look up. Session storage:
 * trusted contexts only, gone when the browser closes.
 */
export const activeDialSchema = z.union([
  z.object({
    /** E.164. */
    phone: z.string().regex(/^\+\d{6,16}$/),
    source: z.enum(['page', 'panel']),
    at: z.number().int(),
  }),
  z.object({
    email: z.email().max(320),
    source: z.enum(['page', 'panel']),
    at: z.number().int(),
  }),
]);
export type ActiveDial = z.infer<typeof activeDialSchema>;

export const activeDialItem = parsedItem('session:activeDial', activeDialSchema.nullable(), null, {
  version: 1,
});
