import { statusOf } from "./errors";

/** True for the statuses a lost optimistic-concurrency race produces (stale ETag, row created meanwhile). */
export function isConflict(err: unknown): boolean {
  const s = statusOf(err);
  return s === 412 || s === 409;
}

/**
 * Delay before retry `attempt` (0-based): full jitter over a capped exponential window, so
 * hundreds of contenders on one counter spread out instead of colliding in lockstep.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const cap = Math.min(400, 8 * 2 ** Math.min(attempt, 8));
  return Math.floor(random() * cap);
}

/** Sleeps for `ms`. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
