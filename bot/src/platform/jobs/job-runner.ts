import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { TableClient } from "@azure/data-tables";
import type { Logger } from "../../logger";
import { forEachLimit } from "../concurrency";
import { createDueRows } from "./due-rows";
import type { JobHandler } from "./job-types";
import { createPollLoop } from "./poll-loop";
import { emptySummary, type RunSummary } from "./run-summary";
import { createJobSettler } from "./settle-job";

export type { RunSummary } from "./run-summary";

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
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const handlers = new Map<string, JobHandler>(Object.entries(options.handlers ?? {}));
  const { findDue, readIndex } = createDueRows(table, options.batchSize ?? 50);
  const settle = createJobSettler({
    ...{ table, owner, logger, now, leaseMs, handlers, readIndex, random: options.random },
    renewMs: Math.max(10, options.renewMs ?? Math.floor(leaseMs / 3)),
    maxAttempts: options.maxAttempts ?? 5,
    retryBaseMs: options.retryBaseMs ?? 30_000,
    retryMaxMs: options.retryMaxMs ?? 60 * 60_000,
    orphanGraceMs: options.orphanGraceMs ?? 60_000,
  });
  const loop = createPollLoop({ pollMs: options.pollMs ?? 1000, concurrency, logger, now, findDue, settle });

  return {
    register(kind, handler) {
      if (handlers.has(kind)) throw new Error(`job kind ${kind} is already registered`);
      handlers.set(kind, handler);
    },
    async runDueOnce() {
      const summary = emptySummary();
      const rows = await findDue(now());
      summary.due = rows.length;
      await forEachLimit(rows, concurrency, (row) => settle(row, summary));
      return summary;
    },
    start: loop.start,
    stop: loop.stop,
  };
}

/** A lease-owner id for this process: host, pid and a random suffix (restarts get a new one). */
export function instanceId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
}
