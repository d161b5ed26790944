import { errorFields, type Logger } from "../../logger";
import { backoffMs } from "../backoff";
import { countMetric } from "../telemetry/instrument";
import { DeliveryError } from "../messaging/delivery-error";
import type { DeliveryStore, SentMark } from "./delivery-store";
import type { Deliver, DeliveryRow } from "./outbox-types";
import { createSemaphore } from "./semaphore";
import type { SenderLease } from "./sender-lease";
import type { QueueMessage, WorkQueue } from "./work-queue";

/** Options of {@link createOutboxSender}. */
export interface OutboxSenderOptions {
  store: DeliveryStore;
  queue: WorkQueue;
  lease: SenderLease;
  deliver: Deliver;
  logger: Logger;
  /** How often a non-holder checks the lease, and an idle holder the queue. */
  pollMs: number;
  /** Visibility timeout of a taken message (whole seconds); renewed while it is worked. */
  visibilityS: number;
  /** Attempts per row before it is given up (and shown as failed). */
  maxAttempts: number;
  /** Teams sends in flight at once (pacing per tenant and conversation still applies underneath). */
  concurrency: number;
  /** Mail sends in flight at once (Graph allows 4 concurrent requests per mailbox). */
  mailConcurrency: number;
  /**
   * After an orderly stop, how long past this sender's last send the next holder must wait
   * (its pacing log starts empty, so it cannot know what this one sent in the current window):
   * Teams' one-second windows plus the pacing margin. Default 0.
   */
  handoverQuietMs?: number;
  now?: () => number;
}

/** The sender loop (runs on every instance; sends only while it holds the lease). */
export interface OutboxSender {
  start(): void;
  /** Wakes an idle loop (work was just queued on this instance). */
  wake(): void;
  /**
   * Orderly stop (SIGTERM, a deploy): no new send starts, the sends in flight finish and are
   * marked, the messages being worked are made visible again at once and the lease is released
   * (free after {@link OutboxSenderOptions.handoverQuietMs}), so the next holder takes over
   * within about a second and repeats nothing.
   */
  stop(): Promise<void>;
  /** Rows being sent right now (for tests). */
  inFlight(): number;
  /**
   * Resolves true when this instance has worked `partitionKey` to the end (nothing left
   * pending), false after `timeoutMs` or at once when this instance does not hold the lease.
   */
  settled(partitionKey: string, timeoutMs: number): Promise<boolean>;
}

/** Retry delay after a round of transient failures (seconds, for the message's visibility). */
const retryDelayS = (dequeueCount: number) =>
  Math.max(1, Math.round(backoffMs(dequeueCount, { baseMs: 2000, maxMs: 120_000, jitter: "equal" }) / 1000));

/** A queue message being worked, with its current receipt; `again`: read the pending rows once more. */
type Slot = { message: QueueMessage; again: boolean };

/** Sent rows marked in one transaction, at the latest after {@link MARK_DELAY_MS}. */
const MARK_BATCH = 20;
const MARK_DELAY_MS = 100;
/** Sent rows that may wait unmarked before new sends wait (bounds what a crash repeats). */
export const MARK_PENDING_MAX = 40;

/** Pending rows of a partition with their payloads, as the store reads them. */
type PendingRows = Awaited<ReturnType<DeliveryStore["pending"]>>;

/** Takes of one message beyond the row attempt budget before it counts as poison. */
const POISON_EXTRA = 5;

/**
 * No retry can help: the error says so (no reference, conversation gone), or the connector
 * refused with a 4xx other than throttling or a precondition race (the messenger already
 * retried what can be retried).
 */
const isPermanent = (err: unknown) => {
  if ((err as { permanent?: unknown })?.permanent === true) return true;
  const status = err instanceof DeliveryError ? err.statusCode : undefined;
  return status !== undefined && status >= 400 && status < 500 && ![408, 412, 429].includes(status);
};
const describe = (err: unknown) => {
  const e = err as { name?: string; statusCode?: number };
  return `${e?.name ?? "Error"}${e?.statusCode ? ` ${e.statusCode}` : ""}`;
};

/**
 * Works the queue while this instance holds the sender lease: each message names a decision's
 * partition; its pending rows are sent and each is marked sent with an ETag-conditional update.
 * A crash leaves at most the rows in flight unmarked (sent again by the next holder when the
 * message reappears); a rerun of the decision finds them sent and sends nothing.
 */
