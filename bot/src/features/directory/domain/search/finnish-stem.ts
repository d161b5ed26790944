/**
 * A light Finnish stemmer for search. It is not a linguistic analyser: it removes one case or
 * plural ending, a clitic and trailing vowels, so that inflected forms of a word share a prefix
 * ("Saimaa", "Saimaan", "Saimaalla" → "saim"; "dialogi", "dialogit", "dialogeja" → "dialog").
 * Query and text are stemmed alike and matched by prefix, so an over-short stem only widens a
 * search, and an irregular stem change (consonant gradation) at worst misses a form.
 */

const CLITICS = ["kaan", "kään", "kin"];
/** Case and plural endings, longest first (both vowel-harmony variants). */
const ENDINGS = [
  "ineen",
  "itten",
  "issa",
  "issä",
  "ista",
  "istä",
  "illa",
  "illä",
  "ilta",
  "iltä",
  "ille",
  "ihin",
  "iksi",
  "iden",
  "tten",
  "seen",
  "ssa",
  "ssä",
  "sta",
  "stä",
  "lla",
  "llä",
  "lta",
  "ltä",
  "lle",
  "ksi",
  "tta",
  "ttä",
  "hin",
  "den",
  "jen",
  "ien",
  "ina",
  "inä",
  "ita",
  "itä",
  "ja",
  "jä",
  "na",
  "nä",
  "ta",
  "tä",
  "en",
  "n",
  "t",
];
const VOWEL = /[aeiouyäöå]$/;
const MIN_STEM = 3;

function strip(word: string, suffixes: readonly string[]): string {
  for (const s of suffixes) {
    if (word.endsWith(s) && word.length - s.length >= MIN_STEM) return word.slice(0, -s.length);
  }
  return word;
}

/** The search stem of one folded, lowercase token. Numbers and short words are kept whole. */
export function stem(token: string): string {
  if (token.length <= MIN_STEM || /\d/.test(token)) return token;
  let w = strip(token, CLITICS);
  // -nen nouns and adjectives inflect through -s- ("suomalainen", "suomalaisen"), -us/-ys/-os
  // nouns through -ks- ("kalastus", "kalastuksen"): bring both forms to one stem.
  if (w.endsWith("nen") && w.length - 3 >= MIN_STEM) w = w.slice(0, -3) + "s";
  else w = strip(w, ENDINGS);
  if (w.endsWith("ks") && w.length - 2 >= MIN_STEM) w = w.slice(0, -2);
  else if (/[aeiouyäö]s$/.test(w) && w.length - 1 >= MIN_STEM) w = w.slice(0, -1);
  while (VOWEL.test(w) && w.length > MIN_STEM) w = w.slice(0, -1);
  return w;
}
