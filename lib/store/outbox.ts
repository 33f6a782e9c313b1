import { browser } from 'wxt/browser';
import { z } from 'zod';
import {
  activityInputSchema,
  activityPatchSchema,
  activityRefSchema,
  providerIdSchema,
  recordPatchSchema,
  recordRefSchema,
} from '../crm/adapter';
import { crmErrorKinds } from '../crm/errors';

/**
 * The durable outbox: every write to a CRM is stored here, under its own key, before any network call,
 * and leaves only when the CRM confirmed it. One key per item keeps a state change a small write, and
 * `v` lets a later extension version migrate items written by this one.
 */

export const outboxOpSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('log-activity'), input: activityInputSchema }),
  z.object({ type: z.literal('update-activity'), ref: activityRefSchema, patch: activityPatchSchema }),
  z.object({ type: z.literal('update-record'), ref: recordRefSchema, patch: recordPatchSchema }),
]);
export type OutboxOp = z.infer<typeof outboxOpSchema>;

export const outboxStates = ['queued', 'sending', 'sent', 'retry', 'attention'] as const;
export type OutboxState = (typeof outboxStates)[number];

export const outboxItemSchema = z.object({
  v: z.literal(1),
  /** Client-generated; also the activity's client id, so a retry can find what an earlier try created. */
  id: z.string().min(8),
  connectionId: z.string(),
  provider: providerIdSchema,
  /** What the recruiter sees in the list, e.g. "Call with Jane Doe". */
  label: z.string().max(200),
  op: outboxOpSchema,
  state: z.enum(outboxStates),
  attempts: z.number().int().nonnegative(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /** When the next attempt may run (state `retry`). */
  nextAttemptAt: z.number().int().optional(),
  /** The last attempt may have reached the CRM: check before writing again. */
  unknownOutcome: z.boolean(),
  lastError: z
    .object({ kind: z.enum(crmErrorKinds), message: z.string(), retryAfterMs: z.number().optional() })
    .optional(),
  /** What the CRM confirmed. */
  result: z.object({ activity: activityRefSchema.optional() }).optional(),
  /** The call this write belongs to (the call session's id), so the history can group a call's logs. */
  callId: z.string().min(1).max(100).optional(),
  /** The record's page in its CRM, for the history's link where the activity has none. */
  recordUrl: z.string().max(2000).optional(),
  /** For an `update-activity`: the id of the log item it edits, so the history shows the edited text. */
  editOf: z.string().min(8).max(100).optional(),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;

const PREFIX = 'outbox:';

/** Reads an item as stored by any version so far; undefined for what cannot be read (kept, not deleted). */
export function readOutboxItem(raw: unknown): OutboxItem | undefined {
  const parsed = outboxItemSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export interface OutboxStore {
  put(item: OutboxItem): Promise<void>;
  get(id: string): Promise<OutboxItem | undefined>;
  list(): Promise<OutboxItem[]>;
  remove(id: string): Promise<void>;
}

export const outboxStore: OutboxStore = {
  async put(item) {
    await browser.storage.local.set({ [`${PREFIX}${item.id}`]: outboxItemSchema.parse(item) });
  },
  async get(id) {
    const key = `${PREFIX}${id}`;
    return readOutboxItem((await browser.storage.local.get(key))[key]);
  },
  async list() {
    const all = await browser.storage.local.get(null);
    const items: OutboxItem[] = [];
    for (const [key, value] of Object.entries(all)) {
      if (!key.startsWith(PREFIX)) continue;
      const item = readOutboxItem(value);
      if (item) items.push(item);
      // An unreadable item stays in storage untouched: nothing typed is silently dropped.
      else console.warn('Ringside: an outbox item could not be read and was left in place:', key);
    }
    return items.sort((a, b) => a.createdAt - b.createdAt);
  },
  async remove(id) {
    await browser.storage.local.remove(`${PREFIX}${id}`);
  },
};

/** Watches outbox changes from any context (the panel follows deliveries this way). */
export function watchOutbox(callback: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && Object.keys(changes).some((key) => key.startsWith(PREFIX))) callback();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
