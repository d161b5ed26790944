import { LANGUAGES } from "@dialogi/contracts";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import i18next, { type i18n, type TFunction } from "i18next";

/** Languages the app speaks. Finnish first: it is the default (Finnish law requires fi and sv). */
export { LANGUAGES };
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "fi";

/**
 * Maps a Teams/BCP-47 locale ("fi-FI", "sv-SE", "en-US") or an Accept-Language header
 * to one of our languages, falling back to Finnish.
 */
export function toLanguage(locale: string | undefined | null): Language {
  if (!locale) return DEFAULT_LANGUAGE;
  for (const part of locale.split(",")) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if ((LANGUAGES as readonly string[]).includes(tag)) return tag as Language;
  }
  return DEFAULT_LANGUAGE;
}

/**
 * Loads every `locales/<lang>/<namespace>.json` found next to this file. Namespaces are
 * discovered from the folder so a feature adds its strings without touching this module.
 */
function loadResources(dir: string): Record<string, Record<string, unknown>> {
  const resources: Record<string, Record<string, unknown>> = {};
  for (const lang of LANGUAGES) {
    resources[lang] = {};
    const langDir = path.join(dir, lang);
    for (const file of readdirSync(langDir)) {
      if (!file.endsWith(".json")) continue;
      resources[lang]![file.slice(0, -5)] = JSON.parse(readFileSync(path.join(langDir, file), "utf8"));
    }
  }
  return resources;
}

let instance: i18n | undefined;

/** The shared i18next instance, initialised synchronously on first use. */
export function getI18n(): i18n {
  if (!instance) {
    const resources = loadResources(path.join(__dirname, "locales"));
    instance = i18next.createInstance();
    void instance.init({
      resources,
      lng: DEFAULT_LANGUAGE,
      fallbackLng: DEFAULT_LANGUAGE,
      supportedLngs: [...LANGUAGES],
      ns: Object.keys(resources.fi ?? {}),
      defaultNS: "common",
      initImmediate: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    } as Parameters<i18n["init"]>[0]);
  }
  return instance;
}

const fixedTs = new Map<string, TFunction>();

/**
 * A translate function fixed to one language (and optionally one namespace). Memoised: every
 * turn asks for one, and `getFixedT` builds a new function (with its own bookkeeping) each time.
 */
export function translator(language: Language, ns = "common"): TFunction {
  const key = `${language}\u0000${ns}`;
  let t = fixedTs.get(key);
  if (!t) {
    t = getI18n().getFixedT(language, ns);
    fixedTs.set(key, t);
  }
  return t;
}
