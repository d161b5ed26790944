import type { TableClient } from "@azure/data-tables";
import type { Logger } from "../../logger";
import { INDEX_PARTITION } from "../jobs/job-table";
import type { JobHandler, JobQueue } from "../jobs/job-types";
import type { OutboxRetention } from "./outbox-retention";

/** The job kind of the outbox's retention sweep. */
export const OUTBOX_RETENTION_JOB = "outbox.retention";
/** Job ids: this prefix and the UTC day the sweep is due (one chain, whoever schedules it). */
const ID_PREFIX = "outbox-retention-";
/** The sweep runs daily at this UTC hour (a quiet hour in Finland). */
const SWEEP_HOUR_UTC = 1;
const DAY_MS = 24 * 60 * 60_000;

/** The first sweep time after `t`: the next {@link SWEEP_HOUR_UTC}:00 UTC. */
export function nextSweepAt(t: Date): Date {
  const at = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), SWEEP_HOUR_UTC));
  return at.getTime() > t.getTime() ? at : new Date(at.getTime() + DAY_MS);
}

const jobId = (at: Date) => `${ID_PREFIX}${at.toISOString().slice(0, 10).replace(/-/g, "")}`;

/** Options of {@link createOutboxRetentionJob}. */
export interface OutboxRetentionJobOptions {
  retention: OutboxRetention;
  jobs: JobQueue;
  /** The `Jobs` table (to see whether a sweep is scheduled). */
  jobsTable: TableClient;
  now: () => Date;
  logger: Logger;
}

/**
 * The daily sweep as a durable job: its handler schedules the next day's sweep first (so a
 * sweep that fails for good does not end the chain), then sweeps. `ensureScheduled` (at start-up)
 * schedules one only when none is: every instance computes the same id for the same day, so
 * several starting at once schedule one job.
 */
export function createOutboxRetentionJob(options: OutboxRetentionJobOptions) {
  const { retention, jobs, now, logger } = options;
  const schedule = (at: Date) =>
    jobs.schedule({ id: jobId(at), kind: OUTBOX_RETENTION_JOB, dueAt: at, payload: {} });

  const handler: JobHandler = async (_payload, job) => {
    // From the due time, not the clock: a rerun schedules the same next job.
    const due = Math.max(job.dueAt.getTime(), now().getTime() - DAY_MS / 2);
    await schedule(nextSweepAt(new Date(due + 60_000)));
    job.signal?.throwIfAborted();
    const swept = await retention.sweep();
    logger.info("outbox retention swept", { ...swept });
  };

  return {
    kind: OUTBOX_RETENTION_JOB,
    handler,
    /** Schedules the next sweep unless one is scheduled already. */
    async ensureScheduled(): Promise<void> {
      const scheduled = options.jobsTable.listEntities({
        queryOptions: {
          filter: `PartitionKey eq '${INDEX_PARTITION}' and RowKey ge '${ID_PREFIX}' and RowKey lt 'outbox-retention.'`,
          select: ["RowKey"],
        },
      });
      for await (const _ of scheduled) return;
      await schedule(nextSweepAt(now()));
    },
  };
}
