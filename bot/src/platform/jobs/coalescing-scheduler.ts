import type { JobQueue, JobSpec } from "./job-types";

/**
 * Schedules "do this once more soon" jobs (e.g. re-sync a dialogue's calendar attendees) from
 * bursts of callers without each caller writing to the Jobs table. The guarantee a caller needs:
 * a run of the job starts after its call began — so the run sees the data the caller committed
 * just before. Within this process, calls for one job id are coalesced: while a schedule is in
 * flight, later callers wait for one more schedule that starts after it (not for the one in
 * flight, which may have been committed — and its run begun — before their data was written).
 * So a burst of N costs two schedules instead of N contending ones. Across instances the queue's
 * own ETag retries apply.
 */
export interface CoalescingScheduler {
  schedule(job: JobSpec): Promise<void>;
}

/** Wraps a {@link JobQueue}. */
export function createCoalescingScheduler(queue: JobQueue): CoalescingScheduler {
  const inFlight = new Map<string, Promise<void>>();
  const queued = new Map<string, { promise: Promise<void>; job: JobSpec }>();

  const start = (job: JobSpec): Promise<void> => {
    const p = queue.schedule(job).finally(() => {
      if (inFlight.get(job.id) === p) inFlight.delete(job.id);
    });
    inFlight.set(job.id, p);
    return p;
  };

  return {
    schedule(job) {
      const running = inFlight.get(job.id);
      if (!running) return start(job);
      const waiting = queued.get(job.id);
      if (waiting) {
        // The latest caller's spec wins (same id, so same kind and payload in practice).
        waiting.job = job;
        return waiting.promise;
      }
      const entry = { job, promise: Promise.resolve() };
      entry.promise = running
        .catch(() => undefined)
        .then(() => {
          queued.delete(job.id);
          return start(entry.job);
        });
      queued.set(job.id, entry);
      return entry.promise;
    },
  };
}
