import type { EntryFields, Section } from "../types";
import { findEventCount } from "./event-count";
import { findPartners, findPlaces } from "./gazetteer";
import { suggestAreas, suggestThemes } from "./tag-rules";
import { findTime } from "./time-parse";

/** Abbreviations after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set([
  "mm",
  "ns",
  "esim",
  "jne",
  "yms",
  "tms",
  "ks",
  "vrt",
  "n",
  "ym",
  "em",
  "ko",
  "po",
  "eli",
]);
/** Titles longer than this are cut at the first natural break (comma, dash, parenthesis). */
const SHORT_TITLE = 80;
const MAX_CUT = 120;

/** Index just past the end of the first sentence, or the text length. */
function firstSentenceEnd(text: string): number {
  const re = /[.!?](?=\s+[\p{Lu}\d"'„»(]|\s*$)/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const word = /(\p{L}+)$/u.exec(text.slice(0, m.index))?.[1]?.toLowerCase();
    if (m[0] === "." && word && ABBREVIATIONS.has(word)) continue;
    return m.index + 1;
  }
  return text.length;
}

/** Index of a ": " that introduces details (not "EU:n", "2.0:n"), or -1. */
function introColon(text: string): number {
  const m = /:(?=\s|$)/.exec(text);
  return m ? m.index : -1;
}

/**
 * Index of the first comma or dash that ends a clause within a sensible title length, or -1.
 * Only a break followed by a capital letter or digit counts ("…2025, Tavoitteena oli…"): a
 * lower-case continuation ("arvion siitä, miten…") or a parenthesis is the same sentence going
 * on, and cutting there leaves a title that stops mid-sentence; so is a comma inside brackets.
 */
function naturalBreak(text: string): number {
  const re = /(,\s+|\s[–—-]\s+)(?=[\p{Lu}\d"'„»])/gu;
  // Inside brackets a comma lists details of the same thing ("(11 days, 1-2 groups)"): no break.
  const inBrackets = (i: number) =>
    (text.slice(0, i).match(/\(/g)?.length ?? 0) > (text.slice(0, i).match(/\)/g)?.length ?? 0);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (inBrackets(m.index)) continue;
    if (m.index >= 15 && m.index <= MAX_CUT) return m.index;
    if (m.index > MAX_CUT) break;
  }
  return -1;
}

const stripLead = (s: string) => s.replace(/^[\s:.,;–—-]+/, "").trim();
const stripTail = (s: string) => s.replace(/[\s:.,;]+$/, "").trim();

/**
 * Splits free bullet text into a title and a description: the part before an introducing
 * colon, else the first sentence; a long first sentence is cut only at a clause boundary,
 * otherwise it stays whole as the title (shortened with "…" beyond `maxTitle`, the whole text
 * then being the description). The two together always keep every word of the bullet.
 */
export function splitTitle(text: string, maxTitle = 200): { title: string; description: string } {
  const colon = introColon(text);
  const sentenceEnd = firstSentenceEnd(text);
  let cut: number;
  if (colon > 0 && colon < sentenceEnd && colon <= MAX_CUT) cut = colon;
  else if (sentenceEnd > SHORT_TITLE) {
    const brk = naturalBreak(text.slice(0, sentenceEnd));
    cut = brk > 0 ? brk : sentenceEnd;
  } else cut = sentenceEnd;
  let title = stripTail(text.slice(0, cut));
  let description = stripLead(text.slice(cut));
  if ([...title].length > maxTitle) {
    const words = title.slice(0, MAX_CUT).replace(/\s+\S*$/, "");
    title = `${words}…`;
    description = text.trim();
  }
  return { title, description };
}

/** Entry fields derived from one listing bullet (time, places, partners, counts, tags). */
export function bulletFields(text: string, section: Section, ownName: string): EntryFields {
  const { title, description } = splitTitle(text);
  const time = findTime(text) ?? { text: "" };
  const fields: EntryFields = {
    section,
    title,
    description,
    time,
    places: findPlaces(text),
    partners: findPartners(text).filter((p) => p.toLowerCase() !== ownName.toLowerCase()),
    themes: suggestThemes(text),
    areas: suggestAreas(text),
    language: "fi",
  };
  const count = findEventCount(text);
  if (count !== undefined) fields.eventCount = count;
  return fields;
}
