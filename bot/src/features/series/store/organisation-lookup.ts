import type { TableClient } from "@azure/data-tables";
import type { OrganisationLookup } from "../domain/ports";
import { organisationKey } from "../domain/statistics";

/**
 * Reads organisation names from the directory's `Organisations` table without depending on its
 * schema (owned by the directory feature): every string property whose name mentions "name"
 * (also JSON objects such as `{ fi, sv, en }`) maps to the row key. A missing or empty table is
 * simply no matches. Cached briefly: the list is small and changes rarely.
 */
export function createOrganisationLookup(table: TableClient, ttlMs = 60_000): OrganisationLookup {
  let cached: { at: number; map: Map<string, string> } | undefined;
  const addNames = (map: Map<string, string>, value: unknown, id: string) => {
    if (typeof value !== "string" || !value) return;
    if (value.startsWith("{")) {
      try {
        for (const v of Object.values(JSON.parse(value) as Record<string, unknown>)) addNames(map, v, id);
      } catch {
        /* not JSON: a plain name that starts with a brace */
      }
      return;
    }
    const key = organisationKey(value);
    if (key && !map.has(key)) map.set(key, id);
  };
  return {
    async namesToIds() {
      if (cached && Date.now() - cached.at < ttlMs) return cached.map;
      const map = new Map<string, string>();
      try {
        for await (const e of table.listEntities<Record<string, unknown>>()) {
          const id = String(e.rowKey);
          for (const [k, v] of Object.entries(e)) if (/name/i.test(k)) addNames(map, v, id);
        }
      } catch {
        // The directory may not exist yet: no matches rather than an error.
      }
      cached = { at: Date.now(), map };
      return map;
    },
  };
}
