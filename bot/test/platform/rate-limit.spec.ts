import assert from "node:assert/strict";
import { createRateLimiter } from "../../src/platform/http/rate-limit";

describe("per-user rate limiter", () => {
  it("allows a burst, then asks to wait, then refills over time, per key", () => {
    let t = 0;
    const rl = createRateLimiter({ burst: 3, perSecond: 1, now: () => t });
    assert.deepEqual([rl.take("a"), rl.take("a"), rl.take("a")], [0, 0, 0]);
    assert.equal(rl.take("a"), 1);
    assert.equal(rl.take("b"), 0, "another user is not affected");
    t += 1000;
    assert.equal(rl.take("a"), 0);
    assert.ok(rl.take("a") > 0);
  });
});

describe("per-user rate limiter: reporting and memory", () => {
  it("reports the first refusal of a key once per window (the time a full refill takes), not every one", () => {
    let t = 0;
    const rl = createRateLimiter({ burst: 2, perSecond: 1, now: () => t });
    rl.take("a");
    rl.take("a");
    assert.deepEqual(rl.check("a"), { wait: 1, report: true });
    assert.deepEqual(rl.check("a"), { wait: 1, report: false });
    assert.equal(rl.check("b").wait, 0, "another key has its own bucket");
    t += 1000;
    assert.equal(rl.take("a"), 0);
    assert.deepEqual(rl.check("a"), { wait: 1, report: false }, "still within the 2 s window");
    t += 2000;
    rl.take("a");
    rl.take("a");
    assert.deepEqual(rl.check("a"), { wait: 1, report: true }, "a new window");
  });

  it("keeps at most maxKeys buckets and drops the least recently used, so an active user stays limited", () => {
    const rl = createRateLimiter({ burst: 1, perSecond: 0.001, now: () => 0, maxKeys: 2 });
    assert.equal(rl.take("a"), 0);
    assert.equal(rl.take("b"), 0);
    assert.ok(rl.take("a") > 0, "a is limited and was used last");
    assert.equal(rl.take("c"), 0, "a third key evicts b, the idlest");
    assert.ok(rl.take("a") > 0, "a was kept: still limited");
    assert.equal(rl.take("b"), 0, "b starts over with a full bucket");
  });
});
