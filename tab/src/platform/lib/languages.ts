import { LANGUAGES, type Language } from "@dialogi/contracts";

/** The UI languages, Finnish first (the default and the fallback). */
export { LANGUAGES, type Language };

/** Each language's name written in that language (for the switcher, with a matching `lang`). */
export const LANGUAGE_NAMES: Record<Language, string> = { fi: "Suomi", sv: "Svenska", en: "English" };

const STORAGE_KEY = "dialogi.lang";

/** Maps a locale such as `sv-FI` or `en-US` to a UI language, or undefined when unsupported. */
export function toLanguage(locale: string | undefined | null): Language | undefined {
  const base = (locale ?? "").toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(base ?? "") ? (base as Language) : undefined;
}

/** The user's explicit choice from the switcher, if any (kept across sessions). */
export function storedLanguage(): Language | undefined {
  try {
    return toLanguage(localStorage.getItem(STORAGE_KEY));
  } catch {
    return undefined; // storage can be blocked in embedded browsers
  }
}

export function storeLanguage(lang: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not fatal: the choice lasts for this page only
  }
}

/**
 * Picks the starting language: the user's own choice, then the Teams client locale, then the
 * browser's languages, then Finnish.
 */
export function initialLanguage(teamsLocale?: string): Language {
  return (
    storedLanguage() ??
    toLanguage(teamsLocale) ??
    navigator.languages.map(toLanguage).find((l) => l !== undefined) ??
    "fi"
  );
}
