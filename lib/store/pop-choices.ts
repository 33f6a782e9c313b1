import { z } from 'zod';
import { type RecordRef, recordRefSchema } from '../crm/adapter';
import { parsedItem } from './item';

/**
 * Which records the recruiter chose for a number (or an address) that matched several: offered again the next
 * time it pops, while those records are still among its matches. The newest MAX_REMEMBERED subjects are kept.
 */
export const MAX_REMEMBERED = 200;

const choiceSchema = z.object({
  /** `phone:+14155552671` or `email:jane@example.com`. */
  subject: z.string().min(1).max(340),
  records: z.array(recordRefSchema).min(1).max(20),
  at: z.number().int(),
});
export type PopChoice = z.infer<typeof choiceSchema>;

export const popChoicesItem = parsedItem('local:popChoices', z.array(choiceSchema).max(MAX_REMEMBERED), [], {
  version: 1,
});

export function subjectKey(subject: { phone: string } | { email: string }): string {
  return 'phone' in subject ? `phone:${subject.phone}` : `email:${subject.email.trim().toLowerCase()}`;
}

export function sameRecord(a: RecordRef, b: RecordRef): boolean {
  return a.connectionId === b.connectionId && a.kind === b.kind && a.id === b.id;
}

/** The remembered choice for a subject, if any. */
export async function rememberedChoice(subject: string): Promise<RecordRef[] | undefined> {
  return (await popChoicesItem.get()).find((choice) => choice.subject === subject)?.records;
}

/** Remembers a choice (newest first); an empty choice forgets the subject. */
export async function rememberChoice(subject: string, records: RecordRef[], now = Date.now()): Promise<void> {
  const others = (await popChoicesItem.get()).filter((choice) => choice.subject !== subject);
  const next = records.length ? [{ subject, records: records.slice(0, 20), at: now }, ...others] : others;
  await popChoicesItem.set(next.slice(0, MAX_REMEMBERED));
}

/**
 * The remembered records still among `matches`, in the order they were chosen; undefined when none is (the
 * records were deleted, or the number now belongs to someone else), so the usual rules apply instead.
 */
export function reapply(remembered: RecordRef[] | undefined, matches: RecordRef[]): RecordRef[] | undefined {
  const present = (remembered ?? []).filter((ref) => matches.some((match) => sameRecord(match, ref)));
  return present.length ? present : undefined;
}
