import { createHash } from "node:crypto";
import type { ListingSource } from "@dialogi/contracts";

/** What a listing says about itself, before it is stored (no id or import time yet). */
export type ListingSourceText = Pick<ListingSource, "title" | "date" | "intro" | "notes">;

/** `8.6.2021` (also `8.6.21` is not accepted: the listing writes full years). */
const FINNISH_DATE = /\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})\b/;

/** The first `d.m.yyyy` date in the texts, as `YYYY-MM-DD`; undefined when none is a real date. */
export function listingDate(texts: readonly string[]): string | undefined {
  for (const text of texts) {
    const m = FINNISH_DATE.exec(text);
    if (!m) continue;
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) continue;
    return date.toISOString().slice(0, 10);
  }
  return undefined;
}

/**
 * The listing's own prose: the lines the parser skipped before the first organisation (its
 * heading — the first such line — and introduction) and after the last one (closing notes).
 * The listing's date is the first `d.m.yyyy` in the heading or introduction ("Vertaisdialogiin
 * 8.6.2021 osallistuneiden…"): the day the listed dialogues were collected.
 */
export function listingSourceText(
  skipped: readonly { line: number; text: string }[],
  firstBlockLine: number | undefined,
  lastBlockLine: number | undefined,
): ListingSourceText {
  const before = skipped.filter((s) => firstBlockLine === undefined || s.line < firstBlockLine);
  const after = skipped.filter((s) => lastBlockLine !== undefined && s.line > lastBlockLine);
  const [title, ...intro] = before.map((s) => s.text);
  const date = listingDate(before.map((s) => s.text));
  return { title: title ?? "", ...(date ? { date } : {}), intro, notes: after.map((s) => s.text) };
}

/** A stable id for a listing: the same file imported twice is one source. */
export function listingSourceId(text: ListingSourceText): string {
  const hash = createHash("sha256").update(JSON.stringify([text.title, text.date ?? "", text.intro]));
  return `listing-${text.date ?? "undated"}-${hash.digest("hex").slice(0, 8)}`;
}
