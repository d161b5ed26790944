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

/** Runs one job. Throwing makes the runner retry later with backoff (at-least-once; handlers must be idempotent). */
export type JobHandler = (
  payload: Record<string, unknown>,
  job: { id: string; kind: string; dueAt: Date; attempt: number },
) => Promise<void>;
