import { odata, type TableClient } from "@azure/data-tables";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { errorFields, type Logger } from "../../logger";
import { backoffMs } from "../backoff";
import { recordMetric, withSpan } from "../telemetry/instrument";
import {
  bucketOf,
  DUE_PREFIX,
  INDEX_PARTITION,
  isLostRace,
  NEVER,
  type DueEntity,
  type IndexEntity,
} from "./job-table";
import { isPermanentFailure, type JobHandler } from "./job-types";
import { forEachLimit } from "../concurrency";
import { holdLease } from "./job-lease";

/** Options for {@link createJobRunner}. */
export interface JobRunnerOptions {
  table: TableClient;
  /** This instance's id, written as the lease owner (ids only; shows who holds a job). */
  owner: string;
  logger: Logger;
  /** The clock; tests pass a fake one and call `runDueOnce()` instead of waiting. */
  now?: () => Date;
  /** Poll interval of `start()`. Default 1000. */
  pollMs?: number;
  /**
   * How long a claim lasts without renewal; a dead instance's jobs are picked up this long after
   * its last renewal (plus one poll). Default {@link DEFAULT_LEASE_MS}.
   */
  leaseMs?: number;
  /** How often a running handler's lease is renewed. Default a third of `leaseMs`. */
  renewMs?: number;
  /** Handlers by job kind (more can be added with `register`). */
  handlers?: Record<string, JobHandler>;
  /** Attempts before a job is given up (and logged as an error). Default 5. */
  maxAttempts?: number;
  /** First retry delay; doubles per failure. Default 30 s. */
  retryBaseMs?: number;
  /** Longest retry delay. Default 1 h. */
  retryMaxMs?: number;
  /** Jobs claimed per poll. Default 50. */
  batchSize?: number;
  /** Handlers run at once per instance. Default 8. */
  concurrency?: number;
  /** Orphan rows (interrupted schedule/cancel) younger than this are left alone. Default 60 s. */
  orphanGraceMs?: number;
  /** Randomness for backoff jitter. */
  random?: () => number;
}

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

/** Default lease: short, so a dead instance's due jobs wait seconds, not minutes. */
export const DEFAULT_LEASE_MS = 10_000;

/** Polls the `Jobs` table and runs due jobs. */
export interface JobRunner {
  /** Adds the handler for a job kind (call during composition, before `start`). */
  register(kind: string, handler: JobHandler): void;
  /** One poll: claims the due jobs and runs them; resolves when they have finished. */
  runDueOnce(): Promise<RunSummary>;
  /** Polls every `pollMs` until `stop()`. */
  start(): void;
  /** Stops polling and waits for running handlers to finish. */
  stop(): Promise<void>;
}

type DueRow = DueEntity & { etag: string };

