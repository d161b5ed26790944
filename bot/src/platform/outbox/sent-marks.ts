import type { DeliveryStore, SentMark } from "./delivery-store";

/** Sent rows marked in one transaction, at the latest after {@link MARK_DELAY_MS}. */
export const MARK_BATCH = 20;
/** How long a sent row waits for its batch to fill before it is marked anyway. */
export const MARK_DELAY_MS = 100;
/** Sent rows that may wait unmarked before new sends wait (bounds what a crash repeats). */
export const MARK_PENDING_MAX = 40;

/** The sent rows of one pass over a partition, marked in batches. */
export interface Marks {
  /** Queues a sent row's mark; resolves once it is written, rejects when its batch failed. */
  add(entry: SentMark): Promise<void>;
  /** Resolves when fewer than {@link MARK_PENDING_MAX} sent rows (the sender's, all partitions) wait unmarked. */
  room(): Promise<void>;
}

/** The sender-wide count of unmarked sent rows, and the batches of each pass. */
export interface SentMarks {
  /** A new batch for one pass over a partition ({@link Marks}). */
  createMarks(): Marks;
}

/**
 * Creates the sender's {@link SentMarks}. Sent rows are marked in batches (a transaction per
 * flush) rather than one write each: the store's writes, not the connector, were what limited a
 * sender. At most {@link MARK_PENDING_MAX} rows wait unmarked across partitions, so a crash
 * repeats at most that many plus the sends in flight.
 */
export function createSentMarks(store: Pick<DeliveryStore, "markSentMany">): SentMarks {
  /** Sent rows not yet marked, across partitions, and sends waiting for that to shrink. */
  let unmarked = 0;
  const markWaiters: (() => void)[] = [];

  function createMarks(): Marks {
    let buffer: { entry: SentMark; done: () => void; fail: (e: unknown) => void }[] = [];
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
      add(entry) {
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

  return { createMarks };
}
