/**
 * Finnish (and Swedish/English) inflected forms of personal names, for masking: "Mikon",
 * "Mikolle", "Annan", "Virtaselle", "Laineen", "Erikille", "Joe:n", "Anna's". Deliberately
 * a small rule set: a word is a name form when it is a name stem followed by a plausible ending.
 */

/** Case endings (incl. Swedish genitive s); the empty ending is checked separately. */
const CASE =
  "n|a|ä|ta|tä|na|nä|ksi|ssa|ssä|sta|stä|lla|llä|lta|ltä|lle|tta|ttä|ine|ineen|an|än|en|in|on|un|yn|ön|seen|hin|hen|s";
const POSSESSIVE = "ni|si|mme|nne|nsa|nsä";
const CLITIC = "kin|kaan|kään|han|hän|pa|pä|ko|kö";

/** Ending after an exact name: nothing, or case/possessive/clitic, optionally after ':' or an apostrophe. */
// eslint-disable-next-line regexp/prefer-character-class -- CASE is a readable list of endings, some one letter long
const AFTER_NAME = new RegExp(`^[:'’]?(?:${CASE})?(?:${POSSESSIVE})?(?:${CLITIC})?$`, "u");
/** Ending after a derived stem ("miko-", "virtase-"): a case ending is required, so the stem alone never matches. */
// eslint-disable-next-line regexp/prefer-character-class -- as above
const AFTER_STEM = new RegExp(`^(?:${CASE})(?:${POSSESSIVE})?(?:${CLITIC})?$`, "u");

const VOWEL = "aeiouyäöå";

/** Consonant gradation strong → weak before the final vowel (Mikko → Miko-, Satu → Sadu-, Lempi → Lemmi-). */
const GRADATION: [RegExp, string][] = [
  [new RegExp(`kk([${VOWEL}])$`, "u"), "k$1"],
  [new RegExp(`pp([${VOWEL}])$`, "u"), "p$1"],
  [new RegExp(`tt([${VOWEL}])$`, "u"), "t$1"],
  [new RegExp(`nk([${VOWEL}])$`, "u"), "ng$1"],
  [new RegExp(`mp([${VOWEL}])$`, "u"), "mm$1"],
  [new RegExp(`lt([${VOWEL}])$`, "u"), "ll$1"],
  [new RegExp(`nt([${VOWEL}])$`, "u"), "nn$1"],
  [new RegExp(`rt([${VOWEL}])$`, "u"), "rr$1"],
  [new RegExp(`([${VOWEL}lnr])t([${VOWEL}])$`, "u"), "$1d$2"],
  [new RegExp(`([${VOWEL}])p([${VOWEL}])$`, "u"), "$1v$2"],
];

/** Stems of a lower-case name that need an ending to be a name form. */
export function derivedStems(name: string): string[] {
  const stems = new Set<string>();
  for (const [pattern, weak] of GRADATION) if (pattern.test(name)) stems.add(name.replace(pattern, weak));
  if (name.endsWith("nen")) {
    stems.add(name.slice(0, -3) + "se"); // Virtanen → Virtase-n, -lle
    stems.add(name.slice(0, -3) + "s"); // Virtanen → Virtas-ta
  }
  const last = name.at(-1) ?? "";
  if (last === "e") stems.add(name + "e"); // Laine → Lainee-n
  if (last && !VOWEL.includes(last)) stems.add(name + "i"); // Erik → Eriki-n, -lle
  stems.delete(name);
  return [...stems].filter((s) => s.length >= 3);
}

/** Whether `rest` may follow an exact name (true) or a derived stem (`derived`). */
export function isNameEnding(rest: string, derived: boolean): boolean {
  return derived ? AFTER_STEM.test(rest) : AFTER_NAME.test(rest);
}
