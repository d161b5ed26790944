import type { TFunction } from "i18next";
import { LANGUAGES, toLanguage, translator, type Language } from "../../platform/i18n/i18n";

/** Translator for the `public` namespace. */
export const publicT = (lang: Language): TFunction => translator(lang, "public");

/** The page language: an explicit `?lang=` (the switch) wins over the browser's Accept-Language. */
export function pageLanguage(explicit: unknown, acceptLanguage: string | undefined): Language {
  if (typeof explicit === "string" && (LANGUAGES as readonly string[]).includes(explicit))
    return explicit as Language;
  return toLanguage(acceptLanguage);
}
