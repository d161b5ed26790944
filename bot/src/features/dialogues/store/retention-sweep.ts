import { INDEX_PARTITION } from "../../../platform/jobs/job-table";
import { decodeKey } from "../../../platform/tables/keys";
import type { TableStore } from "../../../platform/tables/table-store";
import type { Dialogue } from "../domain/types";
import { retentionJobId } from "../domain/retention";

/** What the sweep needs of the dialogue service. */
export interface RetentionSweepDeps {
  store: TableStore;
  load: (id: string) => Promise<Dialogue | undefined>;
  scheduleRetention: (dialogue: Dialogue) => Promise<void>;
}

/**
 * Schedules retention for every dialogue that has no erase job (those created before automatic
 * retention existed). Two queries — the dialogues' `meta` keys and the scheduled retention job
 * ids — and then one load and schedule per missing dialogue, so a start-up where all are
 * scheduled costs no writes. Safe on several instances at once: scheduling is idempotent.
 * Returns how many dialogues it scheduled.
 */
export async function sweepRetention(deps: RetentionSweepDeps): Promise<number> {
  const scheduled = new Set<string>();
  const jobIndex = deps.store.table("Jobs").listEntities({
    queryOptions: {
      filter: `PartitionKey eq '${INDEX_PARTITION}' and RowKey ge 'retention-' and RowKey lt 'retention.'`,
      select: ["RowKey"],
    },
  });
  for await (const e of jobIndex) scheduled.add(decodeKey(String(e.rowKey)));
  const metas = deps.store.table("Dialogues").listEntities({
    queryOptions: { filter: `RowKey eq 'meta'`, select: ["PartitionKey"] },
  });
  let count = 0;
  for await (const e of metas) {
    const id = String(e.partitionKey);
    if (scheduled.has(retentionJobId(id))) continue;
    const dialogue = await deps.load(id);
    if (!dialogue) continue;
    await deps.scheduleRetention(dialogue);
    count++;
  }
  return count;
}
