import { DIALOGUE_MODES } from "../../dialogues";
import { DIALOGUE_HELD_LANGUAGES, REGIONS, type Series, type SeriesLanguage } from "../domain/types";
import { placeFieldErrors } from "../../../platform/teams/field-errors";
import { expandCard } from "../../../platform/teams/render-card";
import { messagesByInput, nonceOf, options, tOf, type SeriesFormError } from "./card-text";
import registerTemplate from "./series-register-form.json";

/** The form to register a dialogue under a series (values kept after a refusal). */
export function enrolFormCard(
  series: Series,
  lang: SeriesLanguage,
  values: Record<string, unknown> = {},
  problem = "",
  fieldErrors: readonly SeriesFormError[] = [],
) {
  const t = tOf(lang);
  const v = (k: string, d = "") =>
    typeof values[k] === "string" || typeof values[k] === "number" ? String(values[k]) : d;
  const card = expandCard(registerTemplate, {
    title: t("card.registerTitle", { theme: series.theme }),
    nonce: nonceOf(values),
    problem,
    seriesId: series.id,
    min: series.periodStart,
    max: series.periodEnd,
    labels: {
      kind: t("card.kind"),
      kindBot: t("card.kindBot"),
      kindReported: t("card.kindReported"),
      dialogueId: t("card.dialogueId"),
      title: t("card.title"),
      organisation: t("card.organisation"),
      date: t("card.date"),
      mode: t("card.mode"),
      language: t("card.language"),
      targetGroup: t("card.targetGroup"),
      expectedParticipants: t("card.expectedParticipants"),
      region: t("card.region"),
      joinNetwork: t("card.joinNetwork"),
      submit: t("card.register"),
      required: t("errors.required"),
    },
    values: {
      kind: v("kind", "reported"),
      dialogueId: v("dialogueId"),
      title: v("title"),
      organisation: v("organisation"),
      date: v("date", series.periodStart),
      mode: v("mode", "inPerson"),
      language: v("language", lang),
      targetGroup: v("targetGroup"),
      expectedParticipants: v("expectedParticipants"),
      region: v("region", "uusimaa"),
    },
    modes: options(lang, "modes", DIALOGUE_MODES),
    languages: options(lang, "languages", DIALOGUE_HELD_LANGUAGES),
    regions: options(lang, "regions", REGIONS),
  });
  return placeFieldErrors(card, messagesByInput(t, fieldErrors));
}
