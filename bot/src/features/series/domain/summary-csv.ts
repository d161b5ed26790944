import { toCsv } from "../../../platform/text/csv";
import { label, type Translate } from "./export-text";
import type { SeriesSummary } from "./summary";

/**
 * The summary as CSV (RFC 4180, formula-injection-safe): one row per figure, theme, quote and
 * insight, so spreadsheets can filter by `section`.
 */
export function summaryToCsv(s: SeriesSummary, t: Translate): string {
  const st = s.statistics;
  const rows: (string | number)[][] = [[t("csv.section"), t("csv.item"), t("csv.count"), t("csv.text")]];
  const fig = (name: string, value: number) => rows.push(["statistics", name, value, ""]);
  fig("dialogues", st.dialogues);
  fig("participants", st.participants);
  fig("participantsOnSite", st.participantsOnSite);
  fig("participantsRemote", st.participantsRemote);
  fig("organisers", st.organisers);
  fig("reachedSeldomHeard", st.reachedSeldomHeard);
  for (const c of st.languages) rows.push(["language", label(t, "languages", c.key), c.count, ""]);
  for (const c of st.regions) rows.push(["region", label(t, "regions", c.key), c.count, ""]);
  for (const th of s.themes) {
    rows.push(["theme", th.theme, th.count, ""]);
    for (const q of th.quotes) rows.push(["quote", th.theme, "", q]);
    for (const i of th.insights) rows.push(["insight", th.theme, i.count, i.text]);
  }
  for (const o of s.organisations) rows.push(["organisation", o, "", ""]);
  if (s.individualOrganisers) rows.push(["individualOrganisers", "", s.individualOrganisers, ""]);
  if (s.analysis) rows.push(["analysis", "", "", s.analysis]);
  return toCsv(rows);
}
