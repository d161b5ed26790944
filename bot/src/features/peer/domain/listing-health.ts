import { upcomingHasPassed } from "@dialogi/contracts";
import type { Entry, Organisation } from "../../directory";

/** Default: a listing not updated for a year is stale. */
export const DEFAULT_STALE_DAYS = 365;

/** Why an organisation is on the coordinators' upkeep list. */
export type HealthReason = "listingMissing" | "needsUpdate" | "stale";

/**
 * When an entry was last known to be current: an imported entry nobody has edited since is as
 * old as its listing (`listedAt`, e.g. 8.6.2021), not as the day it was installed.
 */
const currentAsOf = (e: Entry) => (e.listedAt && e.updatedAt === e.createdAt ? e.listedAt : e.updatedAt);

/**
 * Organisations coordinators should chase: those marked "listing missing" (Listaus puuttuu) or
 * without any entry; those with an upcoming ("Tulossa") entry whose time has passed
 * (`upcomingHasPassed`: the listing still calls it upcoming); and those whose newest entry is
 * older than `staleDays`.
 */
export function listingHealth(
  orgs: readonly Organisation[],
  entries: readonly Entry[],
  now: Date,
  staleDays = DEFAULT_STALE_DAYS,
): { org: Organisation; reason: HealthReason; lastUpdated?: string; needsUpdate?: number }[] {
  const latest = new Map<string, string>();
  const passed = new Map<string, number>();
  // The Helsinki calendar day, as the directory's `needsUpdate` flag uses.
  const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Helsinki" }).format(now);
  for (const e of entries) {
    const asOf = currentAsOf(e);
    const prev = latest.get(e.orgId);
    if (!prev || asOf > prev) latest.set(e.orgId, asOf);
    if (e.status === "published" && upcomingHasPassed(e, today))
      passed.set(e.orgId, (passed.get(e.orgId) ?? 0) + 1);
  }
  const cutoff = new Date(now.getTime() - staleDays * 86_400_000).toISOString();
  const out: { org: Organisation; reason: HealthReason; lastUpdated?: string; needsUpdate?: number }[] = [];
  for (const org of orgs) {
    const lastUpdated = latest.get(org.id);
    const needsUpdate = passed.get(org.id);
    if (org.listingMissing || !lastUpdated) out.push({ org, reason: "listingMissing", lastUpdated });
    else if (needsUpdate) out.push({ org, reason: "needsUpdate", lastUpdated, needsUpdate });
    else if (lastUpdated < cutoff) out.push({ org, reason: "stale", lastUpdated });
  }
  return out.sort((a, b) => a.org.names.fi.localeCompare(b.org.names.fi, "fi"));
}
