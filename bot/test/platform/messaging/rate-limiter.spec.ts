import assert from "node:assert/strict";
import sinon from "sinon";
import {
  createRateLimiter,
  TEAMS_CONVERSATION_LIMITS,
  TEAMS_TENANT_LIMITS,
  type RateWindow,
} from "../../../src/platform/messaging/rate-limiter";

/** Every (t − W, t] window over the booked slots holds at most L of them. */
function assertWithin(slots: number[], windows: readonly RateWindow[]) {
  const sorted = [...slots].sort((a, b) => a - b);
  for (const w of windows) {
    for (const end of sorted) {
      const inWindow = sorted.filter((s) => s > end - w.ms && s <= end).length;
      assert.ok(inWindow <= w.limit, `${inWindow} slots in ${w.ms} ms (limit ${w.limit})`);
    }
  }
}

describe("messaging: rate limiter", () => {
  let clock: number;
  const now = () => clock;
  beforeEach(() => (clock = 1_000_000));

  it("lets 7 messages through per second in one conversation, then spaces them", () => {
    const limiter = createRateLimiter({ windows: TEAMS_CONVERSATION_LIMITS, now });
    const waits = Array.from({ length: 10 }, () => limiter.reserve("conv-1"));
    assert.deepEqual(waits.slice(0, 7), [0, 0, 0, 0, 0, 0, 0]);
    assert.equal(waits[7], 1000, "8th: the 7/1 s window");
    assert.equal(waits[8], 2000, "9th: the 8/2 s window");
  });

  it("keeps a long burst within every published window (7/1 s, 8/2 s, 60/30 s)", () => {
    const limiter = createRateLimiter({ windows: TEAMS_CONVERSATION_LIMITS, now });
    const slots = Array.from({ length: 150 }, () => clock + limiter.reserve("conv-1"));
    assertWithin(slots, TEAMS_CONVERSATION_LIMITS);
    assert.ok(slots[60]! - slots[0]! >= 30_000, "the 61st message waits for the 30 s window");
    for (let i = 1; i < slots.length; i++) assert.ok(slots[i]! >= slots[i - 1]!, "slots in call order");
  });

  it("paces conversations independently", () => {
    const limiter = createRateLimiter({ windows: TEAMS_CONVERSATION_LIMITS, now });
    for (let i = 0; i < 7; i++) limiter.reserve("conv-1");
    assert.equal(limiter.reserve("conv-2"), 0);
    assert.equal(limiter.reserve("conv-1"), 1000);
  });

  it("limits a tenant to 50 requests per second", () => {
    const limiter = createRateLimiter({ windows: TEAMS_TENANT_LIMITS, now });
    const slots = Array.from({ length: 120 }, () => clock + limiter.reserve("tenant-1"));
    assert.equal(slots[49], clock);
    assert.equal(slots[50], clock + 1000);
    assert.equal(slots[100], clock + 2000);
    assertWithin(slots, TEAMS_TENANT_LIMITS);
  });

  it("a margin lengthens every window, so late departures cannot crowd the next window", () => {
    const limiter = createRateLimiter({ windows: TEAMS_CONVERSATION_LIMITS, now, marginMs: 50 });
    const waits = Array.from({ length: 9 }, () => limiter.reserve("conv-1"));
    assert.deepEqual(waits.slice(0, 7), [0, 0, 0, 0, 0, 0, 0]);
    assert.equal(waits[7], 1050, "8th: the 7/1 s window plus the margin");
    assert.equal(waits[8], 2050, "9th: the 8/2 s window plus the margin");
    // Even if every slot left up to 50 ms late, no published window is exceeded.
    const slots = Array.from({ length: 120 }, (_, i) => clock + limiter.reserve("conv-2") + (i % 2 ? 50 : 0));
    assertWithin(slots, TEAMS_CONVERSATION_LIMITS);
    const tenant = createRateLimiter({ windows: TEAMS_TENANT_LIMITS, now, marginMs: 50 });
    const late = Array.from({ length: 200 }, (_, i) => clock + tenant.reserve("t") + ((i * 37) % 50));
    assertWithin(late, TEAMS_TENANT_LIMITS);
  });

  it("without a margin, a burst that leaves 5 ms late exceeds the published window", () => {
    const limiter = createRateLimiter({ windows: TEAMS_TENANT_LIMITS, now });
    const slots = Array.from({ length: 51 }, (_, i) => clock + limiter.reserve("t") + (i < 50 ? 5 : 0));
    assert.throws(() => assertWithin(slots, TEAMS_TENANT_LIMITS));
  });

  it("frees capacity as time passes", () => {
    const limiter = createRateLimiter({ windows: [{ limit: 2, ms: 1000 }], now });
    limiter.reserve("k");
    limiter.reserve("k");
    clock += 400;
    assert.equal(limiter.reserve("k"), 600);
    clock += 5000;
    assert.equal(limiter.reserve("k"), 0);
  });

  it("pause() holds back later slots of that key only", () => {
    const limiter = createRateLimiter({ windows: TEAMS_CONVERSATION_LIMITS, now });
    limiter.pause("conv-1", 5000);
    assert.equal(limiter.reserve("conv-1"), 5000);
    assert.equal(limiter.reserve("conv-2"), 0);
  });

  it("acquire() sleeps for the reserved wait", async () => {
    const sleep = sinon.spy(async (_ms: number) => undefined);
    const limiter = createRateLimiter({ windows: [{ limit: 1, ms: 250 }], now, sleep });
    await limiter.acquire("k");
    await limiter.acquire("k");
    assert.deepEqual(
      sleep.getCalls().map((c) => c.args[0]),
      [250],
    );
  });

  it("forgets idle keys", () => {
    const limiter = createRateLimiter({ windows: TEAMS_CONVERSATION_LIMITS, now });
    limiter.reserve("a");
    limiter.reserve("b");
    assert.equal(limiter.size(), 2);
    clock += 3_600_001;
    assert.equal(limiter.size(), 0);
  });
});
