import assert from "node:assert/strict";
import { createLogger } from "../../../src/logger";
import { createDurableMailSender } from "../../../src/platform/mail/durable-mail";
import type { MailMessage, MailSender } from "../../../src/platform/mail/mail-sender";
import type { DialogiMessenger } from "../../../src/platform/messaging/messenger";
import { createRateLimiter } from "../../../src/platform/messaging/rate-limiter";
import { createDeliver } from "../../../src/platform/outbox/deliver";
import { createDeliveryStore } from "../../../src/platform/outbox/delivery-store";
import { createOutbox } from "../../../src/platform/outbox/outbox";
import { createOutboxSender } from "../../../src/platform/outbox/outbox-sender";
import { createSenderLease } from "../../../src/platform/outbox/sender-lease";
import { createWorkQueue, queueName } from "../../../src/platform/outbox/work-queue";
import { testStore } from "../../../testing/azurite";

/**
 * Mail through the outbox: `send` is a durable enqueue, the same idempotency key mails once, and
 * the sender paces the mailbox (here 3 a second, standing in for Exchange's 30 a minute) with at
 * most 4 concurrent sends (Graph's per-mailbox limit): over the limit mail waits, none is refused.
 */
describe("outbox: mail is durable, idempotent and paced per mailbox", function () {
  this.timeout(60_000);

  it("10 mails at once leave at ≤ 3 a second, ≤ 4 at a time; a repeated key sends nothing", async () => {
    const { store, azurite, prefix } = await testStore();
    await store.ensureTables(["Outbox"]);
    const logger = createLogger("silent");
    const sentAt: number[] = [];
    let concurrent = 0;
    let maxConcurrent = 0;
    const mailbox: MailSender = {
      kind: "outbox",
      async send(message: MailMessage) {
        void message;
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await new Promise((r) => setTimeout(r, 30));
        sentAt.push(Date.now());
        concurrent--;
      },
    };
    const queue = createWorkQueue({ connectionString: azurite.connectionString }, queueName(prefix));
    await queue.ensure();
    const rows = createDeliveryStore(store.table("Outbox"));
    const sender = createOutboxSender({
      store: rows,
      queue,
      lease: createSenderLease(store.table("Outbox"), { owner: `mail-${process.pid}-aa`, leaseMs: 2000 }),
      deliver: createDeliver({
        messenger: {} as DialogiMessenger,
        mail: mailbox,
        // With the production margin (app-outbox.ts): a mail recorded late on a busy machine
        // still keeps the window.
        mailLimiter: createRateLimiter({ windows: [{ limit: 3, ms: 1000 }], marginMs: 100 }),
      }),
      logger,
      pollMs: 50,
      visibilityS: 5,
      maxAttempts: 3,
      concurrency: 8,
      mailConcurrency: 4,
    });
    const outbox = createOutbox({ store: rows, queue, sender, logger });
    const mail = createDurableMailSender(outbox, mailbox);
    sender.start();
    try {
      const message = (n: number): MailMessage => ({
        to: `person${n}@example.org`,
        subject: "Vahvista",
        html: "<p>Hei</p>",
        text: "Hei",
        lang: "fi",
        idempotencyKey: `confirm-${n}`,
        dialogueId: "d-mailmail",
      });
      await Promise.all(Array.from({ length: 10 }, (_, n) => mail.send(message(n))));
      await mail.send(message(3)); // the same key again (a double click, a retried job)
      const deadline = Date.now() + 30_000;
      while ((await outbox.deliveries("d-mailmail")).some((r) => r.status !== "sent")) {
        if (Date.now() > deadline) throw new Error("mail not delivered");
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(sentAt.length, 10, "every mail once, none dropped");
      assert.ok(maxConcurrent <= 4, `concurrent sends: ${maxConcurrent}`);
      const sorted = [...sentAt].sort((a, b) => a - b);
      for (let i = 3; i < sorted.length; i++)
        assert.ok(sorted[i]! - sorted[i - 3]! >= 900, `4 mails within a second at ${i}`);
    } finally {
      await sender.stop();
    }
  });
});
