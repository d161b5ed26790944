import assert from "node:assert/strict";
import { createJobQueue } from "../../../src/platform/jobs/job-queue";
import { bucketOf } from "../../../src/platform/jobs/job-table";
import { sec, useJobTable } from "./job-fixture";

/** When jobs fire: scheduling, rescheduling, cancelling and the rows a schedule leaves behind. */
describe("jobs: queue and runner on the Jobs table", () => {
  const jobs = useJobTable();

  it("fires once when due and not before", async () => {
    const calls: { payload: unknown; job: unknown }[] = [];
    const r = jobs.runner({
      handlers: {
        ping: async (payload, { signal, ...job }) => {
          assert.ok(signal instanceof AbortSignal, "the handler gets its lease's signal");
          calls.push({ payload, job });
        },
      },
    });
    await jobs.queue.schedule({ id: "j1", kind: "ping", dueAt: sec(90), payload: { dialogueId: "d1" } });

    await r.runDueOnce();
    jobs.clock = sec(61); // same minute bucket as the due time, but earlier
    assert.equal(bucketOf(jobs.clock), bucketOf(sec(90)));
    await r.runDueOnce();
    assert.equal(calls.length, 0);

    jobs.clock = sec(90);
    const summary = await r.runDueOnce();
    assert.equal(summary.succeeded, 1);
    assert.deepEqual(calls, [
      { payload: { dialogueId: "d1" }, job: { id: "j1", kind: "ping", dueAt: sec(90), attempt: 1 } },
    ]);

    jobs.clock = sec(3600);
    await r.runDueOnce();
    assert.equal(calls.length, 1);
    assert.deepEqual(await jobs.rows(), [], "both the due row and the index row are gone");
  });

  it("runs jobs whose due time is already past", async () => {
    let fired = 0;
    const r = jobs.runner({ handlers: { ping: async () => void fired++ } });
    await jobs.queue.schedule({ id: "late", kind: "ping", dueAt: sec(-86_400), payload: {} });
    await r.runDueOnce();
    assert.equal(fired, 1);
  });

  it("reschedule moves the job (later and earlier) and leaves one row pair", async () => {
    const fired: Date[] = [];
    const r = jobs.runner({ handlers: { ping: async () => void fired.push(jobs.clock) } });
    await jobs.queue.schedule({ id: "j1", kind: "ping", dueAt: sec(60), payload: { v: 1 } });
    await jobs.queue.schedule({ id: "j1", kind: "ping", dueAt: sec(600), payload: { v: 2 } });
    assert.equal((await jobs.rows()).length, 2, "index row + one due row");

    jobs.clock = sec(61);
    await r.runDueOnce();
    assert.deepEqual(fired, []);

    await jobs.queue.schedule({ id: "j1", kind: "ping", dueAt: sec(120), payload: { v: 3 } });
    jobs.clock = sec(119);
    await r.runDueOnce();
    assert.deepEqual(fired, []);
    jobs.clock = sec(120);
    await r.runDueOnce();
    jobs.clock = sec(900);
    await r.runDueOnce();
    assert.deepEqual(fired, [sec(120)]);
    assert.deepEqual(await jobs.rows(), []);
  });

  it("rescheduling within the same minute replaces the row", async () => {
    const payloads: unknown[] = [];
    const r = jobs.runner({ handlers: { ping: async (p) => void payloads.push(p) } });
    await jobs.queue.schedule({ id: "j1", kind: "ping", dueAt: sec(5), payload: { v: 1 } });
    await jobs.queue.schedule({ id: "j1", kind: "ping", dueAt: sec(10), payload: { v: 2 } });
    jobs.clock = sec(30);
    await r.runDueOnce();
    assert.deepEqual(payloads, [{ v: 2 }]);
  });

  it("cancel removes the job; cancelling an unknown id is a no-op", async () => {
    let fired = 0;
    const r = jobs.runner({ handlers: { ping: async () => void fired++ } });
    await jobs.queue.schedule({ id: "j1", kind: "ping", dueAt: sec(60), payload: {} });
    await jobs.queue.cancel("j1");
    await jobs.queue.cancel("j1");
    await jobs.queue.cancel("never-scheduled");
    assert.deepEqual(await jobs.rows(), []);
    jobs.clock = sec(3600);
    await r.runDueOnce();
    assert.equal(fired, 0);
  });

  it("encodes ids with characters tables forbid", async () => {
    const seen: string[] = [];
    const r = jobs.runner({ handlers: { ping: async (_p, job) => void seen.push(job.id) } });
    await jobs.queue.schedule({ id: "reminder/19:abc@thread#1", kind: "ping", dueAt: sec(0), payload: {} });
    await r.runDueOnce();
    assert.deepEqual(seen, ["reminder/19:abc@thread#1"]);
  });

  it("does not run orphan rows of an interrupted schedule, and removes old ones", async () => {
    let fired = 0;
    const r = jobs.runner({ handlers: { ping: async () => void fired++ }, orphanGraceMs: 60_000 });
    // A due row written by a schedule that died before committing its index row.
    await jobs.table.createEntity({
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
    jobs.clock = sec(10);
    assert.equal((await r.runDueOnce()).skipped, 1);
    assert.equal((await jobs.rows()).length, 1, "young orphan kept: its schedule may still commit");
    jobs.clock = sec(120);
    await r.runDueOnce();
    assert.equal(fired, 0);
    assert.deepEqual(await jobs.rows(), []);
  });

  it("concurrent schedules of one id leave exactly one job", async () => {
    const other = createJobQueue(jobs.table, { now: jobs.now });
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? jobs.queue : other).schedule({
          id: "same",
          kind: "ping",
          dueAt: sec(60 * i),
          payload: { i },
        }),
      ),
    );
    let fired = 0;
    const r = jobs.runner({ handlers: { ping: async () => void fired++ }, orphanGraceMs: 0 });
    jobs.clock = sec(3600);
    await r.runDueOnce();
    await r.runDueOnce();
    assert.equal(fired, 1);
    assert.deepEqual(await jobs.rows(), []);
  });

  it("rejects payloads that would not fit in a table property", async () => {
    await assert.rejects(
      jobs.queue.schedule({ id: "big", kind: "ping", dueAt: sec(0), payload: { s: "x".repeat(20_000) } }),
      RangeError,
    );
  });
});
