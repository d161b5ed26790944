import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { LANGUAGES, type Language } from "../lib/languages";
import en from "./en.json";
import fi from "./fi.json";
import sv from "./sv.json";

/**
 * Initialises i18next with the three bundled languages (all small enough to ship in the
 * first chunk). Finnish is the fallback, as it is the language every organisation name has.
 */
export async function initI18n(lng: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: "fi",
    supportedLngs: [...LANGUAGES],
    resources: { fi: { translation: fi }, sv: { translation: sv }, en: { translation: en } },
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  document.documentElement.lang = lng;
  i18next.on("languageChanged", (l) => {
    document.documentElement.lang = l;
  });
  return i18next;
}

export { i18next };
