/**
 * Text normalisation for matching only (stored text is never changed). Lowercase, NFKD with
 * combining marks removed — except that ä, ö and å stay letters of their own, because in Finnish
 * and Swedish they distinguish words ("tähti" ≠ "tahti"). {@link asciiFold} gives the folded form
 * used when a user types without them.
 */

const KEEP = /[äöå]/g;
const PLAIN = /^[\u0020-\u007eäöå]*$/i;
const PLACEHOLDER: Record<string, string> = { ä: "\u0001", ö: "\u0002", å: "\u0003" };
const RESTORE: Record<string, string> = { "\u0001": "ä", "\u0002": "ö", "\u0003": "å" };

/** Lowercase, accents removed except ä/ö/å (é → e, ü → u, ß → ss via NFKD-compatible folding). */
export function foldForMatch(text: string): string {
  // Most text is printable ASCII plus ä/ö/å, for which folding is lowercasing (the index folds
  // every field of every entry when a snapshot loads: this path makes that ~10× cheaper).
  if (PLAIN.test(text)) return text.toLowerCase();
  return text
    .replace(/[\u0000-\u001f]/g, " ")
    .normalize("NFC")
    .toLowerCase()
    .replace(KEEP, (c) => PLACEHOLDER[c]!)
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/ß/g, "ss")
    .replace(/[\u0001-\u0003]/g, (c) => RESTORE[c]!);
}

/** ä → a, ö → o, å → a on already-folded text. */
export function asciiFold(folded: string): string {
  return folded.replace(/[äå]/g, "a").replace(/ö/g, "o");
}

/** True when folded text contains ä, ö or å. */
export function hasNordicLetters(folded: string): boolean {
  return /[äöå]/.test(folded);
}

/**
 * Words of folded text. Hyphenated compounds give their parts and the joined whole
 * ("erätauko-dialogit" → "erätauko", "dialogit", "erätaukodialogit"), so either spelling finds them.
 */
export function tokenize(folded: string): string[] {
  const out: string[] = [];
  for (const word of folded.match(/[\p{L}\p{N}]+(?:[-'’:][\p{L}\p{N}]+)*/gu) ?? []) {
    if (!/[-'’:]/.test(word)) {
      out.push(word); // the common case: no compound to split
      continue;
    }
    const parts = word.split(/[-'’:]/).filter(Boolean);
    out.push(...parts);
    if (parts.length > 1 && word.includes("-")) out.push(parts.join(""));
  }
  return out;
}
