import type { TableClient } from "@azure/data-tables";
import { createJobQueue } from "../../../src/platform/jobs/job-queue";
import {
  createJobRunner,
  type JobRunner,
  type JobRunnerOptions,
} from "../../../src/platform/jobs/job-runner";
import type { JobQueue } from "../../../src/platform/jobs/job-types";
import { createLogger } from "../../../src/logger";
import { testStore } from "../../../testing/azurite";

/** The fake clock's start. */
export const T0 = new Date("2030-03-04T10:00:00.000Z");
/** `s` seconds after T0. */
export const sec = (s: number) => new Date(T0.getTime() + s * 1000);

/** A controllable promise, for handlers that should stay "in flight". */
export function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A fresh Jobs table per test, a fake clock the test moves, and the runner's log lines. */
export interface JobFixture {
  table: TableClient;
  queue: JobQueue;
  /** The runner's "now"; tests move it forward by assigning. */
  clock: Date;
  logLines: string[];
  now: () => Date;
  /** A runner on the fixture's table, clock and logger (no jitter, 1 s retry base). */
  runner(o?: Partial<JobRunnerOptions>): JobRunner;
  /** Every row of the Jobs table (due rows and index rows). */
  rows(): Promise<{ partitionKey?: string; rowKey?: string }[]>;
}

/** Registers a beforeEach that gives each test an empty Jobs table in Azurite; returns its fixture. */
export function useJobTable(): JobFixture {
  const f = {
    clock: T0,
    logLines: [] as string[],
    now: () => f.clock,
    runner: (o: Partial<JobRunnerOptions> = {}): JobRunner =>
      createJobRunner({
        table: f.table,
        owner: o.owner ?? "instance-a",
        now: f.now,
        logger: createLogger("debug", (l) => f.logLines.push(l)),
        random: () => 0,
        retryBaseMs: 1000,
        ...o,
      }),
    rows: async () => {
      const out: { partitionKey?: string; rowKey?: string }[] = [];
      for await (const e of f.table.listEntities()) out.push(e);
      return out;
    },
  } as JobFixture;

  beforeEach(async () => {
    const { store } = await testStore();
    await store.ensureTables(["Jobs"]);
    f.table = store.table("Jobs");
    f.clock = T0;
    f.logLines = [];
    f.queue = createJobQueue(f.table, { now: f.now });
  });
  return f;
}
