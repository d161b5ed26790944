import { headline } from "../domain/export-text";
import type { SeriesSummary } from "../domain/summary";
import type { SeriesLanguage } from "../domain/types";
import { expandCard } from "../../../platform/teams/render-card";
import { tOf } from "./card-text";
import summaryTemplate from "./series-summary.json";

/** The summary card: a draft with a publish button for coordinators, or the published version. */
export function summaryCard(
  s: SeriesSummary,
  lang: SeriesLanguage,
  opts: { publishable: boolean; downloadUrl?: string },
) {
  const t = tOf(lang);
  return expandCard(summaryTemplate, {
    title: t("card.summaryTitle", { theme: s.theme }),
    status: s.publishedAt ? "" : t("card.draft"),
    headline: headline(t, s.statistics),
    themesHeading: t("card.topThemes"),
    themes: s.themes.slice(0, 10).map((th) => ({
      title: String(th.count),
      value: th.quotes[0] ? `${th.theme} – “${th.quotes[0]}”` : th.theme,
    })),
    analysisHeading: t("card.analysisLabel"),
    analysis: s.analysis,
    publishLabel: opts.publishable ? t("card.publish") : "",
    downloadUrl: opts.downloadUrl ?? "",
    seriesId: s.seriesId,
  });
}
