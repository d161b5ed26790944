import type { Language } from "../../../platform/i18n/i18n";
import { assessPlan, rateMix } from "../domain/grouping/quality";
import type { GroupingWarning, GroupPlan } from "../domain/grouping/types";
import { explainWarning } from "../domain/grouping/warnings";
import { roundsT } from "./texts";

/** Warnings shown on the card (the rest would only push the buttons out of view). */
const MAX_WARNINGS = 8;

const percent = (x: number) => `${(Math.round(x * 1000) / 10).toLocaleString("fi-FI")} %`;

/** A grouping warning in the reader's language (English default text from the domain as fallback). */
export function warningText(lang: Language, w: GroupingWarning): string {
  return roundsT(lang)(`warnings.${w.code}`, { ...w.params, defaultValue: explainWarning(w) });
}

/**
 * Quality figures and warnings of a proposal for the controls card: group count and sizes of the
 * round, how close the mix is to the best integer sizes allow, pairs meeting again, scribes.
 */
export function describePlan(
  lang: Language,
  plan: GroupPlan,
  warnings: readonly GroupingWarning[],
  round: number,
): { quality: { title: string; value: string }[]; warnings: string[] } {
  const t = roundsT(lang);
  const report = assessPlan(plan);
  const groups = plan.rounds.find((r) => r.index === round)?.groups ?? [];
  const sizes = groups.map((g) => g.memberIds.length);
  const withScribe = groups.filter((g) => g.scribeId).length;
  const flagged = groups
    .filter((g) => g.flags.length > 0)
    .map((g) => t("flags.group", { group: g.number, flags: g.flags.map((f) => t(`flags.${f}`)).join(", ") }));
  return {
    quality: [
      { title: t("quality.groups"), value: String(groups.length) },
      {
        title: t("quality.sizes"),
        value: sizes.length ? `${Math.min(...sizes)}–${Math.max(...sizes)}` : "–",
      },
      {
        title: t("quality.diversity"),
        value: t(`quality.mix.${rateMix(report.diversity)}`),
      },
      {
        title: t("quality.repeatPairs"),
        value: `${report.repeats.repeatedPairs} (${percent(report.repeats.rate)})`,
      },
      { title: t("quality.scribes"), value: `${withScribe} / ${groups.length}` },
    ],
    warnings: [...warnings.map((w) => warningText(lang, w)), ...flagged].slice(0, MAX_WARNINGS),
  };
}
