import assert from "node:assert/strict";
import type { Activity } from "botframework-schema";
import { DeliveryError } from "../../../src/platform/messaging/delivery-error";
import { sendToMany } from "../../../src/platform/messaging/fan-out";
import type { Messenger, SentActivity } from "../../../src/platform/messaging/messenger-types";

/** A stand-in messenger (the seam features stub) with scripted outcomes per user. */
function scriptedMessenger(outcomes: Record<string, "ok" | "none" | "fail">, delayMs = 1) {
  let inFlight = 0;
  const stats = { maxInFlight: 0, calls: [] as string[] };
  const m: Messenger = {
    async sendToUser(userId: string, activity: Partial<Activity>): Promise<SentActivity | undefined> {
      stats.calls.push(`${userId}:${activity.text}`);
      inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, delayMs));
      inFlight--;
      const outcome = outcomes[userId];
      if (outcome === "fail") throw new DeliveryError("send", 403, 1);
      if (outcome === "none") return undefined;
      return { conversationId: `a:${userId}`, activityId: `act-${userId}` };
    },
    sendToConversation: async () => undefined,
    updateActivity: async () => undefined,
  };
  return { m, stats };
}

describe("messaging: sendToMany", () => {
  it("reports sent, noReference and failed per user and keeps going after failures", async () => {
    const { m, stats } = scriptedMessenger({ u1: "ok", u2: "none", u3: "fail", u4: "ok" });
    const result = await sendToMany(m, ["u1", "u2", "u3", "u4", "u1"], (id) => ({ text: `hi ${id}` }), {
      concurrency: 2,
    });
    assert.deepEqual(result.sent.map((s) => s.userId).sort(), ["u1", "u4"]);
    assert.deepEqual(
      result.sent.find((s) => s.userId === "u1"),
      {
        userId: "u1",
        conversationId: "a:u1",
        activityId: "act-u1",
      },
    );
    assert.deepEqual(result.noReference, ["u2"]);
    assert.deepEqual(result.failed, ["u3"]);
    assert.equal(stats.calls.length, 4, "duplicates are sent once");
    assert.ok(stats.calls.includes("u4:hi u4"));
  });

  it("never has more than `concurrency` sends in flight", async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `u${i}`);
    const { m, stats } = scriptedMessenger(Object.fromEntries(ids.map((id) => [id, "ok"])), 3);
    const result = await sendToMany(m, ids, () => ({ text: "x" }), { concurrency: 3 });
    assert.equal(result.sent.length, 20);
    assert.equal(stats.maxInFlight, 3);
  });

  it("counts a failing activity builder as failed", async () => {
    const { m } = scriptedMessenger({ u1: "ok" });
    const result = await sendToMany(m, ["u1", "u2"], (id) => {
      if (id === "u2") throw new Error("render failed");
      return { text: "x" };
    });
    assert.deepEqual(result.failed, ["u2"]);
    assert.equal(result.sent.length, 1);
  });
});
