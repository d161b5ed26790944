import type { TableClient, TransactionAction } from "@azure/data-tables";
import type { GroupingWarning, GroupPlan } from "../domain/grouping/types";
import { StaleStateError } from "../services/errors";
import { statusOf } from "../../../platform/tables/errors";
import { prefixFilter } from "./round-keys";

/**
 * The grouping plan of a dialogue in the `Groups` table (PK = dialogueId): a head row `plan`
 * (chunk count, ETag = the plan's version) and the plan's JSON split over rows `plan-0000`…
 * (a string property holds 32 K characters; a 1,000-person plan is a few hundred KB). Head and
 * chunks are written in one transaction conditioned on the head's ETag, so two facilitators
 * editing at once cannot interleave and a reader never sees half a plan.
 */
const HEAD = "plan";
const CHUNK_PREFIX = "plan-";
/** Characters per property (Tables: 64 KiB per string = 32 K UTF-16 units; stay below). */
const PROPERTY_CHARS = 30_000;
/** Properties per chunk row (an entity holds ≤ 1 MiB). */
const PROPERTIES_PER_ROW = 15;
/** A transaction holds ≤ 100 actions and ≤ 4 MiB: keep plans well inside one. */
const MAX_ROWS = 6;

const chunkKey = (i: number) => `${CHUNK_PREFIX}${String(i).padStart(4, "0")}`;

/**
 * The attendance change this plan came from, saved with the plan in its transaction: a request
 * that dies after the save (kill -9, a lost connection) is finished by its retry with the same
 * plan version — the groups written again, the same people told under the same outbox key.
 */
export interface AppliedChange {
  /** The plan version the change was confirmed for. */
  version: string;
  /** The round it applies from, and whether that round ran. */
  from: number;
  running: boolean;
  /** The outbox key of its group cards. */
  key: string;
  /** Whose group or scribe changed in the running round, and who became a scribe. */
  tell: string[];
  newScribes: string[];
}

/** A stored plan with its version tag. */
export interface StoredPlan {
  plan: GroupPlan;
  /** What grouping explained when the plan was last formed or changed. */
  warnings: GroupingWarning[];
  etag: string;
  /** Set when the plan was last saved by an attendance change. */
  applied?: AppliedChange;
}

const appliedJson = (a: AppliedChange) => {
  const full = JSON.stringify(a);
  return full.length <= PROPERTY_CHARS ? full : JSON.stringify({ ...a, tell: [], newScribes: [] });
};

/** Thrown when a plan is too large to store (tens of thousands of registrants). */
export class PlanTooLargeError extends Error {
  override name = "PlanTooLargeError";
}

/** Creates the repository over the `Groups` table. */
export function createPlanRepository(table: TableClient) {
  return {
    /** The plan, or undefined when groups were never formed. */
    async get(dialogueId: string): Promise<StoredPlan | undefined> {
      let head: { rows: number; warnings?: string; applied?: string; etag: string };
      try {
        head = await table.getEntity<{ rows: number; warnings?: string; applied?: string }>(dialogueId, HEAD);
      } catch (err) {
        if (statusOf(err) === 404) return undefined;
        throw err;
      }
      const rows = new Map<string, Record<string, unknown>>();
      const filter = prefixFilter(dialogueId, CHUNK_PREFIX);
      for await (const e of table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
        rows.set(String(e.rowKey), e);
      }
      let json = "";
      for (let i = 0; i < head.rows; i++) {
        const row = rows.get(chunkKey(i));
        // A concurrent writer replaced the rows between our two reads: report it as a lost race.
        if (!row) throw new StaleStateError("plan changed while reading");
        for (let p = 0; typeof row[`p${p}`] === "string"; p++) json += row[`p${p}`] as string;
      }
      const warnings = head.warnings ? (JSON.parse(head.warnings) as GroupingWarning[]) : [];
      const applied = head.applied ? (JSON.parse(head.applied) as AppliedChange) : undefined;
      return {
        plan: JSON.parse(json) as GroupPlan,
        warnings,
        etag: head.etag,
        ...(applied ? { applied } : {}),
      };
    },

    /**
     * Writes the plan: a create when `etag` is undefined, else conditional on it. Throws
     * {@link StaleStateError} when the plan changed meanwhile. `applied`: the attendance change
     * it comes from (any other save clears it).
     */
    async save(
      dialogueId: string,
      plan: GroupPlan,
      warnings: readonly GroupingWarning[],
      etag: string | undefined,
      applied?: AppliedChange,
    ): Promise<void> {
      const json = JSON.stringify(plan);
      const perRow = PROPERTY_CHARS * PROPERTIES_PER_ROW;
      const rowCount = Math.max(1, Math.ceil(json.length / perRow));
      if (rowCount > MAX_ROWS) throw new PlanTooLargeError(`plan of ${json.length} characters`);
      const actions: TransactionAction[] = [];
      const headEntity = {
        partitionKey: dialogueId,
        rowKey: HEAD,
        rows: rowCount,
        warnings: JSON.stringify(warnings.slice(0, 50)),
        // Who to tell is dropped if it outgrows a property (hundreds of moves): the retry then
        // still writes the groups, and the console shows everyone where they are.
        ...(applied ? { applied: appliedJson(applied) } : {}),
      };
      actions.push(etag ? ["update", headEntity, "Replace", { etag }] : ["create", headEntity]);
      for (let r = 0; r < MAX_ROWS; r++) {
        const slice = json.slice(r * perRow, (r + 1) * perRow);
        if (r >= rowCount) {
          // Leftover rows of a larger earlier plan (deleting a missing row would fail the batch).
          if (etag) actions.push(["upsert", { partitionKey: dialogueId, rowKey: chunkKey(r) }, "Replace"]);
          continue;
        }
        const entity: { partitionKey: string; rowKey: string; [p: string]: unknown } = {
          partitionKey: dialogueId,
          rowKey: chunkKey(r),
        };
        for (let p = 0; p * PROPERTY_CHARS < slice.length; p++) {
          entity[`p${p}`] = slice.slice(p * PROPERTY_CHARS, (p + 1) * PROPERTY_CHARS);
        }
        actions.push(["upsert", entity, "Replace"]);
      }
      try {
        await table.submitTransaction(actions);
      } catch (err) {
        const s = statusOf(err);
        if (s === 412 || s === 409) throw new StaleStateError("plan changed");
        throw err;
      }
    },
  };
}

/** The repository type. */
export type PlanRepository = ReturnType<typeof createPlanRepository>;
