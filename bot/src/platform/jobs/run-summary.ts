/** What one poll did. */
export interface RunSummary {
  /** Due rows seen. */
  due: number;
  /** Jobs this instance claimed and ran. */
  ran: number;
  succeeded: number;
  failed: number;
  /** Failed for the last allowed time and removed. */
  gaveUp: number;
  /** Rows another instance claimed first, or stale rows skipped or removed. */
  skipped: number;
  /** Jobs whose lease was lost while their handler ran (left to the instance that took them). */
  lost: number;
}

/** A summary with every count at zero, to be filled in by one poll. */
export const emptySummary = (): RunSummary => ({
  due: 0,
  ran: 0,
  succeeded: 0,
  failed: 0,
  gaveUp: 0,
  skipped: 0,
  lost: 0,
});
