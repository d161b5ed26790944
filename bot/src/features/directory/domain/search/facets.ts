import type { DirectoryFacets, Language, SectionCounts } from "@dialogi/contracts";
import { collatorFor } from "../../../../platform/text/collation";
import { canSeeEntry } from "../roles";
import type { TenantSnapshot } from "../snapshot";
import type { Principal } from "../types";

/** Zero counts for every section. */
export const noEntries = (): SectionCounts => ({ done: 0, upcoming: 0, other: 0 });

/**
 * The entries the caller can see, counted per organisation and section, in one pass over the
 * directory (per organisation it would be organisations × entries).
 */
export function sectionCountsByOrg(s: TenantSnapshot, p: Principal): Map<string, SectionCounts> {
  const counts = new Map<string, SectionCounts>();
  for (const e of s.entries.values()) {
    if (!canSeeEntry(p, e)) continue;
    let c = counts.get(e.orgId);
    if (!c) counts.set(e.orgId, (c = noEntries()));
    c[e.section]++;
  }
  return counts;
}

/**
 * What the directory's filters offer: the themes (sorted in `lang`) and years (newest first) of
 * every entry the caller can see — never of entries hidden from them.
 */
export function directoryFacets(s: TenantSnapshot, p: Principal, lang: Language): DirectoryFacets {
  const themes = new Set<string>();
  const years = new Set<number>();
  for (const e of s.entries.values()) {
    if (!canSeeEntry(p, e)) continue;
    for (const t of e.themes) themes.add(t);
    if (e.time.year !== undefined) years.add(e.time.year);
  }
  return {
    themes: [...themes].sort(collatorFor(lang).compare),
    years: [...years].sort((a, b) => b - a),
  };
}
