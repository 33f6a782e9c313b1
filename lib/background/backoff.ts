/**
 * When to try a failed delivery again: exponential backoff with jitter, never sooner than the CRM
 * asked (Retry-After, Close's RateLimit reset, Bullhorn's ratelimit headers arrive as retryAfterMs).
 */
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_MAX_MS = 15 * 60_000;

export function retryDelayMs(
  attempts: number,
  retryAfterMs: number | undefined,
  random: () => number,
): number {
  const exponential = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  // "Equal jitter": half fixed, half random, so retries from many items spread out but never collapse to 0.
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}
