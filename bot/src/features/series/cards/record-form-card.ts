import {
  DIALOGUE_HELD_LANGUAGES,
  type SeriesDialogue,
  type SeriesLanguage,
  type SeriesRecord,
} from "../domain/types";
import { placeFieldErrors } from "../../../platform/teams/field-errors";
import { expandCard } from "../../../platform/teams/render-card";
import { fiDate, messagesByInput, options, tOf, type SeriesFormError } from "./card-text";
import recordTemplate from "./series-record-form.json";

/** The records form, prefilled from the stored record (or the values of a refused submission). */
export function recordFormCard(
  dialogue: SeriesDialogue,
  record: SeriesRecord | undefined,
  lang: SeriesLanguage,
  values?: Record<string, unknown>,
  problem = "",
  fieldErrors: readonly SeriesFormError[] = [],
) {
  const t = tOf(lang);
  const s = (k: string) => (typeof values?.[k] === "string" ? (values[k] as string) : undefined);
  const card = expandCard(recordTemplate, {
    title: t("card.recordTitle", {
      title: dialogue.title || dialogue.organisation,
      date: fiDate(dialogue.date),
    }),
    intro: t("card.recordIntro"),
    problem,
    seriesId: dialogue.seriesId,
    dialogueId: dialogue.id,
    version: String(record?.version ?? 0),
    labels: {
      participantsOnSite: t("card.participantsOnSite"),
      participantsRemote: t("card.participantsRemote"),
      languages: t("card.languages"),
      themes: t("card.themes"),
      insights: t("card.insights"),
      notes: t("card.notes"),
      reachedSeldomHeard: t("card.reachedSeldomHeard"),
      seldomHeardGroups: t("card.seldomHeardGroups"),
      submit: t("card.saveRecord"),
      required: t("errors.required"),
    },
    values: {
      participantsOnSite: s("participantsOnSite") ?? String(record?.participantsOnSite ?? ""),
      participantsRemote: s("participantsRemote") ?? String(record?.participantsRemote ?? ""),
      languages: s("languages") ?? (record?.languages ?? [dialogue.language]).join(","),
      themes: s("themes") ?? (record?.themes ?? []).join("\n"),
      insights: s("insights") ?? (record?.insights ?? []).join("\n"),
      notes: s("notes") ?? record?.notes ?? "",
      reachedSeldomHeard: s("reachedSeldomHeard") ?? String(record?.reachedSeldomHeard ?? false),
      seldomHeardGroups: s("seldomHeardGroups") ?? record?.seldomHeardGroups ?? "",
    },
    languages: options(lang, "languages", DIALOGUE_HELD_LANGUAGES),
  });
  return placeFieldErrors(card, messagesByInput(t, fieldErrors));
}
