import { countMetric } from "../telemetry/instrument";
/** At most `limit` events in any `ms`-long window. */
export interface RateWindow {
  limit: number;
  ms: number;
}

/**
 * Teams' published limits per bot per conversation (thread): 7 messages per second,
 * 8 per 2 s, 60 per 30 s, 1800 per hour.
 */
export const TEAMS_CONVERSATION_LIMITS: readonly RateWindow[] = [
  { limit: 7, ms: 1000 },
  { limit: 8, ms: 2000 },
  { limit: 60, ms: 30_000 },
  { limit: 1800, ms: 3_600_000 },
];

/** Teams' per-bot per-tenant limit: 50 requests per second. */
export const TEAMS_TENANT_LIMITS: readonly RateWindow[] = [{ limit: 50, ms: 1000 }];

/** Options for {@link createRateLimiter}. */
export interface RateLimiterOptions {
  windows: readonly RateWindow[];
  /** Clock in ms (injectable for tests). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Added to every window's length. The service counts requests when they arrive; a request
   * that leaves a little late (timer lateness, a busy event loop, the network) lands closer to
   * the one a window-length after it, and a limiter pacing exactly at the limit then draws 429s.
   * Default 0.
   */
  marginMs?: number;
}

/** A sliding-window-log limiter with one log per key (conversation, tenant…). */
export interface RateLimiter {
  /**
   * Books the earliest slot for `key` that keeps every window within its limit and returns
   * how long to wait for it (0 = go now). Slots are handed out in call order per key.
   */
  reserve(key: string): number;
  /** {@link reserve} and wait. */
  acquire(key: string): Promise<void>;
  /** Pushes every later slot of `key` to at least `ms` from now (the service said "slow down"). */
  pause(key: string, ms: number): void;
  /** Keys currently tracked (for tests: idle keys are forgotten). */
  size(): number;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Creates a limiter. This is per process: with several instances each keeps its own log, so
 * the limits are a courtesy that avoids most 429s; the messenger still honours Retry-After.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const windows = [...options.windows];
  if (windows.length === 0) throw new RangeError("at least one window");
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const margin = Math.max(0, options.marginMs ?? 0);
  const longest = Math.max(...windows.map((w) => w.ms)) + margin;
  const keep = Math.max(...windows.map((w) => w.limit));
  /** Sorted slot times per key; only the newest `keep` matter. */
  const logs = new Map<string, { slots: number[]; pausedUntil: number }>();
  let calls = 0;

  const sweep = (t: number) => {
    for (const [key, log] of logs) {
      const last = log.slots[log.slots.length - 1] ?? 0;
      if (last <= t - longest && log.pausedUntil <= t) logs.delete(key);
    }
  };

  const reserve = (key: string): number => {
    const t0 = now();
    if (++calls % 1000 === 0) sweep(t0);
    let log = logs.get(key);
    if (!log) logs.set(key, (log = { slots: [], pausedUntil: 0 }));
    const { slots } = log;
    // Slots are booked in order, so the new one is never earlier than the last. With a sorted
    // log, "fewer than L events in (t − W, t]" means t ≥ (L-th newest slot) + W (+ margin).
    let t = Math.max(t0, log.pausedUntil, slots[slots.length - 1] ?? t0);
    for (const w of windows) {
      const lth = slots[slots.length - w.limit];
      if (lth !== undefined) t = Math.max(t, lth + w.ms + margin);
    }
    slots.push(t);
    if (slots.length > keep) slots.splice(0, slots.length - keep);
    return t - t0;
  };

  return {
    reserve,
    async acquire(key) {
      const wait = reserve(key);
      if (wait > 0) {
        countMetric("dialogi.messages.paced");
        await sleep(wait);
      }
    },
    pause(key, ms) {
      let log = logs.get(key);
      if (!log) logs.set(key, (log = { slots: [], pausedUntil: 0 }));
      log.pausedUntil = Math.max(log.pausedUntil, now() + ms);
    },
    size: () => {
      sweep(now());
      return logs.size;
    },
  };
}
