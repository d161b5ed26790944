import type { Section } from "../types";

/**
 * Reads the peer-dialogue listing format (seed 001): an organisation heading is a line followed
 * (after an optional blank line) by `•` bullets; indented bullets are sub-entries of the bullet
 * above; `Tulossa` / `Muuta` start the upcoming / other section; the bullet "Listaus puuttuu."
 * marks a missing listing. Any other text (the introduction, closing remarks) is skipped and
 * reported with its line number. Nothing here knows about ids or storage.
 */

/** A bullet as found in the file (1-based line numbers). */
export interface ListingBullet {
  line: number;
  text: string;
  section: Section;
  /** Line of the parent bullet for sub-bullets. */
  parentLine?: number;
}

/** One organisation's block. */
export interface ListingBlock {
  heading: string;
  line: number;
  listingMissing: boolean;
  bullets: ListingBullet[];
}

/** Problem codes, with an English explanation for the command line. */
export const LISTING_PROBLEMS = {
  bulletOutsideOrganisation: "bullet before any organisation heading",
  subBulletWithoutParent: "indented bullet without a bullet above it",
  nestedTooDeep: "bullets nest at most two levels",
  emptyBullet: "bullet without text",
  brokenLine: "text directly under a bullet: start it with • or separate it with a blank line",
  sectionOutsideOrganisation: "section heading before any organisation heading",
} as const;
export type ListingProblemCode = keyof typeof LISTING_PROBLEMS;

/** A line that could not be read. */
export interface ListingProblem {
  line: number;
  code: ListingProblemCode | string;
  message: string;
  text: string;
}

/** The parse result: blocks, skipped prose, problems. */
export interface ParsedListing {
  blocks: ListingBlock[];
  skipped: { line: number; text: string }[];
  problems: ListingProblem[];
}

const BULLET = /^([ \t]*)[•◦▪‣·*]\s*(\S.*)?$/u;
const DASH_BULLET = /^([ \t]*)-\s+(\S.*)?$/u;
const SECTION_HEADINGS: Record<string, Section> = {
  tulossa: "upcoming",
  muuta: "other",
  toteutetut: "done",
  toteutettu: "done",
  tehty: "done",
};
const MISSING = /^listaus puuttuu\.?$/i;

type Line =
  { kind: "blank" } | { kind: "bullet"; indent: number; text: string } | { kind: "text"; text: string };

function classify(raw: string): Line {
  if (raw.trim() === "") return { kind: "blank" };
  const m = BULLET.exec(raw) ?? DASH_BULLET.exec(raw);
  if (m) return { kind: "bullet", indent: m[1]!.replace(/\t/g, "    ").length, text: (m[2] ?? "").trim() };
  return { kind: "text", text: raw.trim() };
}

/** Parses listing text. Never throws: every unreadable line becomes a problem. */
export function parseListing(source: string): ParsedListing {
  const lines = source
    .replace(/^\ufeff/, "")
    .split(/\r\n|\n|\r/)
    .map(classify);
  const result: ParsedListing = { blocks: [], skipped: [], problems: [] };
  let block: ListingBlock | undefined;
  let section: Section = "done";
  let topIndent: number | undefined;
  let subIndent: number | undefined;
  let lastTop: ListingBullet | undefined;

  const problem = (i: number, code: ListingProblemCode, text: string) =>
    result.problems.push({ line: i + 1, code, message: LISTING_PROBLEMS[code], text });
  const nextNonBlank = (i: number) => {
    let j = i + 1;
    while (j < lines.length && lines[j]!.kind === "blank") j++;
    return lines[j];
  };
  const startList = () => {
    topIndent = undefined;
    subIndent = undefined;
    lastTop = undefined;
  };

  lines.forEach((line, i) => {
    if (line.kind === "blank") return;
    if (line.kind === "text") {
      const headsList = nextNonBlank(i)?.kind === "bullet";
      const sectionKey = line.text.toLowerCase().replace(/[:.]$/, "");
      if (headsList && SECTION_HEADINGS[sectionKey]) {
        if (!block) problem(i, "sectionOutsideOrganisation", line.text);
        section = SECTION_HEADINGS[sectionKey];
        startList();
      } else if (lines[i - 1]?.kind === "bullet") {
        // Text glued to a bullet is a wrapped line or a lost bullet marker, not a heading: guessing
        // would attach it to the wrong organisation.
        problem(i, "brokenLine", line.text);
      } else if (headsList) {
        block = { heading: line.text, line: i + 1, listingMissing: false, bullets: [] };
        result.blocks.push(block);
        section = "done";
        startList();
      } else {
        result.skipped.push({ line: i + 1, text: line.text });
      }
      return;
    }
    // A bullet.
    if (!block) return problem(i, "bulletOutsideOrganisation", line.text);
    if (!line.text) return problem(i, "emptyBullet", "");
    topIndent ??= line.indent;
    if (line.indent <= topIndent) {
      subIndent = undefined;
      if (MISSING.test(line.text)) {
        block.listingMissing = true;
        lastTop = undefined;
        return;
      }
      lastTop = { line: i + 1, text: line.text, section };
      block.bullets.push(lastTop);
      return;
    }
    if (!lastTop) return problem(i, "subBulletWithoutParent", line.text);
    subIndent ??= line.indent;
    if (line.indent > subIndent) return problem(i, "nestedTooDeep", line.text);
    block.bullets.push({ line: i + 1, text: line.text, section, parentLine: lastTop.line });
  });
  return result;
}
