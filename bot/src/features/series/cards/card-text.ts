import { randomUUID } from "node:crypto";
import { translator } from "../../../platform/i18n/i18n";
import { isCardNonce } from "../domain/card-ids";
import { label } from "../domain/export-text";
import type { SeriesLanguage } from "../domain/types";

/** The series feature's translator for one card language. */
export const tOf = (lang: SeriesLanguage) => translator(lang, "series");

/** Helsinki-style date (`2026-03-05` → `5.3.2026`) for cards and messages; anything else as given. */
export const fiDate = (iso: string) => {
  const [y, m, d] = iso.split("-");
  return y && m && d ? `${Number(d)}.${Number(m)}.${y}` : iso;
};

/** Choice-set options for a list of codes, titled in the card's language. */
export const options = (
  lang: SeriesLanguage,
  group: "modes" | "languages" | "regions",
  codes: readonly string[],
) => codes.map((value) => ({ title: label(tOf(lang), group, value), value }));

/** A problem the server found with one field of a series form. */
export type SeriesFormError = { field: string; key: string; params?: Record<string, unknown> };

/** Messages by input id (`themes.2` → `themes`): shown under each input, first message wins. */
export function messagesByInput(
  t: (k: string, o?: Record<string, unknown>) => string,
  errors: readonly SeriesFormError[],
) {
  const byField: Record<string, string> = {};
  for (const e of errors) byField[e.field.split(".")[0]!] ??= t(`errors.${e.key}`, e.params ?? {});
  return byField;
}

/** The card's one-time id: kept when a refused form is shown again, so its later submit is the same card. */
export const nonceOf = (values: Record<string, unknown>) =>
  isCardNonce(values.nonce) ? values.nonce : randomUUID();
