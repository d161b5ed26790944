import { createHash } from "node:crypto";
import type { Language } from "../../../platform/i18n/i18n";
import { DIALOGUE_LANGUAGES, type GroundRulesVersion } from "../domain/types";
import { dialogueT } from "./texts";

/** The ground rules of a version as lines ("1. …"), from the `dialogue` namespace. */
export function groundRulesLines(lang: Language, version: GroundRulesVersion): string[] {
  const rules = dialogueT(lang)(`rules.${version}`, { returnObjects: true }) as unknown;
  return Array.isArray(rules) ? rules.map((r, i) => `${i + 1}. ${String(r)}`) : [];
}

/**
 * The id of the ground-rules text a person was shown and accepted: `<version>/<language>/<hash>`
 * ("current4/fi/3f2a9c1b"). The hash is of the text itself, so any change to a translation gives
 * a new id without anyone remembering to bump a number, and registrations keep the id they
 * accepted.
 */
export function groundRulesTextVersion(lang: Language, version: GroundRulesVersion): string {
  const hash = createHash("sha256")
    .update(JSON.stringify(groundRulesLines(lang, version)))
    .digest("hex")
    .slice(0, 8);
  return `${version}/${lang}/${hash}`;
}

/** True when `id` is the current text of the version in one of the languages (a card's claim). */
export function isCurrentGroundRulesText(id: string, version: GroundRulesVersion): boolean {
  return DIALOGUE_LANGUAGES.some((lang) => groundRulesTextVersion(lang, version) === id);
}
