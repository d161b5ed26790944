/**
 * Types of the durable outbox (docs/architecture.md, "Outbox"): everything the app sends on its
 * own is first written as delivery rows, then sent by the one instance holding the sender lease.
 */

/** Where one delivery goes: what the sender calls for it. */
export type DeliveryTarget =
  /** A personal chat (created through `via` when the user has none). */
  | { kind: "user"; userId: string; via?: string; tenantId?: string }
  /** A channel or group chat the bot is in. */
  | { kind: "conversation"; conversationId: string; tenantId?: string }
  /** Replaces an activity the bot sent before (card updates). */
  | { kind: "update"; conversationId: string; activityId: string }
  /** A targeted in-meeting notification through the meeting chat. */
  | { kind: "meeting"; chatId: string; meetingId: string; tenantId: string }
  /** An e-mail (the payload is a MailMessage), paced under the mailbox's limits. */
  | { kind: "mail" };

/** One message to one recipient. */
export interface OutboxItem {
  /** The recipient within the decision (a user id, a group, an address key). */
  recipient: string;
  /** When one recipient gets several messages for one decision (a card, then a notes card). */
  part?: number;
  target: DeliveryTarget;
  /** The activity, meeting notification or mail message, stored as JSON. */
  payload: unknown;
}

/** The decision to send: written with its rows before anything leaves the app. */
export interface OutboxDecision {
  /**
   * Idempotency key: the same key (a job rerun, a second click) finds the same rows and sends
   * nothing again. E.g. `announce|d-abc|r1|2026-…`.
   */
  key: string;
  /** The dialogue it belongs to: organisers and facilitators see its failures. */
  dialogueId?: string;
  /** What is sent (e.g. "groupCard", "reminder24h"), shown next to a failure. */
  label: string;
}

/** Where a delivery stands. */
export type DeliveryStatus = "pending" | "sent" | "failed";

/** A delivery row as read back (payload not included). */
export interface DeliveryRow {
  partitionKey: string;
  rowKey: string;
  etag: string;
  decisionKey: string;
  dialogueId?: string;
  label: string;
  recipient: string;
  part: number;
  target: DeliveryTarget;
  status: DeliveryStatus;
  attempts: number;
  /** Why the last attempt failed (an error name and HTTP status; never personal data). */
  lastError?: string;
  /** The instance that sent it (counted by the crash tests). */
  sentBy?: string;
  sentAt?: Date;
  /** The id of the sent activity (for later updates). */
  activityId?: string;
}

/** What the sender does with one row: throws on failure; `permanent` errors are not retried. */
export type Deliver = (row: DeliveryRow, payload: unknown) => Promise<{ activityId?: string } | void>;
