import assert from "node:assert/strict";
import type { TableClient } from "@azure/data-tables";
import { createJobQueue } from "../../../src/platform/jobs/job-queue";
import {
  createJobRunner,
  type JobRunner,
  type JobRunnerOptions,
} from "../../../src/platform/jobs/job-runner";
import { bucketOf } from "../../../src/platform/jobs/job-table";
import type { JobHandler, JobQueue } from "../../../src/platform/jobs/job-types";
import { createLogger } from "../../../src/logger";
import { testStore } from "../../../testing/azurite";

const T0 = new Date("2030-03-04T10:00:00.000Z");
const sec = (s: number) => new Date(T0.getTime() + s * 1000);

/** A controllable promise, for handlers that should stay "in flight". */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("jobs: queue and runner on the Jobs table", () => {
  let table: TableClient;
  let clock: Date;
  let logLines: string[];
  let queue: JobQueue;
  const now = () => clock;

  const runner = (o: Partial<JobRunnerOptions> = {}): JobRunner =>
    createJobRunner({
      table,
      owner: o.owner ?? "instance-a",
      now,
      logger: createLogger("debug", (l) => logLines.push(l)),
      random: () => 0,
      retryBaseMs: 1000,
      ...o,
    });

  const rows = async () => {
    const out: { partitionKey?: string; rowKey?: string }[] = [];
    for await (const e of table.listEntities()) out.push(e);
    return out;
  };

  beforeEach(async () => {
    const { store } = await testStore();
    await store.ensureTables(["Jobs"]);
    table = store.table("Jobs");
    clock = T0;
    logLines = [];
    queue = createJobQueue(table, { now });
  });

  it("fires once when due and not before", async () => {
    const calls: { payload: unknown; job: unknown }[] = [];
    const r = runner({ handlers: { ping: async (payload, job) => void calls.push({ payload, job }) } });
    await queue.schedule({ id: "j1", kind: "ping", dueAt: sec(90), payload: { dialogueId: "d1" } });

    await r.runDueOnce();
    clock = sec(61); // same minute bucket as the due time, but earlier
    assert.equal(bucketOf(clock), bucketOf(sec(90)));
    await r.runDueOnce();
    assert.equal(calls.length, 0);

    clock = sec(90);
    const summary = await r.runDueOnce();
    assert.equal(summary.succeeded, 1);
    assert.deepEqual(calls, [
      { payload: { dialogueId: "d1" }, job: { id: "j1", kind: "ping", dueAt: sec(90), attempt: 1 } },
    ]);

    clock = sec(3600);
    await r.runDueOnce();
    assert.equal(calls.length, 1);
    assert.deepEqual(await rows(), [], "both the due row and the index row are gone");
  });

  it("runs jobs whose due time is already past", async () => {
    let fired = 0;
    const r = runner({ handlers: { ping: async () => void fired++ } });
    await queue.schedule({ id: "late", kind: "ping", dueAt: sec(-86_400), payload: {} });
    await r.runDueOnce();
    assert.equal(fired, 1);
  });

  it("reschedule moves the job (later and earlier) and leaves one row pair", async () => {
    const fired: Date[] = [];
    const r = runner({ handlers: { ping: async () => void fired.push(clock) } });
    await queue.schedule({ id: "j1", kind: "ping", dueAt: sec(60), payload: { v: 1 } });
    await queue.schedule({ id: "j1", kind: "ping", dueAt: sec(600), payload: { v: 2 } });
    assert.equal((await rows()).length, 2, "index row + one due row");

    clock = sec(61);
    await r.runDueOnce();
    assert.deepEqual(fired, []);

    await queue.schedule({ id: "j1", kind: "ping", dueAt: sec(120), payload: { v: 3 } });
    clock = sec(119);
    await r.runDueOnce();
    assert.deepEqual(fired, []);
    clock = sec(120);
    await r.runDueOnce();
    clock = sec(900);
    await r.runDueOnce();
    assert.deepEqual(fired, [sec(120)]);
    assert.deepEqual(await rows(), []);
  });

  it("rescheduling within the same minute replaces the row", async () => {
    const payloads: unknown[] = [];
    const r = runner({ handlers: { ping: async (p) => void payloads.push(p) } });
    await queue.schedule({ id: "j1", kind: "ping", dueAt: sec(5), payload: { v: 1 } });
    await queue.schedule({ id: "j1", kind: "ping", dueAt: sec(10), payload: { v: 2 } });
    clock = sec(30);
    await r.runDueOnce();
    assert.deepEqual(payloads, [{ v: 2 }]);
  });

  it("cancel removes the job; cancelling an unknown id is a no-op", async () => {
    let fired = 0;
    const r = runner({ handlers: { ping: async () => void fired++ } });
    await queue.schedule({ id: "j1", kind: "ping", dueAt: sec(60), payload: {} });
    await queue.cancel("j1");
    await queue.cancel("j1");
    await queue.cancel("never-scheduled");
    assert.deepEqual(await rows(), []);
    clock = sec(3600);
    await r.runDueOnce();
    assert.equal(fired, 0);
  });

  it("encodes ids with characters tables forbid", async () => {
    const seen: string[] = [];
    const r = runner({ handlers: { ping: async (_p, job) => void seen.push(job.id) } });
    await queue.schedule({ id: "reminder/19:abc@thread#1", kind: "ping", dueAt: sec(0), payload: {} });
    await r.runDueOnce();
    assert.deepEqual(seen, ["reminder/19:abc@thread#1"]);
  });

  it("two runner instances on one table fire each job exactly once", async () => {
    const counts = new Map<string, number>();
    const handler: JobHandler = async (_p, job) => {
      counts.set(job.id, (counts.get(job.id) ?? 0) + 1);
      await new Promise((r) => setImmediate(r)); // let the other instance interleave
    };
    const a = runner({ owner: "a", handlers: { ping: handler }, batchSize: 15, concurrency: 6 });
    const b = runner({ owner: "b", handlers: { ping: handler }, batchSize: 15, concurrency: 6 });
    const ids = Array.from({ length: 60 }, (_, i) => `job-${i}`);
    await Promise.all(
      ids.map((id, i) => queue.schedule({ id, kind: "ping", dueAt: sec(i % 3), payload: {} })),
    );
    clock = sec(10);
    let skipped = 0;
    for (let round = 0; round < 20; round++) {
      const [sa, sb] = await Promise.all([a.runDueOnce(), b.runDueOnce()]);
      skipped += sa.skipped + sb.skipped;
      if (sa.due === 0 && sb.due === 0) break;
    }
    assert.equal(counts.size, ids.length);
    for (const id of ids) assert.equal(counts.get(id), 1, id);
    assert.ok(skipped > 0, "the instances did compete for the same rows");
    assert.deepEqual(await rows(), []);
  });

  it("a job whose runner died mid-run is picked up by another after the lease expires", async () => {
    const stuck = deferred();
    let startedA = 0;
    let ranB = 0;
    const startedSignal = deferred();
    const a = runner({
      owner: "a",
      leaseMs: 60_000,
      handlers: {
        ping: async () => {
          startedA++;
          startedSignal.resolve();
          await stuck.promise; // "crashed": never completes while we look
        },
      },
    });
    const b = runner({ owner: "b", leaseMs: 60_000, handlers: { ping: async () => void ranB++ } });
    await queue.schedule({ id: "j1", kind: "ping", dueAt: sec(0), payload: {} });

    const aRun = a.runDueOnce();
    await startedSignal.promise;
    const lease = (await rows()).find((e) => e.partitionKey !== "id") as { leaseOwner?: string } | undefined;
    assert.equal(lease?.leaseOwner, "a");

    clock = sec(59);
    assert.equal((await b.runDueOnce()).ran, 0, "lease still held");
    clock = sec(61);
    assert.equal((await b.runDueOnce()).succeeded, 1);
    assert.equal(ranB, 1);
    assert.deepEqual(await rows(), []);

    // The "dead" instance finally returns: its settle steps lose their races quietly.
    stuck.resolve();
    await aRun;
    assert.equal(startedA, 1);
    assert.deepEqual(await rows(), []);
  });

  it("retries a failing job with exponential backoff and passes the attempt number", async () => {
    const attempts: number[] = [];
    const r = runner({
      handlers: {
        flaky: async (_p, job) => {
          attempts.push(job.attempt);
          if (job.attempt < 3) throw new Error("connector down");
        },
      },
    });
    await queue.schedule({ id: "j1", kind: "flaky", dueAt: sec(0), payload: {} });
    await r.runDueOnce(); // attempt 1 fails → retry in 500 ms (random 0 → half the 1 s window)
    clock = new Date(T0.getTime() + 499);
    await r.runDueOnce();
    assert.deepEqual(attempts, [1]);
    clock = new Date(T0.getTime() + 500);
    await r.runDueOnce(); // attempt 2 fails → retry in 1000 ms
    clock = new Date(T0.getTime() + 1499);
    await r.runDueOnce();
    assert.deepEqual(attempts, [1, 2]);
    clock = new Date(T0.getTime() + 1500);
    await r.runDueOnce();
    assert.deepEqual(attempts, [1, 2, 3]);
    assert.deepEqual(await rows(), []);
    const warns = logLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.level === "warn");
    assert.equal(warns.length, 2);
    assert.ok(warns.every((w) => w.jobId === "j1" && w.kind === "flaky"));
  });

  it("gives up after maxAttempts with an error log carrying the job id", async () => {
    const r = runner({
      maxAttempts: 2,
      handlers: {
        broken: async () => {
          throw new Error("always");
        },
      },
    });
    await queue.schedule({ id: "j-broken", kind: "broken", dueAt: sec(0), payload: {} });
    await r.runDueOnce();
    clock = sec(60);
    const summary = await r.runDueOnce();
    assert.equal(summary.gaveUp, 1);
    clock = sec(7200);
    assert.equal((await r.runDueOnce()).ran, 0);
    assert.deepEqual(await rows(), []);
    const errors = logLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.level === "error");
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.jobId, "j-broken");
    assert.equal(errors[0]!.attempt, 2);
  });

  it("a job of an unknown kind is retried, not dropped", async () => {
    await queue.schedule({ id: "j1", kind: "later.kind", dueAt: sec(0), payload: {} });
    const old = runner();
    assert.equal((await old.runDueOnce()).failed, 1);
    const upgraded = runner({ owner: "b" });
    let ran = 0;
    upgraded.register("later.kind", async () => void ran++);
    clock = sec(60);
    await upgraded.runDueOnce();
    assert.equal(ran, 1);
  });

  it("a new runner object on the same table (restart) fires pending jobs", async () => {
    await queue.schedule({ id: "j1", kind: "ping", dueAt: sec(30), payload: { n: 1 } });
    const before = runner({ handlers: { ping: async () => assert.fail("not due yet") } });
    await before.runDueOnce();
    await before.stop();

    const payloads: unknown[] = [];
    const after = runner({ owner: "restarted", handlers: { ping: async (p) => void payloads.push(p) } });
    clock = sec(30);
    await after.runDueOnce();
    assert.deepEqual(payloads, [{ n: 1 }]);
  });

  it("does not run orphan rows of an interrupted schedule, and removes old ones", async () => {
    let fired = 0;
    const r = runner({ handlers: { ping: async () => void fired++ }, orphanGraceMs: 60_000 });
    // A due row written by a schedule that died before committing its index row.
    await table.createEntity({
      partitionKey: bucketOf(sec(0)),
      rowKey: "ghost",
      id: "ghost",
      kind: "ping",
      dueAt: sec(0),
      runAt: sec(0),
      payload: "{}",
      failures: 0,
      gen: "g-uncommitted",
      leaseOwner: "",
      leaseUntil: new Date(0),
      scheduledAt: sec(0),
    });
    clock = sec(10);
    assert.equal((await r.runDueOnce()).skipped, 1);
    assert.equal((await rows()).length, 1, "young orphan kept: its schedule may still commit");
    clock = sec(120);
    await r.runDueOnce();
    assert.equal(fired, 0);
    assert.deepEqual(await rows(), []);
  });

  it("concurrent schedules of one id leave exactly one job", async () => {
    const other = createJobQueue(table, { now });
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? queue : other).schedule({ id: "same", kind: "ping", dueAt: sec(60 * i), payload: { i } }),
      ),
    );
    let fired = 0;
    const r = runner({ handlers: { ping: async () => void fired++ }, orphanGraceMs: 0 });
    clock = sec(3600);
    await r.runDueOnce();
    await r.runDueOnce();
    assert.equal(fired, 1);
    assert.deepEqual(await rows(), []);
  });

  it("start() polls, stop() waits for the running handler", async () => {
    const started = deferred();
    const release = deferred();
    let finished = false;
    const r = runner({
      pollMs: 5,
      handlers: {
        slow: async () => {
          started.resolve();
          await release.promise;
          finished = true;
        },
      },
    });
    await queue.schedule({ id: "j1", kind: "slow", dueAt: sec(0), payload: {} });
    r.start();
    await started.promise;
    let stopped = false;
    const stopping = r.stop().then(() => (stopped = true));
    await new Promise((res) => setTimeout(res, 20));
    assert.equal(stopped, false, "stop waits for the in-flight handler");
    release.resolve();
    await stopping;
    assert.equal(finished, true);
  });

  it("rejects payloads that would not fit in a table property", async () => {
    await assert.rejects(
      queue.schedule({ id: "big", kind: "ping", dueAt: sec(0), payload: { s: "x".repeat(20_000) } }),
      RangeError,
    );
  });
});
