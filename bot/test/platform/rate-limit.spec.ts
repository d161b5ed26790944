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
