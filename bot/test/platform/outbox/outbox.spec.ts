import assert from "node:assert/strict";
import { createLogger } from "../../../src/logger";
import { createDeliveryStore } from "../../../src/platform/outbox/delivery-store";
import { createOutbox, type Outbox } from "../../../src/platform/outbox/outbox";
import { createOutboxSender, type OutboxSender } from "../../../src/platform/outbox/outbox-sender";
import type { Deliver, DeliveryRow } from "../../../src/platform/outbox/outbox-types";
import { createSenderLease } from "../../../src/platform/outbox/sender-lease";
import { createWorkQueue, queueName } from "../../../src/platform/outbox/work-queue";
import { testStore } from "../../../testing/azurite";
import { createPacingHandover, type PacingHandover } from "../../../src/platform/messaging/pacing-handover";
import { createRateLimiter, type RateLimiter } from "../../../src/platform/messaging/rate-limiter";

const logger = createLogger("silent");

/** Settings of {@link fleet} beyond the defaults of the quick tests. */
interface FleetOptions {
  maxAttempts?: number;
  leaseMs?: number;
  visibilityS?: number;
  handoverQuietMs?: number;
  /** A deliver per instance (else every instance uses the one given). */
  deliverOf?: (instance: number) => Deliver;
  /** Each instance's pacing, handed over at an orderly stop. */
  pacingOf?: (instance: number) => PacingHandover;
}

/** An outbox on Azurite (tables + queue) with `instances` senders delivering through `deliver`. */
async function fleet(instances: number, deliver: Deliver, options: FleetOptions = {}) {
  const { store, azurite, prefix } = await testStore();
  await store.ensureTables(["Outbox"]);
  const table = store.table("Outbox");
  const queue = createWorkQueue({ connectionString: azurite.connectionString }, queueName(prefix));
  await queue.ensure();
  const rows = createDeliveryStore(table);
  const senders: OutboxSender[] = Array.from({ length: instances }, (_, i) =>
    createOutboxSender({
      store: rows,
      queue,
      lease: createSenderLease(table, {
        owner: `host-${i}-${process.pid}-aa`,
        leaseMs: options.leaseMs ?? 1500,
      }),
      deliver: options.deliverOf?.(i) ?? deliver,
      logger,
      pollMs: 50,
      visibilityS: options.visibilityS ?? 2,
      handoverQuietMs: options.handoverQuietMs,
      pacing: options.pacingOf?.(i),
      maxAttempts: options.maxAttempts ?? 3,
      concurrency: 4,
      mailConcurrency: 2,
    }),
  );
  const outbox: Outbox = createOutbox({ store: rows, queue, sender: senders[0], logger });
  return { outbox, senders, rows, stop: () => Promise.all(senders.map((s) => s.stop())) };
}

