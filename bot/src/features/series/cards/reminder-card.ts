import type { Series, SeriesDialogue, SeriesLanguage } from "../domain/types";
import { expandCard } from "../../../platform/teams/render-card";
import { fiDate, tOf } from "./card-text";
import reminderTemplate from "./series-reminder.json";

/** A personal reminder to submit records. */
export function reminderCard(series: Series, d: SeriesDialogue, lang: SeriesLanguage) {
  const t = tOf(lang);
  return expandCard(reminderTemplate, {
    title: t("card.reminderTitle"),
    text: t("card.reminderText", {
      theme: series.theme,
      title: d.title || d.organisation,
      date: fiDate(d.date),
      deadline: fiDate(series.recordsDeadline),
    }),
    openLabel: t("card.openRecord"),
    seriesId: series.id,
    dialogueId: d.id,
  });
}
