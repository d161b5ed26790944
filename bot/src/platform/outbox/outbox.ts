import type { Logger } from "../../logger";
import type { DeliveryStore } from "./delivery-store";
import type { OutboxSender } from "./outbox-sender";
import type { DeliveryRow, OutboxDecision, OutboxItem } from "./outbox-types";
import type { WorkQueue } from "./work-queue";

/**
 * The durable outbox as features see it: write a decision and its rows, then the sender (on the
 * instance holding the lease) delivers them. See docs/architecture.md, "Outbox".
 */
export interface Outbox {
  /**
   * Records the decision and its rows (idempotent by `decision.key`), then queues the work.
   * Resolves once it is durable, not when it is delivered. Throws when the store or the queue
   * cannot take it (the caller's job retries; a rerun adds nothing twice).
   */
  enqueue(
    decision: OutboxDecision,
    items: readonly OutboxItem[],
    options?: EnqueueOptions,
  ): Promise<{ rows: number; pending: number }>;
  /** Every delivery row of a dialogue (who got what, who did not). */
  deliveries(dialogueId: string): Promise<DeliveryRow[]>;
  /** Sends failed rows of a dialogue again (a fresh attempt budget); returns how many were requeued. */
  sendAgain(dialogueId: string, rows: readonly { partitionKey: string; rowKey: string }[]): Promise<number>;
}

/** Options of {@link Outbox.enqueue}. */
export interface EnqueueOptions {
  /**
   * When this instance is the sender, wait up to this long for the rows to be worked (a reply
   * can then say "sent" in the common case). Never waits on other instances; durable either way.
   */
  awaitDeliveryMs?: number;
}

/** Options of {@link createOutbox}. */
export interface OutboxOptions {
  store: DeliveryStore;
  queue: WorkQueue;
  /** This instance's sender, woken when work is queued here. */
  sender?: OutboxSender;
  logger: Logger;
}

/** Creates the {@link Outbox}. */
export function createOutbox(options: OutboxOptions): Outbox {
  const { store, queue, sender } = options;
  const post = async (partitionKey: string, awaitMs = 0) => {
    const settled = awaitMs > 0 ? sender?.settled(partitionKey, awaitMs) : undefined;
    await queue.send(JSON.stringify({ pk: partitionKey }));
    sender?.wake();
    await settled;
  };
  return {
    async enqueue(decision, items, enqueueOptions = {}) {
      if (items.length === 0) return { rows: 0, pending: 0 };
      const { partitionKey, pending } = await store.write(decision, items);
      // Queued even when the rows existed: a crash between the rows and the message (or a
      // message given up) must not strand them. A duplicate message finds nothing to send.
      if (pending > 0) await post(partitionKey, enqueueOptions.awaitDeliveryMs);
      options.logger.info("outbox enqueued", {
        label: decision.label,
        dialogueId: decision.dialogueId,
        rows: items.length,
        pending,
      });
      return { rows: items.length, pending };
    },
    deliveries: (dialogueId) => store.forDialogue(dialogueId),
    async sendAgain(dialogueId, rows) {
      const { partitions, count } = await store.retry(dialogueId, rows);
      for (const pk of partitions) await post(pk);
      return count;
    },
  };
}
