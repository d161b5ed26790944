import type { TableClient, TransactionAction } from "@azure/data-tables";
import type { Dialogue } from "../domain/types";
import type { JobQueue } from "../../../platform/jobs/job-types";
import { INDEX_PARTITION } from "../../../platform/jobs/job-table";
import { decodeKey, encodeKey } from "../../../platform/tables/keys";
import type { TableStore } from "../../../platform/tables/table-store";
import { statusOf } from "../../../platform/tables/errors";
import { indexPartition, pendingIndexPartition } from "./dialogue-repository";
import { retentionJobId, retentionNoticeJobId } from "../domain/retention";

/**
 * Tables whose partition key is the dialogue id (Dialogues last: its `meta` row goes at the very
 * end). PublicRegistrants holds public registrants' e-mail addresses (features/public-registration).
 */
const DIALOGUE_PARTITIONED = ["Notes", "Groups", "Registrations", "PublicRegistrants", "Dialogues"] as const;
const q = (s: string) => s.replace(/'/g, "''");

async function keysOf(table: TableClient, filter: string): Promise<{ pk: string; rk: string }[]> {
  const out: { pk: string; rk: string }[] = [];
  const rows = table.listEntities({ queryOptions: { filter, select: ["PartitionKey", "RowKey"] } });
  for await (const e of rows) out.push({ pk: String(e.partitionKey), rk: String(e.rowKey) });
  return out;
}

/** Deletes rows of one partition in transactions of ≤ 100; rows already gone are fine. */
async function deleteAll(table: TableClient, pk: string, rowKeys: string[]): Promise<void> {
  for (let i = 0; i < rowKeys.length; i += 100) {
    const actions: TransactionAction[] = rowKeys
      .slice(i, i + 100)
      .map((rk) => ["delete", { partitionKey: pk, rowKey: rk }]);
    try {
      await table.submitTransaction(actions);
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
      // One row vanished meanwhile: fall back to single deletes.
      for (const [, e] of actions) {
        await table.deleteEntity(pk, e.rowKey!).catch((x: unknown) => {
          if (statusOf(x) !== 404) throw x;
        });
      }
    }
  }
}

/**
 * Deletes a dialogue and every row that belongs to it: notes and notes gates, groups, plans and
 * run state, registrations and their counter, postings, one-time markers, outbox deliveries,
 * the organisers' "my dialogues" index rows and its pending jobs (reminders, round timers, retention). The `meta` row goes
 * last, so an interrupted erase can be repeated by the organiser. Returns the rows removed.
 */
export function createDialogueEraser(store: TableStore, jobs: JobQueue) {
  return {
    async erase(dialogue: Dialogue): Promise<number> {
      const id = dialogue.id;
      let removed = 0;
      // Jobs: reminder ids start with the dialogue id, round timers with `round-<id>-`.
      const jobIndex = await keysOf(
        store.table("Jobs"),
        `PartitionKey eq '${INDEX_PARTITION}' and ((RowKey ge '${q(encodeKey(id))}-' and RowKey lt '${q(encodeKey(id))}.') or (RowKey ge 'round-${q(encodeKey(id))}-' and RowKey lt 'round-${q(encodeKey(id))}.'))`,
      );
      for (const { rk } of jobIndex) await jobs.cancel(decodeKey(rk));
      for (const name of DIALOGUE_PARTITIONED) {
        const table = store.table(name);
        const rows = (await keysOf(table, `PartitionKey eq '${q(id)}'`)).map((k) => k.rk);
        rows.sort((a, b) => Number(a === "meta") - Number(b === "meta"));
        await deleteAll(table, id, rows);
        removed += rows.length;
      }
      // The outbox's delivery rows (the round messages to each person) are partitioned by
      // `<id>|<decision>`: every partition in that range goes.
      const outbox = store.table("Outbox");
      const lo = q(encodeKey(`${id}|`));
      const hi = q(encodeKey(`${id}}`));
      const deliveries = await keysOf(outbox, `PartitionKey ge '${lo}' and PartitionKey lt '${hi}'`);
      for (const pk of new Set(deliveries.map((k) => k.pk))) {
        await deleteAll(
          outbox,
          pk,
          deliveries.filter((k) => k.pk === pk).map((k) => k.rk),
        );
      }
      removed += deliveries.length;
      for (const organiser of dialogue.organiserIds) {
        await deleteAll(store.table("Dialogues"), indexPartition(dialogue.tenantId, organiser), [id]);
      }
      for (const { email } of dialogue.pendingStaff ?? []) {
        await deleteAll(store.table("Dialogues"), pendingIndexPartition(dialogue.tenantId, email), [id]);
      }
      // Retention jobs carry the id after a prefix, so the scan above leaves them: cancelled last
      // by exact id, so that the erase job running this stays in force (and is retried) until
      // everything else is gone. Already gone is fine.
      for (const jobId of [retentionJobId(id), retentionNoticeJobId(id)]) await jobs.cancel(jobId);
      return removed + jobIndex.length;
    },
  };
}

/** The eraser type. */
export type DialogueEraser = ReturnType<typeof createDialogueEraser>;
