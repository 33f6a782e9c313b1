import { browser } from 'wxt/browser';
import { z } from 'zod';
import { callDirectionSchema } from '../crm/adapter';
import { logChannelSchema } from './log-defaults';

/**
 * Wrap-up drafts: what the recruiter has typed about a call, saved as they type under the call session's
 * id, so closing the panel (or the browser) loses nothing. A draft leaves once its logs are in the outbox;
 * drafts nobody came back to are pruned after a week. One key per session keeps each save a small write.
 */

const PREFIX = 'draft:';
export const DRAFT_MAX_AGE_MS = 7 * 24 * 3600_000;

/** Per connection: the activity type and outcome chosen; absent means "the default for the channel". */
export const draftChoiceSchema = z.object({
  typeId: z.string().max(200).optional(),
  outcomeId: z.string().max(200).optional(),
});
export type DraftChoice = z.infer<typeof draftChoiceSchema>;

export const draftSchema = z.object({
  v: z.literal(1),
  sessionId: z.string().min(1).max(100),
  /** Same for every attempt to log this draft, so logging it again never logs a record twice. */
  logKey: z.string().min(8).max(100),
  note: z.string().max(20_000),
  channel: logChannelSchema,
  direction: callDirectionSchema.optional(),
  /** As typed ("3:25"); checked when the call is logged. */
  duration: z.string().max(20).optional(),
  /** As typed in the time field (`YYYY-MM-DDTHH:mm`, local time). */
  startedAt: z.string().max(40).optional(),
  choices: z.record(z.string().max(200), draftChoiceSchema).default({}),
  /** What the call was with, so a leftover draft can say so. */
  subject: z.string().max(320).optional(),
  updatedAt: z.number().int(),
});
export type Draft = z.infer<typeof draftSchema>;

/** A stored draft, or undefined for what cannot be read (left in place, never overwritten silently). */
export function readDraft(raw: unknown): Draft | undefined {
  const parsed = draftSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export interface DraftStore {
  get(sessionId: string): Promise<Draft | undefined>;
  save(draft: Draft): Promise<void>;
  remove(sessionId: string): Promise<void>;
  list(): Promise<Draft[]>;
  /** Removes drafts not touched for `maxAgeMs`; returns how many. */
  prune(now?: number, maxAgeMs?: number): Promise<number>;
}

export const draftStore: DraftStore = {
  async get(sessionId) {
    const key = `${PREFIX}${sessionId}`;
    return readDraft((await browser.storage.local.get(key))[key]);
  },
  async save(draft) {
    await browser.storage.local.set({ [`${PREFIX}${draft.sessionId}`]: draftSchema.parse(draft) });
  },
  async remove(sessionId) {
    await browser.storage.local.remove(`${PREFIX}${sessionId}`);
  },
  async list() {
    const all = await browser.storage.local.get(null);
    const drafts: Draft[] = [];
    for (const [key, value] of Object.entries(all)) {
      if (!key.startsWith(PREFIX)) continue;
      const draft = readDraft(value);
      if (draft) drafts.push(draft);
    }
    return drafts.sort((a, b) => b.updatedAt - a.updatedAt);
  },
  async prune(now = Date.now(), maxAgeMs = DRAFT_MAX_AGE_MS) {
    const all = await browser.storage.local.get(null);
    const old: string[] = [];
    for (const [key, value] of Object.entries(all)) {
      if (!key.startsWith(PREFIX)) continue;
      const updatedAt = (value as { updatedAt?: unknown } | null)?.updatedAt;
      // An unreadable draft has no age to go by: it is kept, like anything else that cannot be read.
      if (typeof updatedAt === 'number' && now - updatedAt > maxAgeMs) old.push(key);
    }
    if (old.length) await browser.storage.local.remove(old);
    return old.length;
  },
};

/**
 * Saves the latest value `delay` ms after the last change, and at once on `flush` (the page hiding, the
 * field losing focus). Saves run one after another, so an older value never lands after a newer one.
 */
export function debouncedSaver<T>(save: (value: T) => Promise<void>, delay = 300) {
  let pending: T | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending === undefined) return chain;
    const value = pending;
    pending = undefined;
    chain = chain
      .then(() => save(value))
      .catch((error: unknown) => console.warn('Ringside: draft not saved', error));
    return chain;
  };
  return {
    schedule(value: T) {
      pending = value;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void flush(), delay);
    },
    flush,
    /** Drops what is waiting (the draft was logged or discarded). */
    cancel() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending = undefined;
    },
  };
}
