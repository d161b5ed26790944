import assert from "node:assert/strict";
import { LeaseLostError } from "../../../src/platform/jobs/job-lease";
import { deferred, useJobTable } from "./job-fixture";

/** Real time: leases here are renewed by timers, so the clock is the wall clock. */
const realNow = () => new Date();
const until = async (what: string, ok: () => boolean | Promise<boolean>, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** Lease renewal while a handler runs, lease loss, and polling beside a long handler. */
describe("jobs: leases are renewed while a handler runs", function () {
  this.timeout(20_000);
  const jobs = useJobTable();

  it("a handler that outlives the original lease length runs once although another instance polls", async () => {
    const LEASE_MS = 300;
    let runs = 0;
    const slow = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, LEASE_MS * 4));
    };
    const opts = { now: realNow, leaseMs: LEASE_MS, pollMs: 20, handlers: { slow } };
    const a = jobs.runner({ ...opts, owner: "a" });
    const b = jobs.runner({ ...opts, owner: "b" });
    await jobs.queue.schedule({ id: "long", kind: "slow", dueAt: new Date(0), payload: {} });
    const first = a.runDueOnce();
    await until("a to start", () => runs === 1);
    b.start(); // polls every 20 ms for the whole run: an unrenewed lease would expire under it
    const summary = await first;
    await b.stop();
    assert.equal(summary.succeeded, 1);
    assert.equal(runs, 1, "the job ran once");
    assert.deepEqual(await jobs.rows(), [], "settled with the renewed lease's ETag");
  });

  it("a handler whose lease was taken over is told (signal) and its runner leaves the row to the new owner", async () => {
    const started = deferred();
    let reason: unknown;
    const a = jobs.runner({
      owner: "a",
      now: realNow,
      leaseMs: 2000,
      renewMs: 50,
      handlers: {
        ping: async (_p, job) => {
          started.resolve();
          await new Promise<void>((resolve) => job.signal!.addEventListener("abort", () => resolve()));
          reason = job.signal!.reason;
          job.signal!.throwIfAborted();
        },
      },
    });
    await jobs.queue.schedule({ id: "j1", kind: "ping", dueAt: new Date(0), payload: {} });
    const run = a.runDueOnce();
    await started.promise;
    // What another instance does after a's lease ran out (a frozen for longer than a lease).
    const due = (await jobs.rows()).find((r) => r.partitionKey !== "id")!;
    await jobs.table.updateEntity(
      {
        partitionKey: due.partitionKey!,
        rowKey: due.rowKey!,
        leaseOwner: "b",
        leaseUntil: new Date(Date.now() + 60_000),
      },
      "Merge",
    );
    const summary = await run;
    assert.ok(reason instanceof LeaseLostError, String(reason));
    assert.equal(summary.lost, 1);
    assert.equal(summary.failed, 0, "a lost lease is not a failed attempt");
    const after = (await jobs.table.getEntity<{ leaseOwner: string; failures: number }>(
      due.partitionKey!,
      due.rowKey!,
    )) as { leaseOwner: string; failures: number };
    assert.equal(after.leaseOwner, "b", "the row still belongs to the instance that took it");
    assert.equal(after.failures, 0);
  });

  it("the polling loop runs other due jobs while a long handler holds a slot", async () => {
    const release = deferred();
    const ran: string[] = [];
    const r = jobs.runner({
      now: realNow,
      pollMs: 20,
      concurrency: 2,
      handlers: {
        slow: async () => {
          ran.push("slow");
          await release.promise;
        },
        fast: async () => void ran.push("fast"),
      },
    });
    await jobs.queue.schedule({ id: "slow", kind: "slow", dueAt: new Date(0), payload: {} });
    r.start();
    try {
      await until("the slow job to start", () => ran.includes("slow"));
      await jobs.queue.schedule({ id: "fast", kind: "fast", dueAt: new Date(), payload: {} });
      await until("the fast job to run beside the slow one", () => ran.includes("fast"));
    } finally {
      release.resolve();
      await r.stop();
    }
    assert.deepEqual(await jobs.rows(), []);
  });
});
