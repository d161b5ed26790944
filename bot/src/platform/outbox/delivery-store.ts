import type { TableClient, TableEntityResult, TransactionAction } from "@azure/data-tables";
import { encodeKey } from "../tables/keys";
import { fromChunks, toChunks } from "../tables/chunked-json";
import type { DeliveryRow, DeliveryStatus, DeliveryTarget, OutboxDecision, OutboxItem } from "./outbox-types";

/** Rows per transaction: Azure Tables' batch limit (one partition, ≤ 100 entities). */
const BATCH = 100;
/** The partition of the sender lease (outside every decision's partition). */
export const LEASE_PARTITION = "~lease";

const statusOf = (err: unknown) => (err as { statusCode?: number }).statusCode;

/** The partition of a decision: its dialogue first, so that a dialogue's rows are one key range. */
export function decisionPartition(decision: OutboxDecision): string {
  return encodeKey(`${decision.dialogueId ?? "~app"}|${decision.key}`);
}

const rowKeyOf = (item: OutboxItem) =>
  encodeKey(`${item.recipient}|${String(item.part ?? 0).padStart(2, "0")}`);

type Entity = Record<string, unknown> & { partitionKey: string; rowKey: string };

function toRow(e: TableEntityResult<Record<string, unknown>>): DeliveryRow {
  return {
    partitionKey: e.partitionKey!,
    rowKey: e.rowKey!,
    etag: e.etag,
    decisionKey: String(e.decisionKey ?? ""),
    dialogueId: typeof e.dialogueId === "string" && e.dialogueId ? e.dialogueId : undefined,
    label: String(e.label ?? ""),
    recipient: String(e.recipient ?? ""),
    part: Number(e.part ?? 0),
    target: JSON.parse(String(e.target ?? "{}")) as DeliveryTarget,
    status: (e.status as DeliveryStatus) ?? "pending",
    attempts: Number(e.attempts ?? 0),
    lastError: typeof e.lastError === "string" && e.lastError ? e.lastError : undefined,
    sentBy: typeof e.sentBy === "string" ? e.sentBy : undefined,
    sentAt: typeof e.sentAt === "string" ? new Date(e.sentAt) : undefined,
    activityId: typeof e.activityId === "string" && e.activityId ? e.activityId : undefined,
  };
}

/** A row the sender delivered, to be marked sent. */
export interface SentMark {
  row: DeliveryRow;
  /** The sender lease's owner that sent it. */
  by: string;
  at: Date;
  activityId?: string;
}

/** What marking a row sent writes (merged, If-Match the row's ETag): one row or a batch alike. */
const sentEntity = ({ row, by, at, activityId }: SentMark): Entity => ({
  partitionKey: row.partitionKey,
  rowKey: row.rowKey,
  status: "sent",
  sentBy: by,
  sentAt: at.toISOString(),
  activityId: activityId ?? "",
  attempts: row.attempts + 1,
});

/** The delivery rows (table `Outbox`): one per decision × recipient × part, the record of who got what. */
export interface DeliveryStore {
  /**
   * Writes the decision's rows: new ones are created (a transaction per 100), existing ones are
   * left as they are — a rerun adds nothing and resets nothing. Returns the partition and how
   * many of its rows still wait to be sent.
   */
  write(
    decision: OutboxDecision,
    items: readonly OutboxItem[],
  ): Promise<{ partitionKey: string; pending: number }>;
  /** Rows of a partition still to send, with their payloads. */
  pending(partitionKey: string): Promise<{ row: DeliveryRow; payload: unknown }[]>;
  /** Marks a row sent (If-Match its ETag); false when another writer changed it first. */
  markSent(row: DeliveryRow, by: string, at: Date, activityId?: string): Promise<boolean>;
  /**
   * Marks rows of one partition sent in one transaction per 100 (each If-Match its ETag); when
   * the transaction is refused (another writer changed a row) each is marked on its own.
   */
  markSentMany(entries: readonly SentMark[]): Promise<void>;
  /** Records a failed attempt; `final` gives up on the row (it stays visible as failed). */
  markAttempt(row: DeliveryRow, error: string, final: boolean): Promise<void>;
  /** Every row of a dialogue (all decisions), without payloads. */
  forDialogue(dialogueId: string, status?: DeliveryStatus): Promise<DeliveryRow[]>;
  /** Puts failed rows back to pending with a fresh attempt budget; returns their partitions and count. */
  retry(
    dialogueId: string,
    rows: readonly { partitionKey: string; rowKey: string }[],
  ): Promise<{ partitions: string[]; count: number }>;
}

/** Options of {@link createDeliveryStore}. */
export interface DeliveryStoreOptions {
  /** The clock that stamps a row given up (`failedAt`, read by outbox-retention.ts). */
  now?: () => Date;
}

