import assert from "node:assert/strict";
import type { JobHandler } from "../../../src/platform/jobs/job-types";
import { deferred, sec, T0, useJobTable } from "./job-fixture";

/** How runners behave: competing instances, leases, retries and giving up, restarts, start/stop. */
describe("jobs: queue and runner on the Jobs table", () => {
  const jobs = useJobTable();

  it("two runner instances on one table fire each job exactly once", async () => {
    const counts = new Map<string, number>();
    const handler: JobHandler = async (_p, job) => {
      counts.set(job.id, (counts.get(job.id) ?? 0) + 1);
      await new Promise((r) => setImmediate(r)); // let the other instance interleave
    };
    const a = jobs.runner({ owner: "a", handlers: { ping: handler }, batchSize: 15, concurrency: 6 });
    const b = jobs.runner({ owner: "b", handlers: { ping: handler }, batchSize: 15, concurrency: 6 });
    const ids = Array.from({ length: 60 }, (_, i) => `job-${i}`);
    await Promise.all(
      ids.map((id, i) => jobs.queue.schedule({ id, kind: "ping", dueAt: sec(i % 3), payload: {} })),
    );
    jobs.clock = sec(10);
    let skipped = 0;
    for (let round = 0; round < 20; round++) {
      const [sa, sb] = await Promise.all([a.runDueOnce(), b.runDueOnce()]);
      skipped += sa.skipped + sb.skipped;
      if (sa.due === 0 && sb.due === 0) break;
    }
    assert.equal(counts.size, ids.length);
    for (const id of ids) assert.equal(counts.get(id), 1, id);
    assert.ok(skipped > 0, "the instances did compete for the same rows");
    assert.deepEqual(await jobs.rows(), []);
  });

  it("a job whose runner died mid-run is picked up by another after the lease expires", async () => {
    const stuck = deferred();
    let startedA = 0;
    let ranB = 0;
    const startedSignal = deferred();
    const a = jobs.runner({
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
    const b = jobs.runner({ owner: "b", leaseMs: 60_000, handlers: { ping: async () => void ranB++ } });
    await jobs.queue.schedule({ id: "j1", kind: "ping", dueAt: sec(0), payload: {} });

    const aRun = a.runDueOnce();
    await startedSignal.promise;
    const lease = (await jobs.rows()).find((e) => e.partitionKey !== "id") as
      { leaseOwner?: string } | undefined;
    assert.equal(lease?.leaseOwner, "a");

    jobs.clock = sec(59);
    assert.equal((await b.runDueOnce()).ran, 0, "lease still held");
    jobs.clock = sec(61);
    assert.equal((await b.runDueOnce()).succeeded, 1);
    assert.equal(ranB, 1);
    assert.deepEqual(await jobs.rows(), []);

    // The "dead" instance finally returns: its settle steps lose their races quietly.
    stuck.resolve();
    await aRun;
    assert.equal(startedA, 1);
    assert.deepEqual(await jobs.rows(), []);
  });

  it("retries a failing job with exponential backoff and passes the attempt number", async () => {
    const attempts: number[] = [];
    const r = jobs.runner({
      handlers: {
        flaky: async (_p, job) => {
          attempts.push(job.attempt);
          if (job.attempt < 3) throw new Error("connector down");
        },
      },
    });
    await jobs.queue.schedule({ id: "j1", kind: "flaky", dueAt: sec(0), payload: {} });
    await r.runDueOnce(); // attempt 1 fails → retry in 500 ms (random 0 → half the 1 s window)
    jobs.clock = new Date(T0.getTime() + 499);
    await r.runDueOnce();
    assert.deepEqual(attempts, [1]);
    jobs.clock = new Date(T0.getTime() + 500);
    await r.runDueOnce(); // attempt 2 fails → retry in 1000 ms
    jobs.clock = new Date(T0.getTime() + 1499);
    await r.runDueOnce();
    assert.deepEqual(attempts, [1, 2]);
    jobs.clock = new Date(T0.getTime() + 1500);
    await r.runDueOnce();
    assert.deepEqual(attempts, [1, 2, 3]);
    assert.deepEqual(await jobs.rows(), []);
    const warns = jobs.logLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.level === "warn");
    assert.equal(warns.length, 2);
    assert.ok(warns.every((w) => w.jobId === "j1" && w.kind === "flaky"));
  });

  it("gives up after maxAttempts with an error log carrying the job id", async () => {
    const r = jobs.runner({
      maxAttempts: 2,
      handlers: {
        broken: async () => {
          throw new Error("always");
        },
      },
    });
    await jobs.queue.schedule({ id: "j-broken", kind: "broken", dueAt: sec(0), payload: {} });
    await r.runDueOnce();
    jobs.clock = sec(60);
    const summary = await r.runDueOnce();
    assert.equal(summary.gaveUp, 1);
    jobs.clock = sec(7200);
    assert.equal((await r.runDueOnce()).ran, 0);
    assert.deepEqual(await jobs.rows(), []);
    const errors = jobs.logLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.level === "error");
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.jobId, "j-broken");
    assert.equal(errors[0]!.attempt, 2);
  });

  it("a job of an unknown kind is retried, not dropped", async () => {
    await jobs.queue.schedule({ id: "j1", kind: "later.kind", dueAt: sec(0), payload: {} });
    const old = jobs.runner();
    assert.equal((await old.runDueOnce()).failed, 1);
    const upgraded = jobs.runner({ owner: "b" });
    let ran = 0;
    upgraded.register("later.kind", async () => void ran++);
    jobs.clock = sec(60);
    await upgraded.runDueOnce();
    assert.equal(ran, 1);
  });

  it("a new runner object on the same table (restart) fires pending jobs", async () => {
    await jobs.queue.schedule({ id: "j1", kind: "ping", dueAt: sec(30), payload: { n: 1 } });
    // Recorded, not thrown: the runner catches a handler's throw as a failed (retried) job, so an
    // assert.fail here would let a job fired early pass.
    const early: unknown[] = [];
    const before = jobs.runner({ handlers: { ping: async (p) => void early.push(p) } });
    await before.runDueOnce();
    await before.stop();
    assert.deepEqual(early, [], "not due yet: the first runner must not fire it");

    const payloads: unknown[] = [];
    const after = jobs.runner({ owner: "restarted", handlers: { ping: async (p) => void payloads.push(p) } });
    jobs.clock = sec(30);
    await after.runDueOnce();
    assert.deepEqual(payloads, [{ n: 1 }]);
  });

  it("start() polls, stop() waits for the running handler", async () => {
    const started = deferred();
    const release = deferred();
    let finished = false;
    const r = jobs.runner({
      pollMs: 5,
      handlers: {
        slow: async () => {
          started.resolve();
          await release.promise;
          finished = true;
        },
      },
    });
    await jobs.queue.schedule({ id: "j1", kind: "slow", dueAt: sec(0), payload: {} });
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
});
