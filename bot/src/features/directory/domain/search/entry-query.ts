import { checkId } from "../validation/entry-input";
import { FieldChecker } from "../../../../platform/validation/field-checker";
import { entryFor } from "../drafts";
import { canSeeEntry } from "../roles";
import type { TenantSnapshot } from "../snapshot";
import { SECTIONS, WORK_AREAS, type Entry, type Principal, type Section, type WorkArea } from "../types";
import { foldForMatch } from "./normalise";

/** Filters of `GET /api/directory/entries` (and the exports). */
export interface EntryQuery {
  q?: string;
  org?: string;
  section?: Section;
  tag?: string;
  area?: WorkArea;
  year?: number;
  limit: number;
  offset: number;
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

const single = (v: unknown) => (Array.isArray(v) ? v[v.length - 1] : v);
const intParam = (c: FieldChecker, name: string, v: unknown, min: number, max: number) => {
  if (v === undefined || v === "") return undefined;
  const n = typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : NaN;
  return c.int(name, Number.isNaN(n) ? v : n, min, max);
};

/** Validates query-string filters; unknown organisation ids are refused (400), not silently empty. */
export function parseEntryQuery(
  params: Record<string, unknown>,
  orgExists: (id: string) => boolean,
  unlimited = false,
): EntryQuery {
  const c = new FieldChecker();
  const p = (name: string) => single(params[name]);
  const q = c.line("q", p("q"), { max: 200 });
  let org: string | undefined;
  if (p("org") !== undefined && p("org") !== "") {
    org = checkId(c, "org", p("org"), "org");
    if (org && !orgExists(org)) org = c.fail("org", "unknownOrg");
  }
  const query: EntryQuery = {
    section: c.oneOf("section", p("section"), SECTIONS, false),
    tag: c.line("tag", p("tag"), { max: 120 }),
    area: c.oneOf("area", p("area"), WORK_AREAS, false),
    year: intParam(c, "year", p("year"), 1900, 2100),
    limit: unlimited
      ? Number.MAX_SAFE_INTEGER
      : (intParam(c, "limit", p("limit"), 1, MAX_LIMIT) ?? DEFAULT_LIMIT),
    offset: intParam(c, "offset", p("offset"), 0, 1_000_000) ?? 0,
  };
  if (q) query.q = q;
  if (org) query.org = org;
  c.throwIfAny();
  return query;
}

function inYear(e: Entry, year: number): boolean {
  if (e.time.year === year) return true;
  const { start, end } = e.time;
  return start !== undefined && end !== undefined && start <= `${year}-12-31` && end >= `${year}-01-01`;
}

/**
 * Runs a query against a tenant snapshot: full-text match (ranked) or listing order, then
 * filters and the caller's visibility. Cost is the matching entries, not the whole directory,
 * when a text query is given.
 */
export function runEntryQuery(
  snapshot: TenantSnapshot,
  principal: Principal,
  query: EntryQuery,
): { items: Entry[]; total: number } {
  const tag = query.tag ? foldForMatch(query.tag) : undefined;
  const keep = (e: Entry) =>
    canSeeEntry(principal, e) &&
    (!query.org || e.orgId === query.org) &&
    (!query.section || e.section === query.section) &&
    (!query.area || e.areas.includes(query.area)) &&
    (!tag || e.themes.some((t) => foldForMatch(t) === tag)) &&
    (query.year === undefined || inYear(e, query.year));

  let matches: Entry[];
  if (query.q) {
    const scores = snapshot.index.search(query.q);
    const hits: { e: Entry; score: number; pos: number }[] = [];
    for (const [key, score] of scores ?? []) {
      const e = snapshot.entries.get(key);
      if (e && keep(e)) hits.push({ e, score, pos: snapshot.positionOf(e) });
    }
    hits.sort((a, b) => b.score - a.score || a.pos - b.pos);
    matches = hits.map((h) => h.e);
  } else {
    matches = snapshot.inListingOrder().filter(keep);
  }
  return {
    items: matches.slice(query.offset, query.offset + query.limit).map((e) => entryFor(principal, e)),
    total: matches.length,
  };
}
