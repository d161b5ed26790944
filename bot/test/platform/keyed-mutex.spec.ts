import assert from "node:assert/strict";
import { createKeyedMutex } from "../../src/platform/tables/keyed-mutex";

const tick = () => new Promise((r) => setTimeout(r, 1));

describe("keyed mutex", () => {
  it("runs work for one key one at a time, in order, and other keys in parallel", async () => {
    const m = createKeyedMutex();
    let active = 0;
    let maxActive = 0;
    const order: number[] = [];
    let otherKeyRanDuring = false;
    const jobs = Array.from({ length: 20 }, (_, i) =>
      m.run("a", async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await tick();
        order.push(i);
        active--;
      }),
    );
    jobs.push(
      m.run("b", async () => {
        otherKeyRanDuring = active > 0;
      }),
    );
    await Promise.all(jobs);
    assert.equal(maxActive, 1);
    assert.deepEqual(order, [...Array(20).keys()]);
    assert.equal(otherKeyRanDuring, true);
  });

  it("keeps going after a failure and passes the failure to its caller", async () => {
    const m = createKeyedMutex();
    const failed = m.run("k", async () => {
      throw new Error("boom");
    });
    const next = m.run("k", async () => 42);
    await assert.rejects(failed, /boom/);
    assert.equal(await next, 42);
  });
});
