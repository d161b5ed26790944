import assert from "node:assert/strict";
import { createCoalescingScheduler } from "../../../src/platform/jobs/coalescing-scheduler";
import type { JobQueue, JobSpec } from "../../../src/platform/jobs/job-types";

/** A queue whose schedule calls take a while and are recorded with their start order. */
function slowQueue() {
  const started: { job: JobSpec; at: number }[] = [];
  let tick = 0;
  const queue: JobQueue = {
    async schedule(job) {
      started.push({ job, at: tick++ });
      await new Promise((r) => setTimeout(r, 20));
    },
    cancel: async () => undefined,
  };
  return { queue, started };
}

const job = (id: string, n: number): JobSpec => ({ id, kind: "k", dueAt: new Date(0), payload: { n } });

describe("platform/jobs: coalescing scheduler", () => {
  it("a burst of 100 schedules of one id costs two writes; every caller's promise waits for one that started after it", async () => {
    const { queue, started } = slowQueue();
    const s = createCoalescingScheduler(queue);
    const first = s.schedule(job("a", 0));
    const rest = Array.from({ length: 99 }, (_, n) => s.schedule(job("a", n + 1)));
    await Promise.all([first, ...rest]);
    assert.equal(started.length, 2);
    // The trailing write carries the latest caller's spec.
    assert.deepEqual(started[1]!.job.payload, { n: 99 });
  });

  it("different ids are not coalesced, and a failed write still lets waiters schedule", async () => {
    const calls: string[] = [];
    let fail = true;
    const queue: JobQueue = {
      async schedule(j) {
        calls.push(j.id);
        await new Promise((r) => setTimeout(r, 5));
        if (fail) {
          fail = false;
          throw new Error("store down");
        }
      },
      cancel: async () => undefined,
    };
    const s = createCoalescingScheduler(queue);
    const a = s.schedule(job("a", 1));
    const b = s.schedule(job("a", 2));
    const c = s.schedule(job("b", 1));
    await assert.rejects(a, /store down/);
    await b;
    await c;
    assert.deepEqual(calls.sort(), ["a", "a", "b"]);
  });
});
