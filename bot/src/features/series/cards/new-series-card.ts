import type { SeriesLanguage } from "../domain/types";
import { placeFieldErrors } from "../../../platform/teams/field-errors";
import { expandCard } from "../../../platform/teams/render-card";
import { nonceOf, tOf, type SeriesFormError } from "./card-text";
import newFormTemplate from "./series-new-form.json";

/** The form's text inputs, in card order (their labels are `card.<key>`, the guide's `card.guide`). */
const KEYS = [
  "theme",
  "question",
  "periodStart",
  "periodEnd",
  "registrationDeadline",
  "recordsDeadline",
  "invitationFi",
  "invitationSv",
  "invitationEn",
  "discussionGuide",
  "groundRules",
];

/** The coordinators' series form. */
export function newSeriesCard(
  lang: SeriesLanguage,
  values: Record<string, unknown> = {},
  problem = "",
  fieldErrors: readonly SeriesFormError[] = [],
) {
  const t = tOf(lang);
  const labels: Record<string, string> = Object.fromEntries(
    KEYS.map((k) => [k, t(`card.${k === "discussionGuide" ? "guide" : k}`)]),
  );
  // An invitation is required for each chosen language: the label says so (a card cannot make
  // `isRequired` depend on another input).
  for (const l of ["fi", "sv", "en"] as const) {
    const k = `invitation${l[0]!.toUpperCase()}${l[1]}`;
    labels[k] = t("card.invitationRequiredFor", { label: labels[k], language: t(`languages.${l}`) });
  }
  // This form's field names have no index part, so errors map onto inputs as they are.
  const byField: Record<string, string> = {};
  for (const e of fieldErrors) byField[e.field] ??= t(`errors.${e.key}`, e.params ?? {});
  const card = expandCard(newFormTemplate, {
    title: t("card.newTitle"),
    nonce: nonceOf(values),
    problem,
    labels: {
      ...labels,
      languages: t("card.seriesLanguages"),
      submit: t("card.create"),
      required: t("errors.required"),
    },
    values: {
      ...Object.fromEntries(KEYS.map((k) => [k, typeof values[k] === "string" ? values[k] : ""])),
      languages: typeof values.languages === "string" ? values.languages : "fi,sv",
    },
  });
  return placeFieldErrors(card, byField);
}
