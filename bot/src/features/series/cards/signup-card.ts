import type { Series, SeriesLanguage } from "../domain/types";
import { expandCard } from "../../../platform/teams/render-card";
import { fiDate, tOf } from "./card-text";
import signupTemplate from "./series-signup.json";

/** The announcement with sign-up and subscribe buttons. */
export function signupCard(series: Series, lang: SeriesLanguage) {
  const t = tOf(lang);
  const invitation =
    series.materials.invitation[lang] || series.materials.invitation[series.languages[0] ?? "fi"];
  const sections = [
    { heading: t("card.invitation"), text: invitation },
    { heading: t("card.guide"), text: series.materials.discussionGuide },
    { heading: t("card.groundRules"), text: series.materials.groundRules },
  ].filter((s) => s.text);
  return expandCard(signupTemplate, {
    title: t("card.signupTitle", { theme: series.theme }),
    question: series.question,
    period: t("card.period", { start: fiDate(series.periodStart), end: fiDate(series.periodEnd) }),
    deadlines: t("card.deadlines", {
      registration: fiDate(series.registrationDeadline),
      records: fiDate(series.recordsDeadline),
    }),
    sections,
    signupLabel: t("card.signup"),
    subscribeLabel: t("card.subscribe"),
    seriesId: series.id,
  });
}
