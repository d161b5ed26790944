import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { LANGUAGES, type Language } from "../lib/languages";
import fi from "./fi.json";

/**
 * Swedish and English are loaded when first used: a page load parses Finnish (the fallback,
 * the language every organisation name has) and at most one other language.
 */
const OTHER_LANGUAGES: Record<Exclude<Language, "fi">, () => Promise<{ default: typeof fi }>> = {
  sv: () => import("./sv.json"),
  en: () => import("./en.json"),
};

/** Adds a language's strings to i18next if they are not there yet. */
async function loadLanguage(lng: Language): Promise<void> {
  if (lng === "fi" || i18next.hasResourceBundle(lng, "translation")) return;
  const { default: strings } = await OTHER_LANGUAGES[lng]();
  i18next.addResourceBundle(lng, "translation", strings);
}

/** Initialises i18next in `lng`, with Finnish as the fallback. */
export async function initI18n(lng: Language): Promise<typeof i18next> {
  const strings = lng === "fi" ? undefined : OTHER_LANGUAGES[lng]();
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: "fi",
    supportedLngs: [...LANGUAGES],
    resources: {
      fi: { translation: fi },
      ...(strings ? { [lng]: { translation: (await strings).default } } : {}),
    },
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    // The strings are in hand: initialise now, not in a later task (that wait delayed the
    // first render).
    initAsync: false,
  });
  document.documentElement.lang = lng;
  i18next.on("languageChanged", (l) => {
    document.documentElement.lang = l;
  });
  return i18next;
}

/** Switches the UI language, loading its strings first. */
export async function switchLanguage(lng: Language): Promise<void> {
  await loadLanguage(lng);
  await i18next.changeLanguage(lng);
}

export { i18next };
