import type { PacingHandover } from "../messaging/pacing-handover";
import type { Logger } from "../../logger";
import type { DeliveryStore } from "./delivery-store";
import type { Deliver } from "./outbox-types";
import type { SenderLease } from "./sender-lease";
import type { WorkQueue } from "./work-queue";

/** Options of `createOutboxSender` (outbox-sender.ts). */
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
  /**
   * The messenger's pacing, handed to the next holder at an orderly stop (and adopted from the
   * last one on taking over), so a handover needs no quiet period.
   */
  pacing?: PacingHandover;
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
