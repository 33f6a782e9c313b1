/**
 * Token buckets per API key and endpoint group, like Close's limits ("per endpoint group, meaning a path plus
 * method bucket"). A bucket holds `limit` tokens and refills `limit` tokens per `windowSeconds`.
 */

export interface RateLimitConfig {
  limit: number;
  windowSeconds: number;
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until a request will be accepted again (429) or until the bucket is full (success). */
  reset: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitConfig = { limit: 100, windowSeconds: 1 };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly config: RateLimitConfig = DEFAULT_RATE_LIMIT,
    private readonly nowSeconds: () => number = () => performance.now() / 1000,
  ) {
    if (!(config.limit >= 1) || !(config.windowSeconds > 0)) {
      throw new Error('rateLimit needs limit >= 1 and windowSeconds > 0');
    }
  }

  /** Takes one token from the bucket `id`, whose capacity is the configured limit times `scale`. */
  take(id: string, scale = 1): RateDecision {
    const limit = this.config.limit * scale;
    const { windowSeconds } = this.config;
    // Seconds to refill `tokens`, rounded up to whole seconds like Close's header (the epsilon absorbs float noise).
    const secondsFor = (tokens: number) => Math.max(1, Math.ceil((tokens * windowSeconds) / limit - 1e-9));
    const now = this.nowSeconds();
    const bucket = this.buckets.get(id) ?? { tokens: limit, updatedAt: now };
    bucket.tokens = Math.min(limit, bucket.tokens + ((now - bucket.updatedAt) * limit) / windowSeconds);
    bucket.updatedAt = now;
    this.buckets.set(id, bucket);
    if (bucket.tokens < 1)
      return { allowed: false, limit, remaining: 0, reset: secondsFor(1 - bucket.tokens) };
    bucket.tokens -= 1;
    return {
      allowed: true,
      limit,
      remaining: Math.floor(bucket.tokens),
      reset: secondsFor(limit - bucket.tokens),
    };
  }

  reset(): void {
    this.buckets.clear();
  }
}

/** Close's header: `RateLimit: limit=<n>, remaining=<n>, reset=<seconds>`. */
export function rateLimitHeader(decision: Pick<RateDecision, 'limit' | 'remaining' | 'reset'>): string {
  return `limit=${decision.limit}, remaining=${decision.remaining}, reset=${decision.reset}`;
}

/** Close's 429 body; keys besides `rate_reset` are UNCONFIRMED. */
export function rateLimitBody(reset: number) {
  return { error: { rate_reset: reset, message: 'API call count exceeded for this period' } };
}
