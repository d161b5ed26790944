import assert from "node:assert/strict";
import { createSenderLease } from "../../../src/platform/outbox/sender-lease";
import { testStore } from "../../../testing/azurite";

describe("outbox: the sender lease", () => {
  let clock: number;
  const now = () => clock;
  const leases = async () => {
    const { store } = await testStore();
    await store.ensureTables(["Outbox"]);
    const table = store.table("Outbox");
    const options = { leaseMs: 1000, lapseQuietMs: 1100, now };
    return {
      a: createSenderLease(table, { owner: "host-a-1-aa", ...options }),
      b: createSenderLease(table, { owner: "host-b-2-bb", ...options }),
    };
  };
  beforeEach(() => (clock = 1_000_000));

  it("one holder at a time; renewing keeps it", async () => {
    const { a, b } = await leases();
    assert.equal(await a.tryHold(), true);
    assert.equal(await b.tryHold(), false);
    clock += 900;
    assert.equal(await a.tryHold(), true, "renewed before its lapse");
    clock += 900;
    assert.equal(await b.tryHold(), false, "the renewal moved the lapse");
    assert.equal(a.holds(), true);
  });

  it("a lapsed lease is taken only after the quiet period: its holder's last sends may still be in Teams' window", async () => {
    const { a, b } = await leases();
    assert.equal(await a.tryHold(), true);
    clock += 1001;
    assert.equal(a.holds(), false, "the holder stops sending at its lapse");
    assert.equal(await b.tryHold(), false, "lapsed, but not yet quiet for a window");
    assert.equal(b.freeAt(), 1_000_000 + 1000 + 1100);
    clock = b.freeAt() + 1;
    assert.equal(await b.tryHold(), true);
    assert.equal(b.holds(), true);
    assert.equal(await a.tryHold(), false, "the old holder cannot take it back");
  });

  it("a released lease is free at the time it names, with no second quiet period", async () => {
    const { a, b } = await leases();
    assert.equal(await a.tryHold(), true);
    await a.release(clock + 300);
    assert.equal(a.holds(), false);
    assert.equal(await b.tryHold(), false);
    assert.equal(b.freeAt(), 1_000_300);
    clock += 301;
    assert.equal(await b.tryHold(), true);
    assert.equal(b.takeHandover(), undefined, "released without a handover");
  });

  it("a release's handover reaches the next holder once; a lapsed lease hands nothing over", async () => {
    const { a, b } = await leases();
    assert.equal(await a.tryHold(), true);
    await a.release(clock, '{"c":[],"t":[["tenant",[999990]]]}');
    assert.equal(await b.tryHold(), true);
    assert.equal(b.takeHandover(), '{"c":[],"t":[["tenant",[999990]]]}');
    assert.equal(b.takeHandover(), undefined, "once");
    clock += 1000 + 1100 + 1;
    assert.equal(await a.tryHold(), true, "b's lease lapsed and went quiet");
    assert.equal(a.takeHandover(), undefined);
  });
});
