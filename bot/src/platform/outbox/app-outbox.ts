import type { Logger } from "../../logger";
import type { OutboxConfig } from "../../config/outbox";
import type { MailSender } from "../mail/mail-sender";
import type { DialogiMessenger } from "../messaging/messenger";
import { createRateLimiter, TEAMS_TENANT_LIMITS } from "../messaging/rate-limiter";
import type { TableStore, TableStoreTarget } from "../tables/table-store";
import { createDeliver } from "./deliver";
import { createDeliveryStore, type DeliveryStore } from "./delivery-store";
import { createOutbox, type Outbox } from "./outbox";
import { createOutboxSender, type OutboxSender } from "./outbox-sender";
import { createSenderLease, type SenderLease } from "./sender-lease";
import { createWorkQueue, queueName, type WorkQueue } from "./work-queue";

/** The outbox as the composition root wires it. */
export interface AppOutbox {
  outbox: Outbox;
  sender: OutboxSender;
  lease: SenderLease;
  store: DeliveryStore;
  queue: WorkQueue;
  /** Gives the sender the mailbox to send through (public registration installs it later). */
  useMail(mail: MailSender): void;
}

/**
 * After an orderly stop the next sender waits this long past the last send: Teams counts the
 * app's requests per tenant per second, and the new holder's pacing log starts empty. The
 * tenant's window plus the pacing margin (50 ms) and room for instance clocks to differ.
 */
const HANDOVER_QUIET_MS = Math.max(...TEAMS_TENANT_LIMITS.map((w) => w.ms)) + 100;

/** Options of {@link createAppOutbox}. */
export interface AppOutboxOptions {
  store: TableStore;
  target: TableStoreTarget;
  prefix: string;
  config: OutboxConfig;
  messenger: DialogiMessenger;
  owner: string;
  logger: Logger;
}

/**
 * Builds the outbox: delivery rows in the `Outbox` table, the work queue in the same storage
 * account, the sender lease, and a sender that paces Teams with the messenger's limiters and
 * mail with its own (per minute and per day, one mailbox). Creates the queue if missing.
 */
export async function createAppOutbox(options: AppOutboxOptions): Promise<AppOutbox> {
  const { config, logger } = options;
  const queueTarget =
    "connectionString" in options.target
      ? { connectionString: options.target.connectionString }
      : { endpoint: config.queueEndpoint ?? options.target.endpoint.replace(".table.", ".queue.") };
  const queue = createWorkQueue(queueTarget, queueName(options.prefix));
  await queue.ensure();
  const table = options.store.table("Outbox");
  const store = createDeliveryStore(table);
  const lease = createSenderLease(table, {
    owner: options.owner,
    leaseMs: config.leaseMs,
    lapseQuietMs: HANDOVER_QUIET_MS,
  });
  const mailLimiter = createRateLimiter({
    windows: [
      { limit: config.mailPerMinute, ms: 60_000 },
      { limit: config.mailPerDay, ms: 86_400_000 },
    ],
    marginMs: 100,
  });
  const deps: Parameters<typeof createDeliver>[0] = { messenger: options.messenger, mailLimiter };
  const sender = createOutboxSender({
    store,
    queue,
    lease,
    deliver: createDeliver(deps),
    logger,
    pollMs: config.pollMs,
    visibilityS: config.visibilityS,
    maxAttempts: config.maxAttempts,
    concurrency: config.concurrency,
    mailConcurrency: 4,
    handoverQuietMs: HANDOVER_QUIET_MS,
    pacing: options.messenger.pacing,
  });
  const outbox = createOutbox({ store, queue, sender, logger });
  return {
    outbox,
    sender,
    lease,
    store,
    queue,
    useMail(mail) {
      deps.mail = mail;
    },
  };
}
