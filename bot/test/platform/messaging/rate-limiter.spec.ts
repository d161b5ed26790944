import assert from "node:assert/strict";
import {
  createRateLimiter,
  evenGapMs,
  TEAMS_CONVERSATION_LIMITS,
  TEAMS_TENANT_LIMITS,
  type RateLimiterOptions,
  type RateWindow,
} from "../../../src/platform/messaging/rate-limiter";

/** Every (t − W, t] window over the send times holds at most L of them. */
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
  /** Extra time a wake-up comes late (a stalled event loop), per sleep, in call order. */
  let lateness: number[];
  const sleeps: number[] = [];
  const now = () => clock;
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    clock += ms + (lateness.shift() ?? 0);
  };
  beforeEach(() => {
    clock = 1_000_000;
    lateness = [];
    sleeps.length = 0;
  });
  const limiter = (o: Partial<RateLimiterOptions> & Pick<RateLimiterOptions, "windows">) =>
    createRateLimiter({ now, sleep, ...o });
  /** `n` sends one after another; the instants each was let through. */
  const inSeries = async (l: ReturnType<typeof createRateLimiter>, key: string, n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(await l.acquire(key));
    return out;
  };

  it("lets 7 messages through per second in one conversation, then spaces them", async () => {
    const slots = await inSeries(limiter({ windows: TEAMS_CONVERSATION_LIMITS }), "conv-1", 9);
    assert.deepEqual(
      slots.map((s) => s - 1_000_000),
      [0, 0, 0, 0, 0, 0, 0, 1000, 2000],
      "8th: the 7/1 s window; 9th: the 8/2 s window",
    );
  });

  it("keeps a long burst within every published window (7/1 s, 8/2 s, 60/30 s)", async () => {
    const slots = await inSeries(limiter({ windows: TEAMS_CONVERSATION_LIMITS }), "conv-1", 150);
    assertWithin(slots, TEAMS_CONVERSATION_LIMITS);
    assert.ok(slots[60]! - slots[0]! >= 30_000, "the 61st message waits for the 30 s window");
    for (let i = 1; i < slots.length; i++) assert.ok(slots[i]! >= slots[i - 1]!, "slots in call order");
  });

  it("concurrent senders are let through first come, first served, each at its own instant", async () => {
    const l = limiter({ windows: [{ limit: 2, ms: 1000 }] });
    const order: number[] = [];
    const granted = await Promise.all(
      Array.from({ length: 6 }, (_, i) => l.acquire("k").then((t) => (order.push(i), t - 1_000_000))),
    );
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(granted, [0, 0, 1000, 1000, 2000, 2000]);
  });

  it("paces conversations independently", async () => {
    const l = limiter({ windows: TEAMS_CONVERSATION_LIMITS });
    await inSeries(l, "conv-1", 7);
    assert.equal(l.nextIn("conv-2"), 0);
    assert.equal(l.nextIn("conv-1"), 1000);
  });

  it("limits a tenant to 50 requests per second", async () => {
    const slots = await inSeries(limiter({ windows: TEAMS_TENANT_LIMITS }), "tenant-1", 120);
    assert.equal(slots[49], 1_000_000);
    assert.equal(slots[50], 1_001_000);
    assert.equal(slots[100], 1_002_000);
    assertWithin(slots, TEAMS_TENANT_LIMITS);
  });

  it("a late wake-up cannot crowd a window: sends are counted when they leave, not when planned", async () => {
    const l = limiter({ windows: TEAMS_TENANT_LIMITS });
    // 20 queued senders; the wake-up for the 51st comes 300 ms late (the machine was busy).
    const first = await Promise.all(Array.from({ length: 50 }, () => l.acquire("t")));
    lateness = [300];
    const rest = await Promise.all(Array.from({ length: 100 }, () => l.acquire("t")));
    // What the service sees is when they left.
    assertWithin([...first, ...rest], TEAMS_TENANT_LIMITS);
    assert.equal(rest[0], 1_001_300, "the late one left late");
  });

  it("a margin lengthens every window, so sends that arrive late cannot crowd the next window", async () => {
    const l = limiter({ windows: TEAMS_CONVERSATION_LIMITS, marginMs: 50 });
    const slots = await inSeries(l, "conv-1", 9);
    assert.equal(slots[7]! - slots[0]!, 1050, "8th: the 7/1 s window plus the margin");
    assert.equal(slots[8]! - slots[0]!, 2050, "9th: the 8/2 s window plus the margin");
    // Even if every send arrived up to 50 ms after it was let through, no window is exceeded.
    const arrivals = (await inSeries(l, "conv-2", 120)).map((s, i) => s + (i % 2 ? 50 : 0));
    assertWithin(arrivals, TEAMS_CONVERSATION_LIMITS);
    const tenant = limiter({ windows: TEAMS_TENANT_LIMITS, marginMs: 50 });
    const late = (await inSeries(tenant, "t", 200)).map((s, i) => s + ((i * 37) % 50));
    assertWithin(late, TEAMS_TENANT_LIMITS);
  });

  it("without a margin, a burst that arrives 5 ms late exceeds the published window", async () => {
    const slots = await inSeries(limiter({ windows: TEAMS_TENANT_LIMITS }), "t", 51);
    assert.throws(() =>
      assertWithin(
        slots.map((s, i) => s + (i < 50 ? 5 : 0)),
        TEAMS_TENANT_LIMITS,
      ),
    );
  });

  it("minGapMs spreads a tenant's sends evenly instead of letting a bunch through at one instant", async () => {
    const l = limiter({ windows: TEAMS_TENANT_LIMITS, minGapMs: evenGapMs(TEAMS_TENANT_LIMITS) });
    const granted = await Promise.all(Array.from({ length: 120 }, () => l.acquire("t")));
    const gaps = granted.slice(1).map((g, i) => g - granted[i]!);
    assert.equal(evenGapMs(TEAMS_TENANT_LIMITS), 20);
    assert.ok(
      gaps.every((g) => g === 20),
      "one send every 20 ms",
    );
    assertWithin(granted, TEAMS_TENANT_LIMITS);
    assert.equal(granted[119]! - granted[0]!, 119 * 20, "no slower than the limit allows");
  });

  it("restamp() counts a send when it really left", async () => {
    const l = limiter({ windows: [{ limit: 1, ms: 1000 }] });
    const granted = await l.acquire("k");
    clock += 400;
    l.restamp("k", granted, clock);
    assert.equal(l.nextIn("k"), 1000, "a full window from when it left, not from the grant");
  });

  it("frees capacity as time passes", async () => {
    const l = limiter({ windows: [{ limit: 2, ms: 1000 }] });
    await inSeries(l, "k", 2);
    clock += 400;
    assert.equal(l.nextIn("k"), 600);
    clock += 5000;
    assert.equal(l.nextIn("k"), 0);
  });

  it("pause() holds back later sends of that key only", async () => {
    const l = limiter({ windows: TEAMS_CONVERSATION_LIMITS });
    l.pause("conv-1", 5000);
    assert.equal(l.nextIn("conv-1"), 5000);
    assert.equal(l.nextIn("conv-2"), 0);
    assert.equal(await l.acquire("conv-1"), 1_005_000);
    assert.deepEqual(sleeps, [5000]);
  });

  it("recent() and seed() carry a window's sends to another limiter (a lease handover)", async () => {
    const from = limiter({ windows: [{ limit: 3, ms: 1000 }] });
    await inSeries(from, "t", 3);
    clock += 100;
    await from.acquire("other");
    clock += 400;
    assert.deepEqual(
      from.recent(2000, 1),
      [["other", [1_000_100]]],
      "the newest key first, at most as many as asked",
    );
    const to = limiter({ windows: [{ limit: 3, ms: 1000 }] });
    for (const [key, times] of from.recent(2000, 10)) to.seed(key, times);
    assert.equal(to.nextIn("t"), 500, "the handed-over sends fill the window");
    assert.equal(from.recent(400, 10).length, 0, "nothing older than asked for");
  });

  it("forgets idle keys", async () => {
    const l = limiter({ windows: TEAMS_CONVERSATION_LIMITS });
    await l.acquire("a");
    await l.acquire("b");
    assert.equal(l.size(), 2);
    clock += 3_600_001;
    assert.equal(l.size(), 0);
  });
});
