import { z } from 'zod';
import { parsedItem } from './item';

/**
 * Set by the background when the "open the dialer" shortcut is pressed; the side panel (just opened, or
 * open already) focuses its number field. Session storage: trusted contexts only.
 */
export const dialerFocusItem = parsedItem(
  'session:dialerFocus',
  z.object({ at: z.number().int() }).nullable(),
  null,
  { version: 1 },
);

/** A panel that opens this long after the shortcut still takes it as the reason it opened. */
export const FOCUS_FRESH_MS = 10_000;

export function isFreshFocus(flag: { at: number } | null, now: number): flag is { at: number } {
  return flag !== null && now - flag.at >= 0 && now - flag.at <= FOCUS_FRESH_MS;
}
