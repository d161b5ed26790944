import type { BackoffOptions } from "../backoff";
import { statusOf } from "./errors";

/** True for the statuses a lost optimistic-concurrency race produces (stale ETag, row created meanwhile). */
export function isConflict(err: unknown): boolean {
  const s = statusOf(err);
  return s === 412 || s === 409;
}

/** Backoff of optimistic-concurrency retries: full jitter, so hundreds of contenders on one counter spread out. */
export const CONFLICT_BACKOFF: BackoffOptions = { baseMs: 8, maxMs: 400, jitter: "full" };

/** Sleeps for `ms`. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
