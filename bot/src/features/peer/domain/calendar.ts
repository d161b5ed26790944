import type { CalendarItem, PeerDialogue } from "./types";

/** Filters of the calendar (both optional). */
export interface CalendarFilter {
  /** Organisation id taking part. */
  org?: string;
  /** Words the theme contains (case-insensitive). */
  theme?: string;
}

const norm = (s: string) => s.toLocaleLowerCase("fi");

/**
 * Calendar rows: upcoming dialogues first (soonest first), then past ones (latest first);
 * cancelled ones are left out. Ended dialogues link to their summary.
 */
export function calendarItems(
  peers: readonly PeerDialogue[],
  now: Date,
  filter: CalendarFilter,
  summaryUrl: (dialogueId: string) => string,
): CalendarItem[] {
  const words = norm(filter.theme ?? "")
    .split(/\s+/)
    .filter(Boolean);
  const at = now.toISOString();
  const items = peers
    .filter((p) => p.state !== "cancelled")
    .filter((p) => !filter.org || p.organisations.some((o) => o.orgId === filter.org))
    .filter((p) => words.every((w) => norm(p.theme).includes(w)))
    .map((p): CalendarItem => ({
      dialogueId: p.dialogueId,
      theme: p.theme,
      start: p.start,
      end: p.end,
      type: "peer",
      organisations: p.organisations.map((o) => ({
        orgId: o.orgId,
        name: o.name,
        ...(o.names ? { names: o.names } : {}),
      })),
      method: p.method,
      level: p.level,
      state: p.state,
      upcoming: p.end > at && p.state !== "ended",
      ...(p.state === "ended" ? { summaryUrl: summaryUrl(p.dialogueId) } : {}),
    }));
  const upcoming = items.filter((i) => i.upcoming).sort((a, b) => a.start.localeCompare(b.start));
  const past = items.filter((i) => !i.upcoming).sort((a, b) => b.start.localeCompare(a.start));
  return [...upcoming, ...past];
}
