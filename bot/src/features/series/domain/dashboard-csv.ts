import { toCsv } from "../../../platform/text/csv";
import { label, type Translate } from "./export-text";
import type { DashboardRow } from "./participation-service";

/** Registered dialogues as CSV for coordinators (RFC 4180, formula-injection-safe). */
export function dashboardToCsv(rows: readonly DashboardRow[], t: Translate): string {
  const header = [
    "id",
    "organisation",
    "organiser",
    "title",
    "date",
    "kind",
    "mode",
    "language",
    "targetGroup",
    "expectedParticipants",
    "region",
    "records",
    "participantsOnSite",
    "participantsRemote",
    "remindedAt",
  ].map((k) => t(`csv.columns.${k}`));
  return toCsv([
    header,
    ...rows.map((r) => [
      r.id,
      r.organisation,
      r.owner.name,
      r.title,
      r.date,
      t(`kinds.${r.kind}`),
      label(t, "modes", r.mode),
      label(t, "languages", r.language),
      r.targetGroup,
      r.expectedParticipants,
      label(t, "regions", r.region),
      r.records,
      r.participantsOnSite,
      r.participantsRemote,
      r.remindedAt ? r.remindedAt.toISOString() : "",
    ]),
  ]);
}
