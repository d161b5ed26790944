import { toCsv as rowsToCsv } from "../../../../platform/text/csv";
import type { Summary } from "./types";

/** Column names: stable English ids, since the file is read by tools as much as by people. */
export const SUMMARY_CSV_COLUMNS = [
  "round",
  "round_title",
  "group",
  "saved_at",
  "themes",
  "note",
  "insights",
  "ground_rules_accepted",
] as const;

/**
 * The summary's notes as CSV, one row per note (RFC 4180 quoting, CRLF, UTF-8 BOM). Cells that a
 * spreadsheet would run as a formula (= + - @ …) get a leading apostrophe — see dialogue/csv.ts.
 */
export function toCsv(summary: Summary): string {
  const rows: string[][] = [[...SUMMARY_CSV_COLUMNS]];
  // Ids, not words: the file is read by tools. Repeated on each row so a filtered row keeps it.
  const accepted = summary.groundRulesAccepted.map((a) => `${a.version}: ${a.count}`).join("; ");
  for (const r of summary.rounds)
    for (const g of r.groups)
      for (const n of g.notes)
        rows.push([
          String(r.index),
          r.title,
          String(g.number),
          n.savedAt,
          n.themes.join("; "),
          n.text,
          n.insights,
          accepted,
        ]);
  return rowsToCsv(rows);
}
