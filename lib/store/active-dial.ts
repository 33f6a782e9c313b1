import { z } from 'zod';
import { parsedItem } from './item';

/** The number the side panel is working on. Session storage: trusted contexts only, gone on restart. */
export const activeDialSchema = z.object({
  /** E.164. */
  phone: z.string().regex(/^\+\d{6,16}$/),
  source: z.enum(['page', 'panel']),
  at: z.number().int(),
});
export type ActiveDial = z.infer<typeof activeDialSchema>;

export const activeDialItem = parsedItem('session:activeDial', activeDialSchema.nullable(), null, {
  version: 1,
});
