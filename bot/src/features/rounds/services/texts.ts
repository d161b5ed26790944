import type { TFunction } from "i18next";
import { translator, type Language } from "../../../platform/i18n/i18n";
import { displayTime } from "../../../platform/time/helsinki-time";
import type { GroundRulesVersion } from "../../dialogues";

/** Translator for the `rounds` namespace. */
export function roundsT(lang: Language): TFunction {
  return translator(lang, "rounds");
}

/** "10.30" in Helsinki time. */
export const timeText = (at: Date | undefined) => (at ? displayTime(at) : "");

/** The dialogue's ground rules (the recorded version) in a language, one string per rule. */
export function groundRules(lang: Language, version: GroundRulesVersion): string[] {
  const rules = translator(lang, "dialogue")(`rules.${version}`, { returnObjects: true }) as unknown;
  return Array.isArray(rules) ? rules.map(String) : [];
}

/** First name only: the group card shows no more of the others than they need to find each other. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? "";
}
