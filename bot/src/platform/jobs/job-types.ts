/**
 * Durable due-work (timers, reminders). Jobs are rows in the `Jobs` table, claimed with an
 * ETag-conditional update (a lease) so that any number of app instances fire each job once
 * and a restart loses nothing. See docs/architecture.md.
 */

/** A job to run at or after `dueAt`. */
export interface JobSpec {
  /** Stable id: scheduling the same id again reschedules (replaces) the job. Safe-key characters only. */
  id: string;
  /** Handler name, e.g. "dialogue.reminder" or "round.fiveMinutesLeft". */
  kind: string;
  dueAt: Date;
  /** Small JSON payload (ids only — no personal data or note text). */
  payload: Record<string, unknown>;
}

/** Schedules and cancels jobs. */
export interface JobQueue {
  schedule(job: JobSpec): Promise<void>;
  cancel(id: string): Promise<void>;
}

/**
 * Runs one job. Throwing makes the runner retry later with backoff (at-least-once; handlers must
 * be idempotent) — unless the error is {@link isPermanentFailure permanent}: then it gives up at once.
 */
export type JobHandler = (payload: Record<string, unknown>, job: JobContext) => Promise<void>;

/** What a handler learns about the job it runs. */
export interface JobContext {
  id: string;
  kind: string;
  dueAt: Date;
  attempt: number;
  /**
   * Aborted when the runner lost the job's lease (another instance may be running it now):
   * check it (`signal?.throwIfAborted()`) before each effect that is not itself claimed with an
   * ETag, and stop. Absent when a handler is called outside the runner.
   */
  signal?: AbortSignal;
}

/**
 * True for an error that says a retry cannot succeed (it, or an error in its `cause` chain, has
 * `permanent: true`), e.g. the messenger's ConversationGoneError after the app was removed from
 * the conversation. Duck-typed so that jobs need not know the messaging errors.
 */
export function isPermanentFailure(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    if ((e as { permanent?: unknown }).permanent === true) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
