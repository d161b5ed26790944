import { derivedStems, isNameEnding } from "./finnish-names";
import { replaceEmails } from "../../../../platform/text/emails";

/** Languages whose placeholders we have. */
export type MaskLanguage = "fi" | "sv" | "en";

/** What replaces a masked span, per language. */
export const MASKS: Record<MaskLanguage, { name: string; email: string; phone: string }> = {
  fi: { name: "[nimi]", email: "[sähköposti]", phone: "[puhelin]" },
  sv: { name: "[namn]", email: "[e-post]", phone: "[telefon]" },
  en: { name: "[name]", email: "[email]", phone: "[phone]" },
};

/** Names shorter than this are not masked: "Bo", "Li", "Ee" are too often parts of ordinary words. */
export const MIN_NAME_LENGTH = 3;

// A phone number: starts with + or 0 (Finnish and international formats) and has 7–15 digits, so
// years, times, sums ("10 000 €") and dates stay.
const PHONE = /(?<![\p{L}\p{N}+(])(?:\+|\(?0)[\d\s()/-]{5,22}\d(?![\p{L}\p{N}])/gu;
const WORD = /[\p{L}\p{M}]+(?:[-:'’][\p{L}\p{M}]+)*/gu;
// Private-use placeholders keep already masked spans away from the name pass.
const HOLD = /\uE000(\d+)\uE001/g;

const lower = (s: string) => s.toLocaleLowerCase("fi");

/** A compiled set of names: stem → whether it is derived (needs an ending) or the name itself. */
export interface NameIndex {
  stems: Map<string, boolean>;
  longest: number;
}

/** Compiles names (full names are split into parts, hyphenated parts also kept whole). */
export function compileNames(names: readonly string[]): NameIndex {
  const stems = new Map<string, boolean>();
  for (const full of names) {
    if (typeof full !== "string") continue;
    for (const part of full.split(/[\s,;]+/)) {
      const pieces = part.includes("-") ? [part, ...part.split("-")] : [part];
      for (const piece of pieces) {
        const name = lower(piece.replace(/^\P{L}+|\P{L}+$/gu, ""));
        if ([...name].length < MIN_NAME_LENGTH) continue;
        stems.set(name, false);
        for (const s of derivedStems(name)) if (!stems.has(s)) stems.set(s, true);
      }
    }
  }
  let longest = 0;
  for (const s of stems.keys()) longest = Math.max(longest, s.length);
  return { stems, longest };
}

/** Whether a single word (no hyphen) is a form of a known name. */
function isNameForm(word: string, index: NameIndex): boolean {
  const w = lower(word);
  const max = Math.min(w.length, index.longest);
  for (let k = MIN_NAME_LENGTH; k <= max; k++) {
    const derived = index.stems.get(w.slice(0, k));
    if (derived === undefined) continue;
    const rest = w.slice(k);
    if (rest === "" ? !derived : isNameEnding(rest, derived)) return true;
  }
  return false;
}

/** Masks the known-name words of a text (the text holds no e-mail or phone any more). */
function maskWords(text: string, index: NameIndex, mask: string): string {
  if (index.stems.size === 0) return text;
  return text.replace(WORD, (token) => {
    if (isNameForm(token, index)) return mask;
    if (!token.includes("-")) return token;
    // "Mikko-sedän": mask the name part, keep the rest of the compound.
    return token
      .split("-")
      .map((p) => (isNameForm(p, index) ? mask : p))
      .join("-");
  });
}

/**
 * Masks registrants' names (first and last, case-insensitive, whole words, Finnish inflected
 * forms), e-mail addresses and phone numbers. Conservative about ordinary words: names shorter
 * than three letters are ignored and a derived stem ("Miko-" of Mikko) only matches with a case
 * ending. A name that is also a word ("Aino", "Into") is masked as a word too: privacy wins.
 */
export function maskNames(
  text: string,
  names: readonly string[] | NameIndex,
  language: MaskLanguage = "fi",
): string {
  if (typeof text !== "string" || text === "") return "";
  const masks = MASKS[language] ?? MASKS.en;
  const held: string[] = [];
  const hold = (replacement: string) => `\uE000${held.push(replacement) - 1}\uE001`;
  let out = replaceEmails(text.replace(HOLD, ""), () => hold(masks.email));
  out = out.replace(PHONE, (m) => {
    const digits = m.replace(/\D/g, "").length;
    return digits >= 7 && digits <= 15 ? hold(masks.phone) : m;
  });
  const index = Array.isArray(names) ? compileNames(names) : (names as NameIndex);
  out = maskWords(out, index, masks.name);
  return out.replace(HOLD, (_, i: string) => held[Number(i)] ?? "");
}
