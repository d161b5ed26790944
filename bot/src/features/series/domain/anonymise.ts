/**
 * Conservative anonymisation of series record text. Stricter than domain/notes `maskNames`
 * (used for a dialogue's own group notes, where the registrants are known): records come from
 * many organisers and are published nationally, and most people mentioned in them are not
 * known to the system — so it rather masks too much:
 * e-mail addresses, phone numbers, @mentions, names the system knows (registrants of a dialogue
 * run with the bot, the organiser) and any run of two or more capitalised words ("Maija
 * Meikäläinen", also "Suomen Kotiseutuliitto" — acceptable in participants' notes).
 */

import { replaceEmails } from "../../../platform/text/emails";

/** What replaces a masked span; language-neutral so it reads the same in fi/sv/en summaries. */
export const MASK = "[…]";

// At most 30 characters between the first and last digit (15 digits and separators): unbounded,
// a run like "1 1 1 … 1x" made every start scan to the end and back.
const PHONE = /(?<![\p{L}\p{N}])\+?\d[\d ()-]{5,30}\d(?![\p{L}\p{N}])/gu;
const MENTION = /(?<![\p{L}\p{N}])@[\p{L}\p{N}._-]+/gu;
const URL_START = /https?:\/\//i;
const PROFILE_HINT = /user|profile|people|\/in\//i;
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

/**
 * Masks links to a person's profile: from "http(s)://" to the end of its word. Word by word with
 * plain searches: the regular expression `https?:\/\/\S*(?:user|…)\S*` was quadratic on
 * "http://http://…".
 */
function maskProfileUrls(text: string): string {
  return text.replace(/\S+/g, (word) => {
    const start = URL_START.exec(word);
    if (!start || !PROFILE_HINT.test(word.slice(start.index))) return word;
    return word.slice(0, start.index) + MASK;
  });
}

/** The local conservative masker. */
export const conservativeMask: Masker = (text, knownNames = []) => {
  let out = maskProfileUrls(replaceEmails(text, () => MASK, { looseDomain: true }))
    .replace(MENTION, MASK)
    .replace(PHONE, MASK);
  const known = knownNamesPattern(knownNames);
  if (known) out = out.replace(known, MASK);
  out = out.replace(NAME_RUN, MASK);
  // Adjacent masks ("[…] […]") read as one.
  return out.replace(/\[…\](?:\s*\[…\])+/g, MASK);
};
