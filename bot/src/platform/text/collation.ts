/**
 * One `Intl.Collator` per language for the process: building one loads the locale's collation
 * data, and `localeCompare(…, lang)` builds one per comparison.
 */
const collators = new Map<string, Intl.Collator>();

/** The collator of a language (`fi`, `sv`, `en`…), made on first use. */
export function collatorFor(lang: string): Intl.Collator {
  let c = collators.get(lang);
  if (!c) {
    c = new Intl.Collator(lang);
    collators.set(lang, c);
  }
  return c;
}
