import { toCsv } from "../../../platform/text/csv";
import type { Entry, Organisation } from "./types";

/** CSV columns, in order (English headers: the file is for spreadsheets and other systems). */
const COLUMNS = [
  "organisationId",
  "organisation",
  "shortName",
  "section",
  "id",
  "parentId",
  "title",
  "description",
  "time",
  "year",
  "start",
  "end",
  "places",
  "partners",
  "eventCount",
  "themes",
  "areas",
  "language",
  "link",
  "status",
  "updatedAt",
] as const;

/**
 * The directory (or a filtered part) as RFC 4180 CSV: CRLF, quoted cells, UTF-8 BOM, and cells a
 * spreadsheet would evaluate as a formula neutralised (see domain/dialogue/csv.ts). Lists are
 * joined with "; ".
 */
export function directoryCsv(entries: readonly Entry[], orgs: ReadonlyMap<string, Organisation>): string {
  const rows = entries.map((e) => {
    const org = orgs.get(e.orgId);
    return [
      e.orgId,
      org?.names.fi ?? "",
      org?.shortName ?? "",
      e.section,
      e.id,
      e.parentId ?? "",
      e.title,
      e.description,
      e.time.text,
      e.time.year,
      e.time.start,
      e.time.end,
      e.places.join("; "),
      e.partners.join("; "),
      e.eventCount,
      e.themes.join("; "),
      e.areas.join("; "),
      e.language,
      e.link,
      e.status,
      e.updatedAt,
    ];
  });
  return toCsv([[...COLUMNS], ...rows]);
}

/**
 * The directory as a JSON document: every organisation (also those without entries) and the
 * entries; for a filtered export only the organisations the entries belong to.
 */
export function directoryJson(
  entries: readonly Entry[],
  orgs: ReadonlyMap<string, Organisation>,
  exportedAt: string,
  filtered: boolean,
): { exportedAt: string; organisations: Organisation[]; entries: Entry[] } {
  const ids = new Set(entries.map((e) => e.orgId));
  const organisations = [...orgs.values()].filter((o) => !filtered || ids.has(o.id));
  return { exportedAt, organisations, entries: [...entries] };
}
