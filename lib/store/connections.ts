import { z } from 'zod';
import { accountSchema, providerIdSchema } from '../crm/adapter';
import { parsedItem } from './item';

/**
 * A saved CRM connection as every extension page may see it. The credential itself is not here: it
 * lives in the secret store (lib/store/secrets.ts), which only the background reads.
 */
export const connectionSchema = z.object({
  id: z.string().min(1),
  provider: providerIdSchema,
  baseUrl: z.url(),
  /** The key masked for display, such as "api_••••••3f9a". */
  keyHint: z.string(),
  account: accountSchema.optional(),
  createdAt: z.number().int(),
});
export type Connection = z.infer<typeof connectionSchema>;

export const connectionsItem = parsedItem('local:connections', z.array(connectionSchema), [], { version: 1 });

export function maskKey(key: string): string {
  const prefix = key.startsWith('api_') ? 'api_' : '';
  return `${prefix}••••••${key.slice(-4)}`;
}
