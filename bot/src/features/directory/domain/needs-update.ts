import { upcomingHasPassed } from "@dialogi/contracts";
import type { Entry } from "./types";

/** Helsinki calendar day of `now` (`YYYY-MM-DD`): listings speak in Finnish days. */
export function helsinkiDay(now: Date): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Helsinki" }).format(now);
}

/**
 * The entry as the API sends it: an upcoming ("Tulossa") entry whose time has passed carries
 * `needsUpdate: true` (contracts `upcomingHasPassed` says how the time is read).
 */
export function withNeedsUpdate<T extends Entry>(entry: T, today: string): T & { needsUpdate?: boolean } {
  return upcomingHasPassed(entry, today) ? { ...entry, needsUpdate: true } : entry;
}
