import type { ProviderId } from '../crm/adapter';

/**
 * Requests per connection stay inside each CRM's published limit (ClosingDealz: 1,000 per 5 minutes;
 * Bullhorn: 1,500 per minute). Close and the others publish none we could confirm: a conservative
 * 10 per second (UNCONFIRMED) keeps a backlog drain from tripping their limiters. In memory: a restarted
 * worker starts with a full window, which the CRM's own 429 (honoured by the backoff) still bounds.
 */
export const PUBLISHED_LIMITS: Record<ProviderId, { limit: number; windowMs: number }> = {
  closingdealz: { limit: 1_000, windowMs: 5 * 60_000 },
  bullhorn: { limit: 1_500, windowMs: 60_000 },
  close: { limit: 10, windowMs: 1_000 },
  'entity-crm': { limit: 10, windowMs: 1_000 },
  connect: { limit: 10, windowMs: 1_000 },
};

export function createThrottle(now: () => number = () => Date.now()) {
  const sent = new Map<string, number[]>();
  return {
    /** Milliseconds to wait before this connection may send another request (0: now), recording it if 0. */
    take(connectionId: string, provider: ProviderId): number {
      const { limit, windowMs } = PUBLISHED_LIMITS[provider];
      const at = now();
      const recent = (sent.get(connectionId) ?? []).filter((time) => at - time < windowMs);
      if (recent.length >= limit) {
        sent.set(connectionId, recent);
        return (recent[0] ?? at) + windowMs - at;
      }
      recent.push(at);
      sent.set(connectionId, recent);
      return 0;
    },
  };
}
