/**
 * Per-user write rate limit (token bucket), an abuse guard for the tab API's write endpoints.
 * Kept in memory per instance on purpose: it protects the instance and the store from one
 * runaway client; exact global fairness across instances is not needed for that.
 */
export interface RateLimiter {
  /** Takes a token for `key`; returns 0 when allowed, else the seconds to wait. */
  take(key: string): number;
}

/** Options: `burst` requests at once, refilled at `perSecond`. */
export interface RateLimitOptions {
  burst: number;
  perSecond: number;
  now?: () => number;
  /** Buckets kept at most (oldest dropped), so memory stays bounded. */
  maxKeys?: number;
}

/** Creates a token-bucket rate limiter. */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 50_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const t = now();
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value!);
        b = { tokens: options.burst, at: t };
        buckets.set(key, b);
      }
      b.tokens = Math.min(options.burst, b.tokens + ((t - b.at) / 1000) * options.perSecond);
      b.at = t;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return Math.ceil((1 - b.tokens) / options.perSecond);
    },
  };
}
