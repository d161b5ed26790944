/** How a retry delay is drawn inside its exponential window. */
export interface BackoffOptions {
  /** The window of the first retry. */
  baseMs: number;
  /** The window never grows past this. */
  maxMs: number;
  /**
   * "full": anywhere in the window (contenders on one row spread out most);
   * "equal": half fixed, half random (retries of many jobs that failed together spread out but
   * never come back almost at once).
   */
  jitter: "full" | "equal";
}

/**
 * Delay before retry number `retry` (1 = the first retry): exponential from `baseMs`, capped at
 * `maxMs`, jittered as asked. The one backoff of the app (store conflicts, connector sends, jobs).
 */
export function backoffMs(retry: number, o: BackoffOptions, random: () => number = Math.random): number {
  const window = Math.min(o.maxMs, o.baseMs * 2 ** Math.max(0, Math.min(retry - 1, 30)));
  return Math.floor(o.jitter === "full" ? random() * window : window / 2 + random() * (window / 2));
}
