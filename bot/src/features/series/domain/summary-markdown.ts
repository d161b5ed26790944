import { headline, label, type Translate } from "./export-text";
import type { SeriesSummary } from "./summary";

/** Escapes Markdown control characters so record text cannot become links, headings or HTML. */
export function mdEscape(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, (c) => "\\" + c)
    .split("\n")
    .map((line) => line.replace(/^(\s*)([#>+-]|\d+\.)/, "$1\\$2"))
    .join("  \n");
}

/** The summary as Markdown (for wikis, e-mail and the web). */
export function summaryToMarkdown(s: SeriesSummary, t: Translate): string {
  const st = s.statistics;
  const out: string[] = [];
  out.push(`# ${mdEscape(s.theme)}`, "", `*${mdEscape(s.question)}*`, "");
  out.push(`${t("summary.period")}: ${s.periodStart} – ${s.periodEnd}`, "");
  out.push(`## ${t("summary.statistics")}`, "", mdEscape(headline(t, st)), "");
  out.push(
    `- ${t("summary.languages")}: ${st.languages.map((c) => `${label(t, "languages", c.key)} ${c.count}`).join(", ")}`,
  );
  out.push(
    `- ${t("summary.regions")}: ${st.regions.map((c) => `${label(t, "regions", c.key)} ${c.count}`).join(", ")}`,
  );
  out.push(`- ${t("summary.seldomHeard", { count: st.reachedSeldomHeard })}`, "");
  out.push(`## ${t("summary.themes")}`, "");
  for (const th of s.themes) {
    out.push(`### ${mdEscape(th.theme)} (${th.count})`, "");
    for (const q of th.quotes) out.push(`> ${mdEscape(q)}`, "");
    if (th.insights.length) {
      out.push(`${t("summary.insights")}:`, "");
      for (const i of th.insights) out.push(`- ${mdEscape(i.text)}${i.count > 1 ? ` (${i.count})` : ""}`);
      out.push("");
    }
  }
  if (s.seldomHeardGroups.length) {
    out.push(`## ${t("summary.seldomHeardGroups")}`, "");
    for (const g of s.seldomHeardGroups) out.push(`- ${mdEscape(g.text)} (${g.count})`);
    out.push("");
  }
  out.push(`## ${t("summary.organisers")}`, "");
  for (const o of s.organisations) out.push(`- ${mdEscape(o)}`);
  if (s.individualOrganisers)
    out.push(`- ${t("summary.individualOrganisers", { count: s.individualOrganisers })}`);
  out.push("");
  if (s.analysis) out.push(`## ${t("summary.analysis")}`, "", mdEscape(s.analysis), "");
  return out.join("\n");
}
