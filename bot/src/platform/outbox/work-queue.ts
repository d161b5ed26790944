import { QueueClient, QueueServiceClient, type StoragePipelineOptions } from "@azure/storage-queue";
import { DefaultAzureCredential } from "@azure/identity";

/** One message taken from the queue (invisible to others until its visibility timeout). */
export interface QueueMessage {
  id: string;
  popReceipt: string;
  text: string;
  /** How many times it was taken: a message that keeps coming back is poison. */
  dequeueCount: number;
}

/**
 * The outbox's work queue: Azure Storage Queues (Azurite locally) in the same storage account as
 * the tables. A taken message reappears when its taker dies (visibility timeout), which is what
 * hands a dead sender's work to the next one.
 */
export interface WorkQueue {
  ensure(): Promise<void>;
  /** Adds a message, visible after `delayS` seconds (default at once). */
  send(text: string, delayS?: number): Promise<void>;
  /** Takes up to `max` (≤ 32) messages, hidden for `visibilityS` seconds. */
  receive(max: number, visibilityS: number): Promise<QueueMessage[]>;
  /** Hides a taken message for `visibilityS` more seconds (renewal or a retry later); updates its receipt. */
  hide(message: QueueMessage, visibilityS: number): Promise<void>;
  remove(message: QueueMessage): Promise<void>;
}

/** Where the queue is: the storage account's connection string, or its queue endpoint with managed identity. */
export type WorkQueueTarget = { connectionString: string } | { endpoint: string };

const options: StoragePipelineOptions = {
  retryOptions: { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 1000 },
};

/** Creates the work queue `name` on the target account. Nothing connects until it is used. */
export function createWorkQueue(target: WorkQueueTarget, name: string): WorkQueue {
  const client: QueueClient =
    "connectionString" in target
      ? QueueServiceClient.fromConnectionString(target.connectionString, options).getQueueClient(name)
      : new QueueClient(
          `${target.endpoint.replace(/\/$/, "")}/${name}`,
          new DefaultAzureCredential(),
          options,
        );
  return {
    async ensure() {
      await client.createIfNotExists();
    },
    async send(text, delayS) {
      await client.sendMessage(text, delayS ? { visibilityTimeout: delayS } : undefined);
    },
    async receive(max, visibilityS) {
      const res = await client.receiveMessages({
        numberOfMessages: Math.min(32, max),
        visibilityTimeout: visibilityS,
      });
      return res.receivedMessageItems.map((m) => ({
        id: m.messageId,
        popReceipt: m.popReceipt,
        text: m.messageText,
        dequeueCount: m.dequeueCount,
      }));
    },
    async hide(message, visibilityS) {
      const res = await client.updateMessage(message.id, message.popReceipt, undefined, visibilityS);
      if (res.popReceipt) message.popReceipt = res.popReceipt;
    },
    async remove(message) {
      await client.deleteMessage(message.id, message.popReceipt).catch((err) => {
        // Gone already (another receipt deleted it): nothing to do.
        if ((err as { statusCode?: number }).statusCode !== 404) throw err;
      });
    },
  };
}

/** The queue name for a table prefix (queue names: 3–63 lowercase letters, digits, hyphens). */
export function queueName(prefix: string, base = "outbox"): string {
  const p = prefix.toLowerCase().replace(/[^a-z0-9]/g, "");
  return (p ? `${p}-${base}` : `dialogi-${base}`).slice(0, 63);
}
