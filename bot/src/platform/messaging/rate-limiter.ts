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

/** The gap that spreads sends evenly over the tightest window (its length over its limit). */
export const evenGapMs = (windows: readonly RateWindow[]): number =>
  Math.min(...windows.map((w) => w.ms / w.limit));

/** Options for {@link createRateLimiter}. */
export interface RateLimiterOptions {
  windows: readonly RateWindow[];
  /** Clock in ms (injectable for tests). */
  now?: () => number;
  /** Waits (tests pass one that moves their clock). */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Added to every window's length. The service counts requests when they arrive; a request
   * that arrives a little after it was let through (the network, a busy event loop between the
   * grant and the socket) lands closer to the one a window-length after it, and a limiter pacing
   * exactly at the limit then draws 429s. Default 0.
   */
  marginMs?: number;
  /**
   * Least time between two sends of one key. Without it, sends freed by one instant (a window
   * rolling over) are let through together, and the process takes tens of milliseconds to put
   * such a bunch on the wire: the last ones arrive late, beyond what a margin covers, and the
   * bunch repeats a window later. Spread out (e.g. half a window's length over its limit), each
   * send leaves before the next is let through. Default 0.
   */
  minGapMs?: number;
}

/** A sliding-window-log limiter with one log per key (conversation, tenant…). */
export interface RateLimiter {
  /**
   * Waits until a send for `key` keeps every window within its limit, first come first served
   * per key, and counts it at the instant it is let through (returned). The log holds when
   * sends really left, not when they were planned: a wake-up that comes late (a stalled event
   * loop, a busy machine) cannot make the late sends and the punctual ones after them crowd
   * one window.
   */
  acquire(key: string): Promise<number>;
  /** How long a send for `key` would wait now (0 = it could go at once); books nothing. */
  nextIn(key: string): number;
  /**
   * The send let through at `grantedAt` left only at `leftAt` (it waited for another limiter
   * after this one): count it then, so the windows measure what the service sees.
   */
  restamp(key: string, grantedAt: number, leftAt: number): void;
  /** Holds every later send of `key` until at least `ms` from now (the service said "slow down"). */
  pause(key: string, ms: number): void;
  /** Keys currently tracked (for tests: idle keys are forgotten). */
  size(): number;
  /** Send times of the last `withinMs` per key (the newest keys first, at most `maxKeys`). */
  recent(withinMs: number, maxKeys: number): [string, number[]][];
  /** Counts sends made elsewhere (another instance's, handed over) in `key`'s windows. */
  seed(key: string, times: readonly number[]): void;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One key's state: send times (ascending, the newest `keep`), the queue of waiters, the timer. */
interface KeyLog {
  sent: number[];
  pausedUntil: number;
  waiters: ((grantedAt: number) => void)[];
  timerSet: boolean;
}

/**
 * Creates a limiter. It is per process; the outbox's sender lease makes one process at a time
 * send the app's messages, so its log is the app's (docs/architecture.md). The messenger still
 * honours Retry-After.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const windows = [...options.windows];
  if (windows.length === 0) throw new RangeError("at least one window");
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const margin = Math.max(0, options.marginMs ?? 0);
  const minGap = Math.max(0, options.minGapMs ?? 0);
  const longest = Math.max(...windows.map((w) => w.ms)) + margin;
  const keep = Math.max(...windows.map((w) => w.limit));
  const logs = new Map<string, KeyLog>();
  let calls = 0;

  const sweep = (t: number) => {
    for (const [key, log] of logs) {
      const last = log.sent[log.sent.length - 1] ?? 0;
      const idle = log.waiters.length === 0 && !log.timerSet;
      if (idle && last <= t - longest && log.pausedUntil <= t) logs.delete(key);
    }
  };

  const logOf = (key: string): KeyLog => {
    let log = logs.get(key);
    if (!log) logs.set(key, (log = { sent: [], pausedUntil: 0, waiters: [], timerSet: false }));
    return log;
  };

  /** With an ascending log, "fewer than L sends in (t − W − margin, t]" means t ≥ (L-th newest) + W + margin. */
  const earliest = (log: KeyLog, t: number): number => {
    let at = Math.max(t, log.pausedUntil);
    const last = log.sent[log.sent.length - 1];
    if (last !== undefined) at = Math.max(at, last + minGap);
    for (const w of windows) {
      const lth = log.sent[log.sent.length - w.limit];
      if (lth !== undefined) at = Math.max(at, lth + w.ms + margin);
    }
    return at;
  };

  const record = (log: KeyLog, t: number): number => {
    log.sent.push(t);
    if (log.sent.length > keep) log.sent.splice(0, log.sent.length - keep);
    return t;
  };

  /** Lets waiters through while the windows allow, then sleeps until the next may go. */
  const pump = (log: KeyLog) => {
    log.timerSet = false;
    while (log.waiters.length > 0) {
      const t = now();
      const at = earliest(log, t);
      if (at > t) {
        log.timerSet = true;
        void sleep(at - t).then(() => pump(log));
        return;
      }
      log.waiters.shift()!(record(log, t));
    }
  };

  return {
    async acquire(key) {
      const t = now();
      if (++calls % 1000 === 0) sweep(t);
      const log = logOf(key);
      if (log.waiters.length === 0 && earliest(log, t) <= t) return record(log, t);
      countMetric("dialogi.messages.paced");
      return new Promise<number>((resolve) => {
        log.waiters.push(resolve);
        if (!log.timerSet) pump(log);
      });
    },
    nextIn(key) {
      const log = logs.get(key);
      if (!log) return 0;
      const t = now();
      return earliest(log, t) - t;
    },
    restamp(key, grantedAt, leftAt) {
      const log = logs.get(key);
      if (!log || leftAt <= grantedAt) return;
      const i = log.sent.lastIndexOf(grantedAt);
      if (i < 0) return;
      log.sent.splice(i, 1);
      let j = log.sent.length;
      while (j > 0 && log.sent[j - 1]! > leftAt) j--;
      log.sent.splice(j, 0, leftAt);
    },
    pause(key, ms) {
      const log = logOf(key);
      log.pausedUntil = Math.max(log.pausedUntil, now() + ms);
    },
    size: () => {
      sweep(now());
      return logs.size;
    },
    recent(withinMs, maxKeys) {
      const since = now() - withinMs;
      const out: [string, number[]][] = [];
      for (const [key, log] of logs) {
        const times = log.sent.filter((x) => x > since);
        if (times.length > 0) out.push([key, times]);
      }
      return out.sort((x, y) => y[1].at(-1)! - x[1].at(-1)!).slice(0, Math.max(0, maxKeys));
    },
    seed(key, times) {
      const log = logOf(key);
      const merged = [...log.sent, ...times.filter(Number.isFinite)].sort((x, y) => x - y);
      log.sent = merged.slice(-keep);
      if (log.waiters.length > 0 && !log.timerSet) pump(log);
    },
  };
}
