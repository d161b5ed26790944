import type { TFunction } from "i18next";
import { translator, type Language } from "../../../platform/i18n/i18n";

/** Translator for the message extension's namespace (`locales/<lng>/messageExtension.json`). */
export function extensionT(lang: Language): TFunction {
  return translator(lang, "messageExtension");
}