/**
 * Creates the runner. Each due job is claimed with an ETag-conditional update of its lease
 * (a 412 means another instance won, so it is skipped), run while the lease is renewed
 * (`job-lease.ts`), and then deleted — or, when the handler throws, given a later `runAt` with
 * exponential backoff; both conditional on the lease's latest ETag. A handler whose lease was
 * lost (its instance froze longer than a lease) sees `job.signal` abort and its row is left to
 * the instance that took it. Delivery stays at-least-once — an instance that dies after an
 * effect but before deleting the row runs the job again elsewhere — so handlers must be
 * idempotent (claim their effects with ETags).
 */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { table, owner, logger } = options;
  const now = options.now ?? (() => new Date());
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const renewMs = Math.max(10, options.renewMs ?? Math.floor(leaseMs / 3));
  const maxAttempts = options.maxAttempts ?? 5;
  const retryBaseMs = options.retryBaseMs ?? 30_000;
  const retryMaxMs = options.retryMaxMs ?? 60 * 60_000;
  const batchSize = options.batchSize ?? 50;
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const orphanGraceMs = options.orphanGraceMs ?? 60_000;
  const handlers = new Map<string, JobHandler>(Object.entries(options.handlers ?? {}));

  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let current: Promise<unknown> | undefined;

  const ignoreLostRace = (err: unknown) => {
    if (!isLostRace(err)) throw err;
  };

  async function findDue(at: Date): Promise<DueRow[]> {
    // One range query over every bucket up to the current minute; buckets are deleted as
    // their jobs complete, so the range is short. Leased rows are filtered out server-side.
    const filter = odata`PartitionKey ge ${DUE_PREFIX} and PartitionKey le ${bucketOf(at)} and runAt le ${at} and leaseUntil le ${at}`;
    const rows: DueRow[] = [];
    const pages = table
      .listEntities<DueEntity>({ queryOptions: { filter } })
      .byPage({ maxPageSize: batchSize });
    for await (const page of pages) {
      for (const e of page) rows.push(e as DueRow);
      if (rows.length >= batchSize) break;
    }
    return rows.slice(0, batchSize);
  }

  async function readIndex(rowKey: string): Promise<(IndexEntity & { etag: string }) | undefined> {
    try {
      return (await table.getEntity<IndexEntity>(INDEX_PARTITION, rowKey)) as IndexEntity & { etag: string };
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return undefined;
      throw err;
    }
  }

  /** Claims, runs and settles one due row. */
  async function settleRow(row: DueRow, summary: RunSummary): Promise<void> {
    const index = await readIndex(row.rowKey);
    if (!index || index.gen !== row.gen || index.bucket !== row.partitionKey) {
      // Orphan of an interrupted schedule/cancel. A young one may belong to a schedule that
      // is about to commit its index row, so only old ones are removed.
      summary.skipped++;
      if (now().getTime() - row.scheduledAt.getTime() >= orphanGraceMs) {
        await table.deleteEntity(row.partitionKey, row.rowKey, { etag: row.etag }).catch(ignoreLostRace);
      }
      return;
    }
    const claimedAt = now();
    const leaseUntil = new Date(claimedAt.getTime() + leaseMs);
    let claimEtag: string;
    try {
      const res = await table.updateEntity(
        { partitionKey: row.partitionKey, rowKey: row.rowKey, leaseOwner: owner, leaseUntil },
        "Merge",
        { etag: row.etag },
      );
      claimEtag = res.etag ?? "*";
    } catch (err) {
      if (isLostRace(err)) {
        summary.skipped++;
        return;
      }
      throw err;
    }
    summary.ran++;
    const attempt = row.failures + 1;
    const fields = { jobId: row.id, kind: row.kind, attempt };
    const lease = holdLease({
      table,
      key: row,
      etag: claimEtag,
      until: leaseUntil,
      leaseMs,
      renewMs,
      now,
      logger,
      fields,
    });
    let failure: { err: unknown } | undefined;
    try {
      const handler = handlers.get(row.kind);
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
    if (attempt >= maxAttempts) {
      summary.gaveUp++;
      logger.error("job failed for the last time; giving up", { ...fields, ...errorFields(err) });
      await remove(row, index, leaseEtag);
      return;
    }
    const delay = backoffMs(
      attempt,
      { baseMs: retryBaseMs, maxMs: retryMaxMs, jitter: "equal" },
      options.random,
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

  /**
   * Deletes a finished job: the index row first (conditional — a reschedule meanwhile keeps
   * it), then the due row (conditional on our lease). Were we to die in between, the due row
   * would be an orphan and cleaned up later, never run again.
   */
  async function remove(
    row: DueRow,
    index: IndexEntity & { etag: string },
    leaseEtag: string,
  ): Promise<void> {
    await table.deleteEntity(INDEX_PARTITION, row.rowKey, { etag: index.etag }).catch(ignoreLostRace);
    await table.deleteEntity(row.partitionKey, row.rowKey, { etag: leaseEtag }).catch(ignoreLostRace);
  }

  const emptySummary = (): RunSummary => ({
    due: 0,
    ran: 0,
    succeeded: 0,
    failed: 0,
    gaveUp: 0,
    skipped: 0,
    lost: 0,
  });

  /** Settles one row; a store failure is logged (the job is retried by whichever instance polls next). */
  const settleLogged = async (row: DueRow, summary: RunSummary) => {
    try {
      await settleRow(row, summary);
    } catch (err) {
      logger.warn("job not processed", { jobId: row.id, ...errorFields(err) });
    }
  };

  async function runDueOnce(): Promise<RunSummary> {
    const summary = emptySummary();
    const rows = await findDue(now());
    summary.due = rows.length;
    await forEachLimit(rows, concurrency, (row) => settleLogged(row, summary));
    return summary;
  }

  // The polling loop keeps polling while handlers run (a long handler must not delay the other
  // due jobs — e.g. a dead instance's — until it ends): each poll fills the free handler slots.
  const inFlight = new Map<string, Promise<void>>();
  let saturated = false;

  const launch = (row: DueRow) => {
    const key = `${row.partitionKey}/${row.rowKey}`;
    const p = settleLogged(row, emptySummary()).finally(() => {
      inFlight.delete(key);
      // Rows were left waiting for a slot: poll again now rather than after pollMs.
      if (saturated) kick();
    });
    inFlight.set(key, p);
  };

  const poll = async (): Promise<void> => {
    const free = concurrency - inFlight.size;
    saturated = false;
    if (free <= 0) return;
    const rows = (await findDue(now())).filter((r) => !inFlight.has(`${r.partitionKey}/${r.rowKey}`));
    for (const row of rows.slice(0, free)) launch(row);
    saturated = rows.length >= free;
  };

  const loop = async (): Promise<void> => {
    timer = undefined;
    if (!running || current) return;
    try {
      current = poll();
      await current;
    } catch (err) {
      logger.warn("job poll failed", errorFields(err));
    } finally {
      current = undefined;
    }
    if (running && !timer) timer = setTimeout(() => void loop(), pollMs).unref();
  };

  function kick() {
    if (!running || current) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void loop(), 0).unref();
  }

  return {
    register(kind, handler) {
      if (handlers.has(kind)) throw new Error(`job kind ${kind} is already registered`);
      handlers.set(kind, handler);
    },
    runDueOnce,
    start() {
      if (running) return;
      running = true;
      timer = setTimeout(() => void loop(), 0).unref();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await current?.catch(() => undefined);
      await Promise.all(inFlight.values());
    },
  };
}

/** A lease-owner id for this process: host, pid and a random suffix (restarts get a new one). */
export function instanceId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
}
