import { errorFields } from "../../logger";
import { backoffMs } from "../backoff";
import type { OutboxSender, OutboxSenderOptions } from "./outbox-sender-types";
import { createRowSender, type RowOutcome } from "./row-sender";
import { createSentMarks } from "./sent-marks";
import { createSettledWaiters } from "./settled-waiters";
import type { QueueMessage } from "./work-queue";

// Callers (the app's outbox, the specs, the kill test's bound on what a crash repeats) import
// these from the sender, where they lived before the split.
export { MARK_PENDING_MAX } from "./sent-marks";
export type { OutboxSender, OutboxSenderOptions } from "./outbox-sender-types";

/** Retry delay after a round of transient failures (seconds, for the message's visibility). */
const retryDelayS = (dequeueCount: number) =>
  Math.max(1, Math.round(backoffMs(dequeueCount, { baseMs: 2000, maxMs: 120_000, jitter: "equal" }) / 1000));

/** A queue message being worked, with its current receipt; `again`: read the pending rows once more. */
type Slot = { message: QueueMessage; again: boolean };

/** Takes of one message beyond the row attempt budget before it counts as poison. */
const POISON_EXTRA = 5;

/**
 * Works the queue while this instance holds the sender lease: each message names a decision's
 * partition; its pending rows are sent and each is marked sent with an ETag-conditional update.
 * A crash leaves at most the rows in flight unmarked (sent again by the next holder when the
 * message reappears); a rerun of the decision finds them sent and sends nothing.
 */
export function createOutboxSender(options: OutboxSenderOptions): OutboxSender {
  const { store, queue, lease, logger } = options;
  const now = options.now ?? Date.now;
  let running = false;
  const rows = createRowSender({ ...options, now, isRunning: () => running });
  const sentMarks = createSentMarks(store);
  /** Partitions being worked, with the message whose receipt is current. */
  const working = new Map<string, Slot>();
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  const maxMessages = 32;
  const settledWaiters = createSettledWaiters();

  const idle = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  async function work(partitionKey: string, slot: Slot): Promise<void> {
    const renew = setInterval(
      () => void queue.hide(slot.message, options.visibilityS).catch(() => undefined),
      Math.max(500, (options.visibilityS * 1000) / 3),
    );
    try {
      const outcomes: RowOutcome[] = [];
      do {
        // Rows put back to pending while we worked ("send again") are read on the next pass.
        slot.again = false;
        const pending = await store.pending(partitionKey);
        const marks = sentMarks.createMarks();
        outcomes.push(...(await rows.sendInOrder(pending, marks)));
      } while (slot.again && running);
      clearInterval(renew);
      if (outcomes.includes("stopped")) {
        // Visible to the next holder at once rather than after the visibility timeout; were this
        // to fail, the message still reappears when the timeout runs out.
        await queue.hide(slot.message, 0).catch(() => undefined);
        return;
      }
      if (outcomes.includes("retry")) {
        const delayS = retryDelayS(slot.message.dequeueCount);
        await queue.hide(slot.message, delayS).catch(async () => {
          // The message is gone (deleted under another receipt): queue the rest anew.
          await queue.send(JSON.stringify({ pk: partitionKey }), delayS);
        });
        return;
      }
      await queue.remove(slot.message);
      settledWaiters.notify(partitionKey);
    } finally {
      clearInterval(renew);
    }
  }

  async function take(message: QueueMessage): Promise<void> {
    let partitionKey: string;
    try {
      partitionKey = String((JSON.parse(message.text) as { pk?: unknown }).pk ?? "");
    } catch {
      partitionKey = "";
    }
    if (!partitionKey) {
      await queue.remove(message);
      return;
    }
    if (message.dequeueCount > options.maxAttempts + POISON_EXTRA) {
      // Taken again and again without finishing (its rows cannot even be read): give its rows
      // up so they show as failed, and drop the message.
      logger.error("outbox message is poison; its rows are given up", { dequeueCount: message.dequeueCount });
      for (const { row } of await store.pending(partitionKey).catch(() => []))
        await store.markAttempt(row, "poison", true).catch(() => undefined);
      await queue.remove(message);
      return;
    }
    const current = working.get(partitionKey);
    if (current) {
      if (current.message.id === message.id) {
        // Our own message reappeared (a renewal came late): keep working it under the new receipt.
        current.message = message;
        return;
      }
      // Another message for a partition being worked (a rerun, "send again"): the worker reads
      // the pending rows once more when done, so this copy can go.
      current.again = true;
      await queue.remove(message).catch(() => undefined);
      return;
    }
    const slot: Slot = { message, again: false };
    working.set(partitionKey, slot);
    try {
      await work(partitionKey, slot);
    } catch (err) {
      logger.warn("outbox work failed; the message comes back", errorFields(err));
    } finally {
      working.delete(partitionKey);
    }
  }

  async function run(): Promise<void> {
    const tasks = new Set<Promise<void>>();
    while (running) {
      try {
        const holding = lease.due() || !lease.holds() ? await lease.tryHold() : true;
        const handover = holding ? lease.takeHandover() : undefined;
        if (handover && options.pacing && !options.pacing.adopt(handover))
          logger.warn("outbox pacing handover not understood; pacing starts afresh");
        if (!holding) {
          // A lease released by an orderly stop frees within a second: try again right then.
          const freeIn = lease.freeAt() - now();
          await idle(freeIn > 0 ? Math.min(options.pollMs, freeIn + 5) : options.pollMs);
          continue;
        }
        if (tasks.size >= maxMessages) {
          await Promise.race([...tasks, idle(options.pollMs)]);
          continue;
        }
        const messages = await queue.receive(maxMessages - tasks.size, options.visibilityS);
        for (const m of messages) {
          const task = take(m).finally(() => tasks.delete(task));
          tasks.add(task);
        }
        if (messages.length === 0) await idle(options.pollMs);
      } catch (err) {
        logger.warn("outbox loop error", errorFields(err));
        await idle(options.pollMs);
      }
    }
    await Promise.allSettled([...tasks]);
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    wake: () => wakeUp?.(),
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
      // Waiters on this instance's sending learn at once that it will not happen here.
      settledWaiters.abandonAll();
      // With the pacing handed over, the next holder may send right after our last send.
      const handover = options.pacing?.snapshot();
      const quiet = handover ? 0 : (options.handoverQuietMs ?? 0);
      const lastSendAt = rows.lastSendAt();
      await lease.release(lastSendAt > 0 ? lastSendAt + quiet : now(), handover);
    },
    inFlight: () => rows.inFlight(),
    settled(partitionKey, timeoutMs) {
      if (!running || !lease.holds()) return Promise.resolve(false);
      return settledWaiters.wait(partitionKey, timeoutMs);
    },
  };
}
