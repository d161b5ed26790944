/**
 * Conservative anonymisation of series record text. Stricter than domain/notes `maskNames`
 * (used for a dialogue's own group notes, where the registrants are known): records come from
 * many organisers and are published nationally, and most people mentioned in them are not
 * known to the system — so it rather masks too much:
 * e-mail addresses, phone numbers, @mentions, names the system knows (registrants of a dialogue
 * run with the bot, the organiser) and any run of two or more capitalised words ("Maija
 * Meikäläinen", also "Suomen Kotiseutuliitto" — acceptable in participants' notes).
 */

/** What replaces a masked span; language-neutral so it reads the same in fi/sv/en summaries. */
export const MASK = "[…]";

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const PHONE = /(?<![\p{L}\p{N}])\+?\d[\d ()-]{5,}\d(?![\p{L}\p{N}])/gu;
const MENTION = /(?<![\p{L}\p{N}])@[\p{L}\p{N}._-]+/gu;
const URL_WITH_USER = /https?:\/\/\S*(?:user|profile|people|\/in\/)\S*/giu;
// Two or more capitalised words in a row (a hyphenated or double surname counts as one word).
const NAME_RUN =
  /(?<![\p{L}\p{N}])\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?(?:\s+\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?)+/gu;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A masker: text in, anonymised text out. `knownNames` are people's names to remove wherever they appear. */
export type Masker = (text: string, knownNames?: readonly string[]) => string;

/** Builds one regular expression for the known names and their parts (≥ 3 letters), longest first. */
function knownNamesPattern(names: readonly string[]): RegExp | undefined {
  const parts = new Set<string>();
  for (const name of names) {
    const n = name.trim();
    if (n.length >= 3) parts.add(n);
    for (const p of n.split(/[\s,]+/)) if (p.length >= 3) parts.add(p);
  }
  if (parts.size === 0) return undefined;
  const alternatives = [...parts].sort((a, b) => b.length - a.length).map(escapeRegExp);
  // Followed by letters too, so inflected forms ("Maijan", "Virtaselle") are caught.
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})[\\p{Ll}]*`, "giu");
}

/** The local conservative masker. */
export const conservativeMask: Masker = (text, knownNames = []) => {
  let out = text
    .replace(EMAIL, MASK)
    .replace(URL_WITH_USER, MASK)
    .replace(MENTION, MASK)
    .replace(PHONE, MASK);
  const known = knownNamesPattern(knownNames);
  if (known) out = out.replace(known, MASK);
  out = out.replace(NAME_RUN, MASK);
  // Adjacent masks ("[…] […]") read as one.
  return out.replace(/\[…\](?:\s*\[…\])+/g, MASK);
};
