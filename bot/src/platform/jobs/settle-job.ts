import type { TableClient } from "@azure/data-tables";
import { errorFields, type Logger } from "../../logger";
import { backoffMs } from "../backoff";
import { recordMetric, withSpan } from "../telemetry/instrument";
import type { DueRow, IndexRow } from "./due-rows";
import { holdLease } from "./job-lease";
import { INDEX_PARTITION, isLostRace, NEVER } from "./job-table";
import { isPermanentFailure, type JobHandler } from "./job-types";
import type { RunSummary } from "./run-summary";

/** What {@link createJobSettler} needs: the runner's options, resolved to their values. */
export interface SettleOptions {
  table: TableClient;
  owner: string;
  logger: Logger;
  now: () => Date;
  leaseMs: number;
  renewMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  orphanGraceMs: number;
  random?: () => number;
  handlers: ReadonlyMap<string, JobHandler>;
  readIndex(rowKey: string): Promise<IndexRow | undefined>;
}

const ignoreLostRace = (err: unknown) => {
  if (!isLostRace(err)) throw err;
};

/**
 * Claims, runs and settles one due row at a time (the lifecycle `createJobRunner` describes).
 * Returns the settle function; a store failure in it is logged, and the job is retried by
 * whichever instance polls next.
 */
export function createJobSettler(o: SettleOptions) {
  const { table, owner, logger, now, leaseMs } = o;

  /**
   * Deletes a finished job: the index row first (conditional — a reschedule meanwhile keeps
   * it), then the due row (conditional on our lease). Were we to die in between, the due row
   * would be an orphan and cleaned up later, never run again.
   */
  async function remove(row: DueRow, index: IndexRow, leaseEtag: string): Promise<void> {
    await table.deleteEntity(INDEX_PARTITION, row.rowKey, { etag: index.etag }).catch(ignoreLostRace);
    await table.deleteEntity(row.partitionKey, row.rowKey, { etag: leaseEtag }).catch(ignoreLostRace);
  }

  /** Takes the lease on a row; undefined when another instance took it first. */
  async function claim(row: DueRow, leaseUntil: Date): Promise<string | undefined> {
    try {
      const res = await table.updateEntity(
        { partitionKey: row.partitionKey, rowKey: row.rowKey, leaseOwner: owner, leaseUntil },
        "Merge",
        { etag: row.etag },
      );
      return res.etag ?? "*";
    } catch (err) {
      if (isLostRace(err)) return undefined;
      throw err;
    }
  }

  /** Claims, runs and settles one due row. */
  async function settleRow(row: DueRow, summary: RunSummary): Promise<void> {
    const index = await o.readIndex(row.rowKey);
    if (!index || index.gen !== row.gen || index.bucket !== row.partitionKey) {
      // Orphan of an interrupted schedule/cancel. A young one may belong to a schedule that
      // is about to commit its index row, so only old ones are removed.
      summary.skipped++;
      if (now().getTime() - row.scheduledAt.getTime() >= o.orphanGraceMs) {
        await table.deleteEntity(row.partitionKey, row.rowKey, { etag: row.etag }).catch(ignoreLostRace);
      }
      return;
    }
    const claimedAt = now();
    const leaseUntil = new Date(claimedAt.getTime() + leaseMs);
    const claimEtag = await claim(row, leaseUntil);
    if (claimEtag === undefined) {
      summary.skipped++;
      return;
    }
    summary.ran++;
    const attempt = row.failures + 1;
    const fields = { jobId: row.id, kind: row.kind, attempt };
    const lease = holdLease({
      ...{ table, key: row, etag: claimEtag, until: leaseUntil },
      ...{ leaseMs, renewMs: o.renewMs, now, logger, fields },
    });
    let failure: { err: unknown } | undefined;
    try {
      const handler = o.handlers.get(row.kind);
      // An unknown kind is failed rather than dropped: during a rolling deploy an instance
      // that knows it may pick the retry up.
      if (!handler) throw new Error(`no handler for job kind ${row.kind}`);
      recordMetric("dialogi.jobs.lag", Math.max(0, claimedAt.getTime() - row.dueAt.getTime()), {
        kind: row.kind,
      });
      await withSpan("job.run", { "job.kind": row.kind, "job.attempt": attempt }, () =>
        handler(JSON.parse(row.payload) as Record<string, unknown>, {
          id: row.id,
          kind: row.kind,
          dueAt: row.dueAt,
          attempt,
          signal: lease.signal,
        }),
      );
    } catch (err) {
      failure = { err };
    }
    const leaseEtag = await lease.release();
    if (leaseEtag === undefined) {
      // Another instance holds the job now and settles it; touching the row would undo its claim.
      summary.lost++;
      return;
    }
    if (!failure) {
      summary.succeeded++;
      logger.debug("job done", fields);
      await remove(row, index, leaseEtag);
      return;
    }
    const { err } = failure;
    summary.failed++;
    if (isPermanentFailure(err)) {
      // E.g. the app was removed from the conversation: no retry can deliver it.
      summary.gaveUp++;
      logger.warn("job failed permanently; giving up", { ...fields, ...errorFields(err) });
      await remove(row, index, leaseEtag);
      return;
    }
    if (attempt >= o.maxAttempts) {
      summary.gaveUp++;
      logger.error("job failed for the last time; giving up", { ...fields, ...errorFields(err) });
      await remove(row, index, leaseEtag);
      return;
    }
    const delay = backoffMs(
      attempt,
      { baseMs: o.retryBaseMs, maxMs: o.retryMaxMs, jitter: "equal" },
      o.random,
    );
    logger.warn("job failed; will retry", { ...fields, retryInMs: delay, ...errorFields(err) });
    await table
      .updateEntity(
        {
          partitionKey: row.partitionKey,
          rowKey: row.rowKey,
          failures: attempt,
          runAt: new Date(now().getTime() + delay),
          leaseOwner: "",
          leaseUntil: NEVER,
        },
        "Merge",
        { etag: leaseEtag },
      )
      // Lost race: the job was rescheduled or cancelled meanwhile, which wins.
      .catch(ignoreLostRace);
  }

  return async function settleLogged(row: DueRow, summary: RunSummary): Promise<void> {
    try {
      await settleRow(row, summary);
    } catch (err) {
      logger.warn("job not processed", { jobId: row.id, ...errorFields(err) });
    }
  };
}
