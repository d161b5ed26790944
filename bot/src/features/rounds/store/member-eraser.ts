import type { TableClient } from "@azure/data-tables";
import { statusOf } from "../../../platform/tables/errors";

/** Lost races with a concurrent writer of the same row before giving up (the caller logs it). */
const MAX_ATTEMPTS = 5;

/** Blanks the personal fields of `userId`'s entries in a parsed JSON value; true when one changed. */
function scrub(value: unknown, userId: string): boolean {
  if (Array.isArray(value)) return value.map((v) => scrub(v, userId)).some(Boolean);
  if (!value || typeof value !== "object") return false;
  const o = value as Record<string, unknown>;
  let changed = false;
  if (o.userId === userId) {
    for (const field of ["name", "organisation"])
      if (typeof o[field] === "string" && o[field] !== "") {
        o[field] = "";
        changed = true;
      }
  }
  for (const v of Object.values(o)) if (scrub(v, userId)) changed = true;
  return changed;
}

/**
 * Erasure on request (a public registrant's "delete my data"): group and plan rows in `Groups`
 * keep members as JSON with their names, written when groups were formed. This blanks the
 * person's name and organisation in every row of the dialogue that lists them (the membership
 * itself stays, so group sizes and notes' groups do not change). ETag-conditional per row.
 */
export async function eraseMemberDetails(table: TableClient, dialogueId: string, userId: string) {
  const pk = dialogueId.replace(/'/g, "''");
  const rows: { rowKey: string }[] = [];
  for await (const e of table.listEntities<Record<string, unknown>>({
    queryOptions: { filter: `PartitionKey eq '${pk}'` },
  }))
    if (Object.values(e).some((v) => typeof v === "string" && v.includes(userId)))
      rows.push({ rowKey: String(e.rowKey) });
  let erased = 0;
  for (const { rowKey } of rows) {
    for (let attempt = 0; ; attempt++) {
      const e = await table.getEntity<Record<string, unknown>>(dialogueId, rowKey);
      const patch: Record<string, string> = {};
      for (const [k, v] of Object.entries(e)) {
        if (typeof v !== "string" || !v.includes(userId) || !/^[[{]/.test(v)) continue;
        const parsed = JSON.parse(v) as unknown;
        if (scrub(parsed, userId)) patch[k] = JSON.stringify(parsed);
      }
      if (Object.keys(patch).length === 0) break;
      try {
        await table.updateEntity({ partitionKey: dialogueId, rowKey, ...patch }, "Merge", { etag: e.etag });
        erased++;
        break;
      } catch (err) {
        if (statusOf(err) !== 412 || attempt + 1 >= MAX_ATTEMPTS) throw err;
      }
    }
  }
  return erased;
}
