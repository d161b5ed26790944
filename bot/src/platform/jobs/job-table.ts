/**
 * Row layout of the `Jobs` table (docs/architecture.md), shared by the queue and the runner.
 *
 * Two entities per job:
 * - a **due row** in partition `due-{yyyyMMddHHmm}` (the UTC minute it is due), RowKey = encoded
 *   job id. The runner finds due work with one range query over the partitions ≤ now.
 * - an **index row** in partition `id`, RowKey = encoded job id, naming the due row's bucket and
 *   its generation (`gen`, a fresh token per schedule).
 *
 * The index row is the commit point: a due row whose `gen` differs from the index row's (or
 * that has no index row) is an orphan of an interrupted schedule/cancel and is never run.
 * That keeps reschedule and cancel correct without cross-partition transactions.
 */

/** Partition of the index rows; sorts after every `due-` bucket so range queries never see it. */
export const INDEX_PARTITION = "id";
/** Prefix of due-bucket partitions. */
export const DUE_PREFIX = "due-";
/** Lease/attempt fields hold this when unset (Tables cannot filter on a missing property). */
export const NEVER = new Date(0);

/** The due bucket (PartitionKey) of an instant: its UTC minute as a sortable string. */
export function bucketOf(at: Date): string {
  const iso = at.toISOString(); // 2024-05-01T12:30:45.123Z
  return DUE_PREFIX + iso.slice(0, 16).replace(/[-T:]/g, "");
}

/** A job's due row. */
export interface DueEntity {
  partitionKey: string;
  rowKey: string;
  /** The job id, unencoded. */
  id: string;
  kind: string;
  /** When the job was scheduled to run (what handlers see). */
  dueAt: Date;
  /** When the job may next run: `dueAt`, later after a failure (backoff). */
  runAt: Date;
  /** JSON of the payload. */
  payload: string;
  /** Attempts that failed so far. */
  failures: number;
  gen: string;
  leaseOwner: string;
  leaseUntil: Date;
  /** When this row was written (orphan clean-up waits a grace period after it). */
  scheduledAt: Date;
}

/** A job's index row. */
export interface IndexEntity {
  partitionKey: typeof INDEX_PARTITION;
  rowKey: string;
  bucket: string;
  gen: string;
  kind: string;
  dueAt: Date;
}

/** True for the statuses of a lost ETag race or a row that is gone: the other party won. */
export function isLostRace(err: unknown): boolean {
  const s = (err as { statusCode?: unknown })?.statusCode;
  return s === 412 || s === 404 || s === 409;
}
