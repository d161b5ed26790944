/**
 * How many dialogue events a bullet states: "8 tilaisuutta", "(4 tilaisuutta) … (1 tilaisuus)",
 * "12 keskustelua", "50 dialogia", "viisi keskusteluiltaa". Several counts in one bullet are
 * summed (they name parts of one activity); groups per event ("1-2 ryhmää") are not events.
 */

const NUMBER_WORDS: Record<string, number> = {
  yksi: 1,
  yhden: 1,
  kaksi: 2,
  kolme: 3,
  neljä: 4,
  viisi: 5,
  kuusi: 6,
  seitsemän: 7,
  kahdeksan: 8,
  yhdeksän: 9,
  kymmenen: 10,
};

/** Nouns (partitive/nominative stems) that count events, not groups or people. */
const UNIT =
  "(?:tilaisuu(?:tta|s|den)|keskustelu(?:a|ja)?|keskustelupäivää?|keskusteluiltaa?|dialogia?|dialogeja|tapaamis(?:ta|ia)|työpajaa?|kansalaisraatia?|kertaa)";

const COUNT = new RegExp(
  `(?<![\\p{L}\\d-])(\\d{1,5}|${Object.keys(NUMBER_WORDS).join("|")})\\s+${UNIT}(?!\\p{L})`,
  "giu",
);

/** The stated number of events, or undefined when the text states none. */
export function findEventCount(text: string): number | undefined {
  let total = 0;
  let found = false;
  for (const m of text.matchAll(COUNT)) {
    const raw = m[1]!.toLowerCase();
    const n = /^\d+$/.test(raw) ? Number(raw) : NUMBER_WORDS[raw];
    if (n === undefined) continue;
    total += n;
    found = true;
  }
  return found ? total : undefined;
}
