import type { Language } from "../../../platform/i18n/i18n";
import { assessPlan, rateMix } from "../domain/grouping/quality";
import type { GroupingWarning, GroupPlan, PlannedGroup } from "../domain/grouping/types";
import { explainWarning } from "../domain/grouping/warnings";
import { roundsT } from "./texts";

/** Warnings shown on the card (the rest would only push the buttons out of view). */
const MAX_WARNINGS = 8;

/** Number locales of the card languages: English writes "18.8 %", Finnish and Swedish "18,8 %". */
const NUMBER_LOCALE: Record<Language, string> = { fi: "fi-FI", sv: "sv-FI", en: "en-GB" };
const percent = (lang: Language, x: number) =>
  `${(Math.round(x * 1000) / 10).toLocaleString(NUMBER_LOCALE[lang] ?? "en-GB")} %`;

/**
 * A cluster key ("remote/fi") in words ("remote, Finnish"): its parts are attendance modes,
 * languages or other chosen values; the codes are never shown to people.
 */
export function clusterWords(lang: Language, key: string): string {
  const t = roundsT(lang);
  if (!key) return t("cluster.all");
  return key
    .split("/")
    .map((part) => t(`cluster.${part === "?" ? "unknown" : part}`, { defaultValue: part }))
    .join(", ");
}

/** A grouping warning in the reader's language (English default text from the domain as fallback). */
export function warningText(lang: Language, w: GroupingWarning): string {
  const params: Record<string, string | number> = { ...w.params };
  for (const k of ["cluster", "mergedInto"])
    if (typeof params[k] === "string") params[k] = clusterWords(lang, params[k]);
  return roundsT(lang)(`warnings.${w.code}`, { ...params, defaultValue: explainWarning({ ...w, params }) });
}

/**
 * What is true of a group's mix, in words: mixed languages or mixed attendance, from its members'
 * own choices (a flag from an earlier edit says only that something was merged, not what).
 */
function mixFlags(lang: Language, plan: GroupPlan, g: PlannedGroup): string[] {
  const t = roundsT(lang);
  const byId = new Map(plan.registrants.map((r) => [r.id, r]));
  const members = g.memberIds.map((id) => byId.get(id)).filter((r) => !!r);
  const distinct = (f: (r: (typeof members)[number]) => string | undefined) =>
    new Set(
      members
        .map(f)
        .map((v) => (v ?? "").trim().toLowerCase())
        .filter(Boolean),
    ).size;
  const out: string[] = [];
  if (distinct((r) => r.attributes.language) > 1) out.push(t("flags.mixedLanguages"));
  if (distinct((r) => r.attributes.attendance) > 1) out.push(t("flags.mixedAttendance"));
  return out;
}

/** A group's flags in words, each only when true, each once. */
function flagTexts(lang: Language, plan: GroupPlan, g: PlannedGroup): string[] {
  const t = roundsT(lang);
  const sizeAndChoice = g.flags
    .filter((f) => f !== "mergedCluster" && f !== "clusterMismatch")
    .map((f) => t(`flags.${f}`));
  return [...new Set([...sizeAndChoice, ...mixFlags(lang, plan, g)])];
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
    .map((g) => ({ g, texts: flagTexts(lang, plan, g) }))
    .filter(({ texts }) => texts.length > 0)
    .map(({ g, texts }) => t("flags.group", { group: g.number, flags: texts.join(", ") }));
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
        value: `${report.repeats.repeatedPairs} (${percent(lang, report.repeats.rate)})`,
      },
      { title: t("quality.scribes"), value: `${withScribe} / ${groups.length}` },
    ],
    // Each text once: the same warning from several rounds or edits is one fact to the reader.
    warnings: [...new Set([...warnings.map((w) => warningText(lang, w)), ...flagged])].slice(0, MAX_WARNINGS),
  };
}
