import type { Logger } from "../src/logger";
import type { DialogiMessenger } from "../src/platform/messaging/messenger";
import { createDeliver } from "../src/platform/outbox/deliver";
import { createDeliveryStore } from "../src/platform/outbox/delivery-store";
import { createOutbox, type Outbox } from "../src/platform/outbox/outbox";
import { createOutboxSender, type OutboxSender } from "../src/platform/outbox/outbox-sender";
import type { DeliveryRow } from "../src/platform/outbox/outbox-types";
import { createSenderLease } from "../src/platform/outbox/sender-lease";
import { createWorkQueue, queueName } from "../src/platform/outbox/work-queue";
import type { TestStore } from "./azurite";

/** The real outbox (Azurite table and queue, one sender) of a spec that composes a feature by hand. */
export interface TestOutbox {
  outbox: Outbox;
  sender: OutboxSender;
  /** Every row of `partition` (a dialogue id, or "~app" for app-wide decisions), without payloads. */
  rows(partition: string): Promise<DeliveryRow[]>;
  /** Waits until `partition` has rows and none is pending (sent or given up); returns them. */
  settled(partition: string, timeoutMs?: number): Promise<DeliveryRow[]>;
  stop(): Promise<void>;
}

/**
 * Starts the outbox over a test store, sending through `messenger` (a stand-in or the real one)
 * with quick polls and two attempts per row, so a failure shows within a second or two.
 */
export async function startTestOutbox(
  t: TestStore,
  messenger: Pick<DialogiMessenger, "sendToUser" | "sendToConversation" | "updateActivity">,
  logger: Logger,
): Promise<TestOutbox> {
  await t.store.ensureTables(["Outbox"]);
  const queue = createWorkQueue({ connectionString: t.azurite.connectionString }, queueName(t.prefix));
  await queue.ensure();
  const table = t.store.table("Outbox");
  const store = createDeliveryStore(table);
  const sender = createOutboxSender({
    store,
    queue,
    lease: createSenderLease(table, { owner: `${t.prefix}-${process.pid}`, leaseMs: 2000 }),
    deliver: createDeliver({ messenger: messenger as DialogiMessenger }),
    logger,
    pollMs: 50,
    visibilityS: 2,
    maxAttempts: 2,
    concurrency: 4,
    mailConcurrency: 1,
  });
  const outbox = createOutbox({ store, queue, sender, logger });
  sender.start();
  const rows = (partition: string) => store.forDialogue(partition);
  return {
    outbox,
    sender,
    rows,
    async settled(partition, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const all = await rows(partition);
        if (all.length > 0 && all.every((r) => r.status !== "pending")) return all;
        if (Date.now() > deadline) throw new Error(`deliveries of ${partition} did not settle`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: () => sender.stop(),
  };
}
