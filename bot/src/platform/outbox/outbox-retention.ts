import type { TableClient } from "@azure/data-tables";
import { forEachLimit } from "../concurrency";
import { LEASE_PARTITION } from "./delivery-store";

const DAY_MS = 24 * 60 * 60_000;
/** Deletes in flight at once. */
const PARALLEL = 16;
const statusOf = (err: unknown) => (err as { statusCode?: number }).statusCode;

/** Options of {@link createOutboxRetention}. */
export interface OutboxRetentionOptions {
  /** The `Outbox` table. */
  table: TableClient;
  /** A finished decision is erased this many days after its last row finished (config `OUTBOX_RETENTION_DAYS`). */
  days: number;
  now?: () => Date;
}

/** What one sweep erased. */
export interface RetentionSweep {
  decisions: number;
  rows: number;
}

/** Erases old finished decisions from the outbox (docs/reliability-security.md, "Retention"). */
export interface OutboxRetention {
  /** One pass over the table; safe to repeat and to run on several instances at once. */
  sweep(): Promise<RetentionSweep>;
}

interface Listed {
  rowKey: string;
  etag: string;
}

/** When a row finished: sent (its `sentAt`) or given up (`failedAt`, else its last write). */
function finishedAt(e: Record<string, unknown>): number | undefined {
  const at = (v: unknown) => (typeof v === "string" && v ? Date.parse(v) : Number.NaN);
  if (e.status === "sent") return Number.isNaN(at(e.sentAt)) ? at(e.timestamp) : at(e.sentAt);
  if (e.status === "failed") return Number.isNaN(at(e.failedAt)) ? at(e.timestamp) : at(e.failedAt);
  return undefined;
}

/**
 * Creates the retention rule of the outbox: the rows of a decision (one partition) hold the
 * recipients' ids and the payloads (cards, mails with addresses), so once every row of it is sent
 * or given up and the last one finished more than `days` ago, the whole decision is deleted —
 * whoever it belonged to (a dialogue, a series, `org-<id>`, the app). A decision with a row still
 * pending stays whole, however old; the sender lease (`~lease`) is never touched. Deletes are
 * If-Match the ETag read, so a row sent again meanwhile ("send again") is left alone.
 *
 * A decision's rows are also its idempotency record: the same key after the erase would send
 * again. `days` must therefore exceed the time any decision can be taken again (job retries are
 * hours; card nonces and request ids belong to rounds and requests long over by then).
 */
export function createOutboxRetention(options: OutboxRetentionOptions): OutboxRetention {
  const { table, days } = options;
  const now = options.now ?? (() => new Date());

  /**
   * Deletes a decision's rows, each If-Match its ETag (a transaction's deletes cannot be
   * conditional), several at a time; a row changed or gone meanwhile is left alone.
   */
  async function erase(pk: string, rows: Listed[]): Promise<number> {
    let removed = 0;
    await forEachLimit(rows, PARALLEL, async (r) => {
      try {
        await table.deleteEntity(pk, r.rowKey, { etag: r.etag });
        removed++;
      } catch (err) {
        if (statusOf(err) !== 404 && statusOf(err) !== 412) throw err;
      }
    });
    return removed;
  }

  return {
    async sweep() {
      const cutoff = now().getTime() - days * DAY_MS;
      // Rows come ordered by partition: decide each decision once its rows are all read.
      const expired: { pk: string; rows: Listed[] }[] = [];
      let current: { pk: string; rows: Listed[]; keep: boolean } | undefined;
      const close = () => {
        if (current && !current.keep && current.rows.length > 0) expired.push(current);
      };
      const listed = table.listEntities<Record<string, unknown>>({
        queryOptions: { select: ["PartitionKey", "RowKey", "status", "sentAt", "failedAt", "Timestamp"] },
      });
      for await (const e of listed) {
        const pk = String(e.partitionKey);
        if (pk === LEASE_PARTITION) continue;
        if (current?.pk !== pk) {
          close();
          current = { pk, rows: [], keep: false };
        }
        const done = finishedAt(e);
        // Pending, or finished within the period (or at an unreadable time): the decision stays.
        if (done === undefined || Number.isNaN(done) || done >= cutoff) current.keep = true;
        if (!current.keep) current.rows.push({ rowKey: String(e.rowKey), etag: e.etag });
      }
      close();
      let rows = 0;
      for (const d of expired) rows += await erase(d.pk, d.rows);
      return { decisions: expired.length, rows };
    },
  };
}
