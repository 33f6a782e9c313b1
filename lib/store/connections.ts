import { z } from 'zod';
import { accountSchema, providerIdSchema } from '../crm/adapter';
import { parsedItem } from './item';

/**
 * A saved CRM connection as every extension page may see it. Secrets are not here: they live in the
 * secret store (lib/store/secrets.ts), which only the background reads; pages see them masked.
 */
export const connectionSchema = z.object({
  id: z.string().min(1),
  provider: providerIdSchema,
  baseUrl: z.url(),
  /** Non-secret form fields (Entity CRM's entity id, Bullhorn's username…). */
  settings: z.record(z.string(), z.string()),
  /** Each secret field masked for display, such as "api_••••••3f9a". */
  secretHints: z.record(z.string(), z.string()),
  account: accountSchema.optional(),
  createdAt: z.number().int(),
});
export type Connection = z.infer<typeof connectionSchema>;

export const connectionsItem = parsedItem('local:connections', z.array(connectionSchema), [], {
  version: 2,
  migrations: {
    // v1 held Close connections only, with one masked key.
    2: (old: unknown) =>
      Array.isArray(old)
        ? old.map((item: { keyHint?: string } & Record<string, unknown>) => {
            const { keyHint, ...rest } = item;
            return { ...rest, settings: {}, secretHints: keyHint ? { apiKey: keyHint } : {} };
          })
        : old,
  },
});
