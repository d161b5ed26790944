import assert from "node:assert/strict";
import { createPacingHandover } from "../../../src/platform/messaging/pacing-handover";
import { createRateLimiter } from "../../../src/platform/messaging/rate-limiter";

describe("messaging: pacing handed over at a lease handover", () => {
  const clock = 1_000_000;
  const now = () => clock;
  const pair = () => {
    const limiters = {
      conversations: createRateLimiter({ windows: [{ limit: 1, ms: 1000 }], now }),
      tenants: createRateLimiter({ windows: [{ limit: 1, ms: 1000 }], now }),
    };
    return { limiters, handover: createPacingHandover(limiters, now) };
  };

  it("the next holder counts the last holder's recent sends", async () => {
    const from = pair();
    await from.limiters.tenants.acquire("t");
    const to = pair();
    assert.equal(to.handover.adopt(from.handover.snapshot()), true);
    assert.equal(to.limiters.tenants.nextIn("t"), 1000);
  });

  it("refuses what is not a snapshot, and ignores times far from now (a skewed clock, a corrupt row)", () => {
    const to = pair();
    for (const bad of ["", "{", "null", '{"c":[["x","y"]],"t":[]}', '{"c":[],"t":[["t",[1e400]]]}'])
      assert.equal(to.handover.adopt(bad), false, bad);
    const ahead = JSON.stringify({ c: [], t: [["t", [clock + 3_600_000]]] });
    assert.equal(to.handover.adopt(ahead), true);
    assert.equal(to.limiters.tenants.nextIn("t"), 0, "a time an hour ahead does not shut the window");
  });
});
