import { errorFields, type Logger } from "../../logger";
import { countMetric } from "../telemetry/instrument";
import { DeliveryError } from "../messaging/delivery-error";
import type { DeliveryStore } from "./delivery-store";
import type { Deliver, DeliveryRow } from "./outbox-types";
import { createSemaphore } from "./semaphore";
import type { SenderLease } from "./sender-lease";
import type { Marks } from "./sent-marks";

/** Pending rows of a partition with their payloads, as the store reads them. */
export type PendingRows = Awaited<ReturnType<DeliveryStore["pending"]>>;

/**
 * What became of one row: sent (and marked), left for a retry, given up, or not tried because
 * this sender stopped or lost the lease.
 */
export type RowOutcome = "sent" | "retry" | "failed" | "stopped";

/** Options of {@link createRowSender}. */
export interface RowSenderOptions {
  store: DeliveryStore;
  lease: SenderLease;
  deliver: Deliver;
  logger: Logger;
  /** Attempts per row before it is given up (and shown as failed). */
  maxAttempts: number;
  /** Teams sends in flight at once. */
  concurrency: number;
  /** Mail sends in flight at once. */
  mailConcurrency: number;
  now: () => number;
  /** False once the sender is stopping: no new send starts. */
  isRunning: () => boolean;
}

/** Sends a partition's pending rows for the outbox sender. */
export interface RowSender {
  /**
   * Recipients in parallel, each one's parts in order (a scribe's notes card comes after their
   * group card, as a chat reads top down). A part left for a retry holds back the later parts,
   * which then follow it on the retry instead of overtaking it.
   */
  sendInOrder(rows: PendingRows, marks: Marks): Promise<RowOutcome[]>;
  /** Rows being sent right now. */
  inFlight(): number;
  /** When a row was last handed to the connector or the mailbox (0: never). */
  lastSendAt(): number;
}

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
/** What the row records as its last error: the error's kind and HTTP status, not its message. */
const describe = (err: unknown) => {
  const e = err as { name?: string; statusCode?: number };
  return `${e?.name ?? "Error"}${e?.statusCode ? ` ${e.statusCode}` : ""}`;
};

/** Creates the {@link RowSender}: Teams and mail sends each bounded by their own concurrency. */
export function createRowSender(options: RowSenderOptions): RowSender {
  const { store, lease, deliver, logger, now } = options;
  const teams = createSemaphore(Math.max(1, options.concurrency));
  const mail = createSemaphore(Math.max(1, options.mailConcurrency));
  let inFlight = 0;
  let lastSendAt = 0;

  async function sendRow(row: DeliveryRow, payload: unknown, marks: Marks): Promise<RowOutcome> {
    const gate = row.target.kind === "mail" ? mail : teams;
    // Back-pressure: no new send while too many sent rows wait to be marked (what a crash repeats).
    await marks.room();
    const release = await gate.acquire();
    let marked: Promise<void> | undefined;
    try {
      // A lapsed lease means another instance may be sending now: leave the row to it.
      if (!options.isRunning() || !lease.holds()) return "stopped";
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

  return {
    async sendInOrder(rows, marks) {
      const byRecipient = new Map<string, PendingRows>();
      for (const r of rows)
        byRecipient.set(r.row.recipient, [...(byRecipient.get(r.row.recipient) ?? []), r]);
      const outcomes = await Promise.all(
        [...byRecipient.values()].map(async (parts) => {
          const out: RowOutcome[] = [];
          for (const { row, payload } of parts.sort((a, b) => a.row.part - b.row.part)) {
            const last = out.at(-1);
            out.push(last === "retry" || last === "stopped" ? last : await sendRow(row, payload, marks));
          }
          return out;
        }),
      );
      return outcomes.flat();
    },
    inFlight: () => inFlight,
    lastSendAt: () => lastSendAt,
  };
}
