import { z } from 'zod';
import { parsedItem } from './item';

/** The dialer's last ten distinct numbers, newest first, with the name of the record each reached. */
export const RECENT_LIMIT = 10;

export const recentNumberSchema = z.object({
  /** E.164. */
  phone: z.string().regex(/^\+\d{6,16}$/),
  at: z.number().int(),
  name: z.string().min(1).max(200).optional(),
});
export type RecentNumber = z.infer<typeof recentNumberSchema>;

export const recentNumbersItem = parsedItem(
  'local:recentNumbers',
  z.array(recentNumberSchema).max(RECENT_LIMIT),
  [],
  { version: 1 },
);

/** `phone` moved (or added) to the front, keeping the name it had; at most ten. */
export function withRecent(list: readonly RecentNumber[], phone: string, at: number): RecentNumber[] {
  const earlier = list.find((entry) => entry.phone === phone);
  const entry: RecentNumber = { phone, at, ...(earlier?.name ? { name: earlier.name } : {}) };
  return [entry, ...list.filter((other) => other.phone !== phone)].slice(0, RECENT_LIMIT);
}

/** The list with `phone` named (the record the call reached); unchanged when it is not in the list. */
export function withName(list: readonly RecentNumber[], phone: string, name: string): RecentNumber[] {
  const trimmed = name.trim().slice(0, 200);
  if (!trimmed) return [...list];
  return list.map((entry) => (entry.phone === phone ? { ...entry, name: trimmed } : entry));
}

// One read-modify-write at a time in this page, so a rename never writes back a list older than a dial.
let updates: Promise<unknown> = Promise.resolve();
function update(change: (list: RecentNumber[]) => RecentNumber[]): Promise<void> {
  const next = updates.then(async () => {
    const list = await recentNumbersItem.get();
    const changed = change(list);
    if (JSON.stringify(changed) !== JSON.stringify(list)) await recentNumbersItem.set(changed);
  });
  updates = next.catch(() => undefined);
  return next;
}

export function rememberNumber(phone: string, at = Date.now()): Promise<void> {
  return update((list) => withRecent(list, phone, at));
}

export function nameNumber(phone: string, name: string): Promise<void> {
  return update((list) => withName(list, phone, name));
}

export function clearRecentNumbers(): Promise<void> {
  return update(() => []);
}
