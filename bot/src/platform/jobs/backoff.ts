/**
 * Delay before the next attempt after `failures` failed ones: exponential from `baseMs`, capped
 * at `maxMs`, with "equal jitter" (half fixed, half random) so retries of many jobs that failed
 * together (e.g. the connector was down) spread out but never come back almost at once.
 */
export function retryDelayMs(
  failures: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const window = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  return Math.round(window / 2 + random() * (window / 2));
}