const items = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    recipient: `user-${i}`,
    target: { kind: "user" as const, userId: `user-${i}` },
    payload: { type: "message", text: `hello ${i}` },
  }));

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("outbox: delivery rows, work queue and one sender", function () {
  this.timeout(60_000);

  it("sends each row once; a rerun of the same decision records and sends nothing again", async () => {
    const sent: string[] = [];
    const f = await fleet(1, async (row) => void sent.push(row.recipient));
    try {
      f.senders[0]!.start();
      const decision = { key: "announce|r1|x", dialogueId: "d-aaaabbbb", label: "groupCard" };
      await f.outbox.enqueue(decision, items(120)); // two transactions (100 + 20)
      await until("120 sent and marked", async () =>
        (await f.rows.forDialogue("d-aaaabbbb")).every((r) => r.status === "sent"),
      );
      const again = await f.outbox.enqueue(decision, items(120));
      assert.equal(again.pending, 0, "the rerun found every row sent");
      const all = await f.rows.forDialogue("d-aaaabbbb");
      assert.equal(all.length, 120);
      assert.ok(all.every((r) => r.status === "sent" && r.sentBy?.startsWith("host-0")));
      assert.equal(new Set(sent).size, 120);
      assert.equal(sent.length, 120);
    } finally {
      await f.stop();
    }
  });

  it("a transient failure is retried; after the budget the row is failed and visible; send again works", async () => {
    let fail = true;
    const attempts = new Map<string, number>();
    const f = await fleet(1, async (row: DeliveryRow) => {
      attempts.set(row.recipient, (attempts.get(row.recipient) ?? 0) + 1);
      if (row.recipient === "user-1" && fail)
        throw Object.assign(new Error("busy"), { name: "DeliveryError" });
      if (row.recipient === "user-2") throw Object.assign(new Error("no chat"), { permanent: true });
    });
    try {
      f.senders[0]!.start();
      await f.outbox.enqueue({ key: "k", dialogueId: "d-ccccdddd", label: "reminder24h" }, items(3));
      await until("the rows settled", async () =>
        (await f.rows.forDialogue("d-ccccdddd")).every((r) => r.status !== "pending"),
      );
      const rows = await f.rows.forDialogue("d-ccccdddd");
      const by = (u: string) => rows.find((r) => r.recipient === u)!;
      assert.equal(by("user-0").status, "sent");
      assert.equal(by("user-1").status, "failed");
      assert.equal(attempts.get("user-1"), 3, "retried up to the budget");
      assert.equal(by("user-2").status, "failed");
      assert.equal(attempts.get("user-2"), 1, "a permanent failure is not retried");
      fail = false;
      const requeued = await f.outbox.sendAgain("d-ccccdddd", [by("user-1")]);
      assert.equal(requeued, 1);
      await until("sent again", async () =>
        (await f.rows.forDialogue("d-ccccdddd")).some((r) => r.recipient === "user-1" && r.status === "sent"),
      );
      // Another dialogue's id cannot requeue these rows.
      assert.equal(await f.outbox.sendAgain("d-other000", [by("user-2")]), 0);
    } finally {
      await f.stop();
    }
  });

  it("with three instances one holds the lease and sends; when it stops another takes over", async () => {
    const byInstance = new Map<string, number>();
    const f = await fleet(3, async (row) => {
      void row;
    });
    try {
      for (const s of f.senders) s.start();
      await f.outbox.enqueue({ key: "a", dialogueId: "d-eeeeffff", label: "timer" }, items(30));
      await until("sent", async () =>
        (await f.rows.forDialogue("d-eeeeffff")).every((r) => r.status === "sent"),
      );
      for (const r of await f.rows.forDialogue("d-eeeeffff"))
        byInstance.set(r.sentBy!, (byInstance.get(r.sentBy!) ?? 0) + 1);
      assert.equal(byInstance.size, 1, `one sender: ${JSON.stringify([...byInstance])}`);
      const [holder] = [...byInstance.keys()];
      const index = Number(/^host-(\d)/.exec(holder!)![1]);
      await f.senders[index]!.stop(); // releases the lease
      await f.outbox.enqueue({ key: "b", dialogueId: "d-eeeeffff", label: "timer" }, items(10));
      await until("sent by another", async () =>
        (await f.rows.forDialogue("d-eeeeffff")).every((r) => r.status === "sent"),
      );
      const later = (await f.rows.forDialogue("d-eeeeffff")).filter((r) => r.decisionKey === "b");
      assert.equal(new Set(later.map((r) => r.sentBy)).size, 1);
      assert.notEqual(later[0]!.sentBy, holder);
    } finally {
      await f.stop();
    }
  });

  it("an orderly stop mid-send hands over at once: in-flight rows are marked, none sent twice, the next holder waits out the pacing window", async () => {
    const QUIET = 400;
    const sends: { instance: number; recipient: string; start: number; end: number }[] = [];
    const f = await fleet(2, async () => undefined, {
      // Neither the lease (20 s) nor the message's visibility (30 s) may run out during the
      // test: the handover must come from the stop itself.
      leaseMs: 20_000,
      visibilityS: 30,
      handoverQuietMs: QUIET,
      deliverOf: (instance) => async (row) => {
        const start = Date.now();
        await new Promise((r) => setTimeout(r, 10));
        sends.push({ instance, recipient: row.recipient, start, end: Date.now() });
      },
    });
    try {
      f.senders[0]!.start();
      await f.outbox.enqueue({ key: "g", dialogueId: "d-ggggeeee", label: "groupCard" }, items(200));
      await until("sender 0 mid-send", () => sends.length >= 40);
      f.senders[1]!.start();
      const stoppedAt = Date.now();
      await f.senders[0]!.stop();
      const byFirst = sends.filter((x) => x.instance === 0);
      assert.ok(byFirst.length < 200, `the stop came mid-send (${byFirst.length} sent)`);
      const marked = (await f.rows.forDialogue("d-ggggeeee")).filter((r) => r.status === "sent");
      assert.equal(marked.length, byFirst.length, "every row the stopped sender sent is marked sent");
      await until("every row sent", async () =>
        (await f.rows.forDialogue("d-ggggeeee")).every((r) => r.status === "sent"),
      );
      assert.equal(sends.length, 200, "nothing sent twice");
      assert.equal(new Set(sends.map((x) => x.recipient)).size, 200);
      const bySecond = sends.filter((x) => x.instance === 1);
      const lastOfFirst = Math.max(...byFirst.map((x) => x.end));
      const firstOfSecond = Math.min(...bySecond.map((x) => x.start));
      assert.ok(
        firstOfSecond >= lastOfFirst + QUIET,
        `the next holder began ${firstOfSecond - lastOfFirst} ms after the last send`,
      );
      assert.ok(
        firstOfSecond - stoppedAt < 3000,
        `taken over ${firstOfSecond - stoppedAt} ms after the stop`,
      );
    } finally {
      await f.stop();
    }
  });

  it("with the pacing handed over, the next holder sends right after the last send and the window still holds across both", async () => {
    const QUIET = 1500;
    const window = { limit: 20, ms: 1000 };
    const limiters: RateLimiter[] = [0, 1].map(() => createRateLimiter({ windows: [window] }));
    const sends: { instance: number; at: number }[] = [];
    const f = await fleet(2, async () => undefined, {
      leaseMs: 20_000,
      visibilityS: 30,
      handoverQuietMs: QUIET,
      pacingOf: (i) =>
        createPacingHandover({
          conversations: createRateLimiter({ windows: [window] }),
          tenants: limiters[i]!,
        }),
      deliverOf: (instance) => async () => {
        sends.push({ instance, at: await limiters[instance]!.acquire("tenant") });
      },
    });
    try {
      f.senders[0]!.start();
      await f.outbox.enqueue({ key: "p", dialogueId: "d-ppppaaaa", label: "groupCard" }, items(70));
      await until("sender 0 mid-send", () => sends.length >= 30);
      f.senders[1]!.start();
      await f.senders[0]!.stop();
      await until("every row sent", async () =>
        (await f.rows.forDialogue("d-ppppaaaa")).every((r) => r.status === "sent"),
      );
      assert.equal(sends.length, 70, "nothing sent twice");
      const lastOfFirst = Math.max(...sends.filter((x) => x.instance === 0).map((x) => x.at));
      const firstOfSecond = Math.min(...sends.filter((x) => x.instance === 1).map((x) => x.at));
      assert.ok(
        firstOfSecond - lastOfFirst < QUIET,
        `no quiet period: the next holder began ${firstOfSecond - lastOfFirst} ms after the last send`,
      );
      // What Teams would count: every 1 s window over both instances' sends within the limit.
      const times = sends.map((x) => x.at).sort((a, b) => a - b);
      for (const end of times) {
        const inWindow = times.filter((t) => t > end - window.ms && t <= end).length;
        assert.ok(inWindow <= window.limit, `${inWindow} sends in one second across the handover`);
      }
    } finally {
      await f.stop();
    }
  });
});
