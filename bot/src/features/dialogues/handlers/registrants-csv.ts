import { translator, type Language } from "../../../platform/i18n/i18n";
import { toCsv } from "../../../platform/text/csv";
import { displayDate, utcToHelsinki } from "../../../platform/time/helsinki-time";
import type { Registration } from "../domain/types";

/** Columns of the registrant export, in order (their headers are `registrantsCsv:column.<key>`). */
export const REGISTRANT_COLUMNS = [
  "name",
  "status",
  "language",
  "organisation",
  "background",
  "scribe",
  "accessibility",
  "registeredAt",
  "external",
  "email",
  "attendance",
  "groundRulesVersion",
] as const;

/** One registration with what the export adds: the shown name, whether public, the shared address. */
export interface RegistrantRow {
  registration: Registration;
  name: string;
  external: boolean;
  email: string;
}

/** "14.12.2026 09:05": a date and time Excel in the Finnish and Swedish locales reads as one. */
const helsinkiStamp = (at: Date) => `${displayDate(at)} ${utcToHelsinki(at).time}`;

/**
 * The registrant list for the organiser who opened the link, in their language: headers and
 * values (status, language, background, attendance, yes/no) translated, times in Helsinki time,
 * `;`-separated with a UTF-8 BOM. `;` for every language: Excel splits a `.csv` by the
 * computer's regional list separator, not by its UI language, and the organisers are Finnish
 * public administration (fi-FI / sv-FI regional settings, list separator `;`), also those who
 * read English. Formula characters are neutralised by `toCsv`.
 */
export function registrantsCsv(rows: readonly RegistrantRow[], lang: Language): string {
  const t = translator(lang, "registrantsCsv");
  const d = translator(lang, "dialogue");
  const yesNo = (b: boolean) => t(b ? "yes" : "no");
  const optional = (prefix: string, value: string | undefined) => (value ? d(`${prefix}.${value}`) : "");
  const rules = (id: string | undefined) => {
    const m = /^([A-Za-z0-9]+)\/(fi|sv|en)\/(\w+)$/.exec(id ?? "");
    if (!m) return id ?? "";
    return `${d(`groundRules.${m[1]}`, { defaultValue: m[1] })} (${d(`language.${m[2]}`)}, ${m[3]})`;
  };
  return toCsv(
    [
      REGISTRANT_COLUMNS.map((c) => t(`column.${c}`)),
      ...rows.map(({ registration: r, name, external, email }) => [
        name,
        t(`status.${r.status}`),
        d(`language.${r.language}`),
        r.organisation,
        optional("background", r.background),
        yesNo(r.scribe),
        r.accessibility,
        helsinkiStamp(r.registeredAt),
        yesNo(external),
        email,
        optional("attendance", r.attendance),
        rules(r.groundRulesVersion),
      ]),
    ],
    { separator: ";" },
  );
}