export function createOutboxSender(options: OutboxSenderOptions): OutboxSender {
  const { store, queue, lease, deliver, logger } = options;
  const now = options.now ?? Date.now;
  const teams = createSemaphore(Math.max(1, options.concurrency));
  const mail = createSemaphore(Math.max(1, options.mailConcurrency));
  /** Partitions being worked, with the message whose receipt is current. */
  const working = new Map<string, Slot>();
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let inFlight = 0;
  /** When this sender last called the connector or the mailbox (0: never): the handover's quiet period runs from it. */
  let lastSendAt = 0;
  const maxMessages = 32;
  /** Sent rows not yet marked, across partitions, and sends waiting for that to shrink. */
  let unmarked = 0;
  const markWaiters: (() => void)[] = [];
  /** Waiters for a partition worked to the end ({@link OutboxSender.settled}). */
  const settledWaiters = new Map<string, Set<(worked: boolean) => void>>();
  const notifySettled = (pk: string) => {
    for (const w of settledWaiters.get(pk) ?? []) w(true);
    settledWaiters.delete(pk);
  };

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

  async function sendRow(
    row: DeliveryRow,
    payload: unknown,
    marks: Marks,
  ): Promise<"sent" | "retry" | "failed" | "stopped"> {
    const gate = row.target.kind === "mail" ? mail : teams;
    // Back-pressure: no new send while too many sent rows wait to be marked (what a crash repeats).
    await marks.room();
    const release = await gate.acquire();
    let marked: Promise<void> | undefined;
    try {
      // A lapsed lease means another instance may be sending now: leave the row to it.
      if (!running || !lease.holds()) return "stopped";
      inFlight++;
      let result: { activityId?: string } | void;
      try {
        result = await deliver(row, payload);
      } catch (err) {
        lastSendAt = now();
        const final = isPermanent(err) || row.attempts + 1 >= options.maxAttempts;
        await store.markAttempt(row, describe(err), final);
        countMetric(final ? "dialogi.outbox.failed" : "dialogi.outbox.retried", 1, { kind: row.target.kind });
        logger.warn("outbox delivery failed", {
          label: row.label,
          dialogueId: row.dialogueId,
          attempt: row.attempts + 1,
          final,
          ...errorFields(err),
        });
        return final ? "failed" : "retry";
      } finally {
        inFlight--;
      }
      lastSendAt = now();
      marked = marks.add({
        row,
        by: lease.owner,
        at: new Date(now()),
        activityId: result?.activityId || undefined,
      });
      countMetric("dialogi.outbox.sent", 1, { kind: row.target.kind });
    } finally {
      // The slot is free for the next send while this row's mark waits for its batch.
      release();
    }
    await marked;
    return "sent";
  }

  /**
   * Sent rows of one partition, marked in batches (a transaction per flush) rather than one
   * write each: the store's writes, not the connector, were what limited a sender. At most
   * {@link MARK_PENDING_MAX} rows wait unmarked (the sender's, all partitions), so a crash repeats at most that many plus the
   * sends in flight.
   */
  type Marks = ReturnType<typeof createMarks>;
  function createMarks() {
    type Entry = SentMark;
    let buffer: { entry: Entry; done: () => void; fail: (e: unknown) => void }[] = [];
    let timer: NodeJS.Timeout | undefined;
    let flushing: Promise<void> = Promise.resolve();
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      const batch = buffer;
      buffer = [];
      if (batch.length === 0) return flushing;
      flushing = flushing
        .then(() => store.markSentMany(batch.map((b) => b.entry)))
        .then(
          () => batch.forEach((b) => b.done()),
          (err: unknown) => batch.forEach((b) => b.fail(err)),
        )
        .finally(() => {
          unmarked -= batch.length;
          while (unmarked < MARK_PENDING_MAX && markWaiters.length) markWaiters.shift()!();
        });
      return flushing;
    };
    return {
      add(entry: Entry): Promise<void> {
        unmarked++;
        return new Promise<void>((done, fail) => {
          buffer.push({ entry, done, fail });
          if (buffer.length >= MARK_BATCH) void flush();
          else timer ??= setTimeout(() => void flush(), MARK_DELAY_MS);
        });
      },
      room: () =>
        unmarked < MARK_PENDING_MAX ? Promise.resolve() : new Promise<void>((r) => markWaiters.push(r)),
    };
  }

  /**
   * Recipients in parallel, each one's parts in order (a scribe's notes card comes after their
   * group card, as a chat reads top down). A part left for a retry holds back the later parts,
   * which then follow it on the retry instead of overtaking it.
   */
  async function sendInOrder(rows: PendingRows, marks: Marks): Promise<string[]> {
    const byRecipient = new Map<string, PendingRows>();
    for (const r of rows) byRecipient.set(r.row.recipient, [...(byRecipient.get(r.row.recipient) ?? []), r]);
    const outcomes = await Promise.all(
      [...byRecipient.values()].map(async (parts) => {
        const out: string[] = [];
        for (const { row, payload } of parts.sort((a, b) => a.row.part - b.row.part)) {
          const last = out.at(-1);
          out.push(last === "retry" || last === "stopped" ? last : await sendRow(row, payload, marks));
        }
        return out;
      }),
    );
    return outcomes.flat();
  }

  async function work(partitionKey: string, slot: Slot): Promise<void> {
    const renew = setInterval(
      () => void queue.hide(slot.message, options.visibilityS).catch(() => undefined),
      Math.max(500, (options.visibilityS * 1000) / 3),
    );
    try {
      const outcomes: string[] = [];
      do {
        // Rows put back to pending while we worked ("send again") are read on the next pass.
        slot.again = false;
        const rows = await store.pending(partitionKey);
        const marks = createMarks();
        outcomes.push(...(await sendInOrder(rows, marks)));
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
      notifySettled(partitionKey);
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
      for (const waiters of settledWaiters.values()) for (const w of waiters) w(false);
      settledWaiters.clear();
      const quiet = options.handoverQuietMs ?? 0;
      await lease.release(lastSendAt > 0 ? lastSendAt + quiet : now());
    },
    inFlight: () => inFlight,
    settled(partitionKey, timeoutMs) {
      if (!running || !lease.holds()) return Promise.resolve(false);
      return new Promise((resolve) => {
        const set = settledWaiters.get(partitionKey) ?? new Set();
        settledWaiters.set(partitionKey, set);
        const done = (worked: boolean) => {
          clearTimeout(timer);
          set.delete(done);
          resolve(worked);
        };
        const timer = setTimeout(() => {
          set.delete(done);
          resolve(false);
        }, timeoutMs);
        set.add(done);
      });
    },
  };
}
