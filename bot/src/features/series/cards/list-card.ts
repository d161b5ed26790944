import type { Series, SeriesDialogue, SeriesLanguage } from "../domain/types";
import { expandCard } from "../../../platform/teams/render-card";
import { fiDate, tOf } from "./card-text";
import listTemplate from "./series-list.json";

/** Open series with sign-up buttons, and the user's own registered dialogues with their record status. */
export function listCard(
  open: readonly Series[],
  mine: readonly { series: Series; dialogue: SeriesDialogue; hasRecords: boolean }[],
  lang: SeriesLanguage,
) {
  const t = tOf(lang);
  return expandCard(listTemplate, {
    title: t("card.listTitle"),
    empty: t("card.noSeries"),
    series: open.map((s) => ({
      id: s.id,
      theme: s.theme,
      period: t("card.period", { start: fiDate(s.periodStart), end: fiDate(s.periodEnd) }),
      signupLabel: t("card.signup"),
    })),
    mineHeading: t("card.myDialogues"),
    mine: mine.map((m) => ({
      seriesId: m.series.id,
      dialogueId: m.dialogue.id,
      label: `${m.series.theme}: ${m.dialogue.title || m.dialogue.organisation} (${fiDate(m.dialogue.date)}) – ${t(m.hasRecords ? "card.recordStatusDone" : "card.recordStatusMissing")}`,
      openLabel: t("card.openRecord"),
    })),
  });
}
