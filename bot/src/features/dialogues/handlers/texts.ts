import type { TFunction } from "i18next";
import { translator, type Language } from "../../../platform/i18n/i18n";
import { displayDate, displayTime } from "../../../platform/time/helsinki-time";
import type { Dialogue, DialogueOrganisation } from "../domain/types";

/** Translator for the `dialogue` namespace. */
export function dialogueT(lang: Language): TFunction {
  return translator(lang, "dialogue");
}

/** "25.3.2030 klo 9.00–11.00" in the reader's language (Helsinki time). */
export function whenText(t: TFunction, d: Pick<Dialogue, "start" | "end">): string {
  return t("when", { date: displayDate(d.start), start: displayTime(d.start), end: displayTime(d.end) });
}

/** "18.3.2030 klo 23.59". */
export function instantText(t: TFunction, at: Date): string {
  return t("at", { date: displayDate(at), time: displayTime(at) });
}

/** Where: the mode, with the address (the Teams link is given only to registrants). */
export function whereText(t: TFunction, d: Dialogue): string {
  const mode = t(`mode.${d.mode}`);
  return d.mode === "remote" ? mode : `${mode}: ${d.address}`;
}

/** "Finnish, Swedish". */
export function languagesText(t: TFunction, d: Pick<Dialogue, "languages">): string {
  return d.languages.map((l) => t(`language.${l}`)).join(", ");
}

/** Co-organising organisations from the directory, then the free-text organisers. */
export function organisersText(
  d: Pick<Dialogue, "organisers" | "coOrganisations" | "organisations" | "type">,
  lang?: Language,
): string {
  const named = (o: DialogueOrganisation) => (lang && o.names?.[lang]) || o.name;
  // A peer dialogue's organisers are its directory organisations: named in the reader's language.
  if (lang && d.type === "peer" && d.organisations?.some((o) => o.names))
    return [...(d.coOrganisations ?? []), ...d.organisations].map(named).join(", ");
  return [...(d.coOrganisations ?? []).map(named), d.organisers].filter(Boolean).join(", ");
}
