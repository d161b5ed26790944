/**
 * Per-user rate limit (token bucket), an abuse guard for the tab API's write endpoints, card
 * actions and the message extension's searches. Kept in memory per instance on purpose: it
 * protects the instance and the store from one runaway client; exact global fairness across
 * instances is not needed for that (with n instances a client gets at most n times the budget).
 */
export interface RateLimiter {
  /** Takes a token for `key`; returns 0 when allowed, else the seconds to wait. */
  take(key: string): number;
  /**
   * As {@link take}, and says whether a refusal is worth reporting: only the first one for `key`
   * within a window (the time a full refill takes), so a client hammering the limit writes one
   * log line per window, not one per request.
   */
  check(key: string): { wait: number; report: boolean };
}

/** Options: `burst` requests at once, refilled at `perSecond`. */
export interface RateLimitOptions {
  burst: number;
  perSecond: number;
  now?: () => number;
  /** Buckets kept at most (the least recently used dropped), so memory stays bounded. */
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  at: number;
  /** When a refusal for this key was last reported. */
  reportedAt?: number;
}

/** Idle buckets looked at per call: keeps each call O(1) while idle users drain away. */
const SWEEP = 4;

/** Creates a token-bucket rate limiter. */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 50_000;
  const windowMs = (options.burst / options.perSecond) * 1000;
  // Insertion order = last use (each call moves its key to the end): the first keys are the idlest.
  const buckets = new Map<string, Bucket>();
  const refill = (b: Bucket, t: number) =>
    Math.min(options.burst, b.tokens + ((t - b.at) / 1000) * options.perSecond);

  /** Drops the idlest buckets that have refilled completely: a new bucket would be the same. */
  function sweep(t: number): void {
    let n = 0;
    for (const [key, b] of buckets) {
      if (n++ >= SWEEP || refill(b, t) < options.burst) return;
      buckets.delete(key);
    }
  }

  function check(key: string): { wait: number; report: boolean } {
    const t = now();
    sweep(t);
    let b = buckets.get(key);
    if (b) buckets.delete(key);
    else {
      if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value!);
      b = { tokens: options.burst, at: t };
    }
    buckets.set(key, b);
    b.tokens = refill(b, t);
    b.at = t;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { wait: 0, report: false };
    }
    const report = b.reportedAt === undefined || t - b.reportedAt >= windowMs;
    if (report) b.reportedAt = t;
    return { wait: Math.ceil((1 - b.tokens) / options.perSecond), report };
  }

  return { take: (key) => check(key).wait, check };
}
