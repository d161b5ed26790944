import type { Env } from "./env-schema";
import type { TablesConfig } from "./tables";

/** The durable outbox and its one sender (docs/architecture.md, "Outbox"). */
export interface OutboxConfig {
  /** Storage queue endpoint for managed identity (derived from TABLES_ENDPOINT unless set). */
  queueEndpoint?: string;
  /** How long the sender lease lasts unless renewed (renewed every third): takeover time after a crash. */
  leaseMs: number;
  /** How long a taken queue message stays hidden (whole seconds; renewed while worked). */
  visibilityS: number;
  /** How often a non-holder checks the lease and an idle holder the queue. */
  pollMs: number;
  /** Attempts per delivery before it is given up and shown as failed. */
  maxAttempts: number;
  /** Teams sends in flight at once. */
  concurrency: number;
  /** Mails per minute and per day from the sending mailbox (below Exchange Online's 30 and 10,000). */
  mailPerMinute: number;
  mailPerDay: number;
  /**
   * Days after its last row was sent or given up until a decision's rows (recipients, payloads)
   * are erased by the daily sweep (`OUTBOX_RETENTION_DAYS`, 7–3650, default 30). At least a week:
   * the rows are also the decision's idempotency record, and failures stay visible that long.
   */
  retentionDays: number;
}

/** The outbox settings; the queue lives in the tables' storage account. */
export function outboxConfig(e: Env, tables: TablesConfig): OutboxConfig {
  const derived =
    tables.kind === "endpoint" ? tables.endpoint.replace(".table.core.", ".queue.core.") : undefined;
  return {
    queueEndpoint: e.QUEUES_ENDPOINT ?? derived,
    leaseMs: e.OUTBOX_LEASE_MS,
    visibilityS: e.OUTBOX_VISIBILITY_S,
    pollMs: e.OUTBOX_POLL_MS,
    maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
    concurrency: e.OUTBOX_CONCURRENCY,
    mailPerMinute: e.MAIL_PER_MINUTE,
    mailPerDay: e.MAIL_PER_DAY,
    retentionDays: e.OUTBOX_RETENTION_DAYS,
  };
}
