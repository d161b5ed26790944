/** The app's languages (UI, messages, content), Finnish first: the default and the fallback. */
export const LANGUAGES = ["fi", "sv", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/** True for one of {@link LANGUAGES}. */
export const isLanguage = (v: unknown): v is Language =>
  typeof v === "string" && (LANGUAGES as readonly string[]).includes(v);
