import summaryTemplate from "./summary-card.json";
import { expandCard } from "../../../platform/teams/render-card";
import type { Language } from "../../../platform/i18n/i18n";
import type { Summary } from "../domain/summary/types";
import { headingsFor, languagesText } from "../domain/summary";
import { SUMMARY_FORMATS, type SummaryFormat } from "../services/links";
import { roundsT } from "../services/texts";

/** Themes and insights listed on the card; the downloads have all of them. */
const MAX_THEMES = 15;
const MAX_INSIGHTS = 10;

const FORMAT_LABEL: Record<SummaryFormat, string> = {
  md: "summary.markdown",
  docx: "summary.word",
  csv: "summary.csv",
};

/**
 * The summary card: counts, themes with how many groups raised them, insights to pass on and the
 * download links. Headings in the reader's language; the notes' content as the groups wrote it.
 */
export function summaryCard(
  lang: Language,
  summary: Summary,
  urlOf: (format: SummaryFormat) => string | undefined,
  intro = "",
): Record<string, unknown> {
  const t = roundsT(lang);
  const c = summary.counts;
  return expandCard(summaryTemplate, {
    heading: t("summary.heading", { title: summary.dialogue.title }),
    intro,
    countsHeading: t("summary.counts"),
    counts: [
      { title: t("summary.participants"), value: String(c.participants) },
      { title: t("summary.groups"), value: String(c.groups) },
      { title: t("summary.rounds"), value: String(c.rounds) },
      { title: t("summary.organisations"), value: String(c.organisations) },
      // Languages in words, as the downloads have them ("fi" means little to a reader).
      {
        title: t("summary.languages"),
        value: languagesText(headingsFor(lang), c.languages, summary.languages),
      },
    ],
    themesHeading: t("summary.themes"),
    themes: summary.themes.slice(0, MAX_THEMES).map((th) => ({ title: th.theme, value: `× ${th.groups}` })),
    insightsHeading: t("summary.insights"),
    insights: summary.insights.slice(0, MAX_INSIGHTS).map((i) => ({ text: i.text })),
    noneText: t("summary.none"),
    downloads: SUMMARY_FORMATS.flatMap((f) => {
      const url = urlOf(f);
      return url ? [{ title: `${t("summary.downloads")}: ${t(FORMAT_LABEL[f])}`, url }] : [];
    }),
  });
}