/** Creates the {@link DeliveryStore} over the `Outbox` table. */
export function createDeliveryStore(table: TableClient, options: DeliveryStoreOptions = {}): DeliveryStore {
  const now = options.now ?? (() => new Date());
  const listRows = async (filter: string, select?: string[]) => {
    const out: TableEntityResult<Record<string, unknown>>[] = [];
    const iter = table.listEntities<Record<string, unknown>>({ queryOptions: { filter, select } });
    for await (const e of iter) out.push(e);
    return out;
  };
  const inPartition = (pk: string) => `PartitionKey eq '${pk.replace(/'/g, "''")}'`;

  async function createMissing(pk: string, entities: Entity[]): Promise<void> {
    const existing = new Set((await listRows(inPartition(pk), ["RowKey"])).map((e) => e.rowKey));
    for (const e of entities) {
      if (existing.has(e.rowKey)) continue;
      await table.createEntity(e).catch((err) => {
        if (statusOf(err) !== 409) throw err;
      });
    }
  }

  return {
    async write(decision, items) {
      const pk = decisionPartition(decision);
      const seen = new Set<string>();
      const entities: Entity[] = [];
      for (const item of items) {
        const rk = rowKeyOf(item);
        if (seen.has(rk)) continue;
        seen.add(rk);
        entities.push({
          partitionKey: pk,
          rowKey: rk,
          decisionKey: decision.key,
          dialogueId: decision.dialogueId ?? "",
          label: decision.label,
          recipient: item.recipient,
          part: item.part ?? 0,
          target: JSON.stringify(item.target),
          status: "pending",
          attempts: 0,
          ...toChunks(item.payload),
        });
      }
      for (let i = 0; i < entities.length; i += BATCH) {
        const chunk = entities.slice(i, i + BATCH);
        const actions: TransactionAction[] = chunk.map((e) => ["create", e]);
        try {
          await table.submitTransaction(actions);
        } catch (err) {
          // Some rows exist (a rerun, or a crash between transactions): the transaction rolled
          // back as a whole, so add only the missing ones.
          if (statusOf(err) !== 409) throw err;
          await createMissing(pk, chunk);
        }
      }
      const pending = await listRows(`${inPartition(pk)} and status eq 'pending'`, ["RowKey"]);
      return { partitionKey: pk, pending: pending.length };
    },

    async pending(pk) {
      const rows = await listRows(`${inPartition(pk)} and status eq 'pending'`);
      return rows.map((e) => ({ row: toRow(e), payload: fromChunks(e) }));
    },

    async markSent(row, by, at, activityId) {
      try {
        await table.updateEntity(sentEntity({ row, by, at, activityId }), "Merge", { etag: row.etag });
        return true;
      } catch (err) {
        if (statusOf(err) === 412 || statusOf(err) === 404) return false;
        throw err;
      }
    },

    async markSentMany(entries) {
      for (let i = 0; i < entries.length; i += BATCH) {
        const chunk = entries.slice(i, i + BATCH);
        const actions: TransactionAction[] = chunk.map((e) => [
          "update",
          sentEntity(e),
          "Merge",
          { etag: e.row.etag },
        ]);
        try {
          await table.submitTransaction(actions);
        } catch (err) {
          const s = statusOf(err);
          if (s !== 412 && s !== 404 && s !== 409 && s !== 400) throw err;
          for (const e of chunk) await this.markSent(e.row, e.by, e.at, e.activityId);
        }
      }
    },

    async markAttempt(row, error, final) {
      try {
        await table.updateEntity(
          {
            partitionKey: row.partitionKey,
            rowKey: row.rowKey,
            attempts: row.attempts + 1,
            lastError: error.slice(0, 200),
            ...(final ? { status: "failed", failedAt: now().toISOString() } : {}),
          },
          "Merge",
          { etag: row.etag },
        );
      } catch (err) {
        if (statusOf(err) !== 412 && statusOf(err) !== 404) throw err;
      }
    },

    async forDialogue(dialogueId, status) {
      const lo = encodeKey(`${dialogueId}|`);
      const hi = encodeKey(`${dialogueId}}`);
      const filter =
        `PartitionKey ge '${lo.replace(/'/g, "''")}' and PartitionKey lt '${hi.replace(/'/g, "''")}'` +
        (status ? ` and status eq '${status}'` : "");
      const select = [
        ...["PartitionKey", "RowKey", "decisionKey", "dialogueId", "label", "recipient", "part", "target"],
        ...["status", "attempts", "lastError", "sentBy", "sentAt", "activityId"],
      ];
      return (await listRows(filter, select)).map(toRow);
    },

    async retry(dialogueId, rows) {
      const partitions = new Set<string>();
      let count = 0;
      for (const { partitionKey, rowKey } of rows) {
        // Only rows of this dialogue (the caller's rights were checked for it).
        if (!partitionKey.startsWith(encodeKey(`${dialogueId}|`))) continue;
        try {
          const e = await table.getEntity<Record<string, unknown>>(partitionKey, rowKey);
          if (e.status !== "failed") continue;
          await table.updateEntity(
            { partitionKey, rowKey, status: "pending", attempts: 0, lastError: "" },
            "Merge",
            { etag: e.etag },
          );
          partitions.add(partitionKey);
          count++;
        } catch (err) {
          if (statusOf(err) !== 404 && statusOf(err) !== 412) throw err;
        }
      }
      return { partitions: [...partitions], count };
    },
  };
}
