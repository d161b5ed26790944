import type { Entry, Organisation } from "../../directory";

/** Default: a listing not updated for a year is stale. */
export const DEFAULT_STALE_DAYS = 365;

/**
 * Organisations coordinators should chase: those marked "listing missing" (Listaus puuttuu) or
 * without any entry, and those whose newest entry change is older than `staleDays`.
 */
export function listingHealth(
  orgs: readonly Organisation[],
  entries: readonly Entry[],
  now: Date,
  staleDays = DEFAULT_STALE_DAYS,
): { org: Organisation; reason: "listingMissing" | "stale"; lastUpdated?: string }[] {
  const latest = new Map<string, string>();
  for (const e of entries) {
    const prev = latest.get(e.orgId);
    if (!prev || e.updatedAt > prev) latest.set(e.orgId, e.updatedAt);
  }
  const cutoff = new Date(now.getTime() - staleDays * 86_400_000).toISOString();
  const out: { org: Organisation; reason: "listingMissing" | "stale"; lastUpdated?: string }[] = [];
  for (const org of orgs) {
    const lastUpdated = latest.get(org.id);
    if (org.listingMissing || !lastUpdated) out.push({ org, reason: "listingMissing", lastUpdated });
    else if (lastUpdated < cutoff) out.push({ org, reason: "stale", lastUpdated });
  }
  return out.sort((a, b) => a.org.names.fi.localeCompare(b.org.names.fi, "fi"));
}
