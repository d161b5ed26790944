import { SearchIndex } from "./search/search-index";
import type { Entry, Membership, Organisation } from "./types";

/** Key of an entry within a tenant. */
export const entryKey = (orgId: string, id: string) => `${orgId}/${id}`;

/**
 * One tenant's directory in memory: organisations, entries, memberships and the search index,
 * with the derived views (listing order, children) rebuilt lazily after a change.
 */
export class TenantSnapshot {
  readonly orgs = new Map<string, Organisation>();
  readonly entries = new Map<string, Entry>();
  readonly memberships = new Map<string, Membership>();
  readonly index = new SearchIndex();
  private ordered: Entry[] | undefined;
  private positions: Map<Entry, number> | undefined;
  private children: Map<string, number> | undefined;
  /** The stored directory version this snapshot holds every change of (see `read-model.ts`). */
  version = 0;

  constructor(readonly loadedAt: number) {}

  /** Builds a snapshot from full lists. */
  static from(
    loadedAt: number,
    orgs: Organisation[],
    entries: Entry[],
    memberships: Membership[],
  ): TenantSnapshot {
    const s = new TenantSnapshot(loadedAt);
    for (const o of orgs) s.orgs.set(o.id, o);
    for (const e of entries) s.putEntry(e);
    for (const m of memberships) s.memberships.set(m.userId.toLowerCase(), m);
    return s;
  }

  putEntry(entry: Entry): void {
    const key = entryKey(entry.orgId, entry.id);
    this.entries.set(key, entry);
    this.index.set(key, {
      title: entry.title,
      labels: [...entry.places, ...entry.partners, ...entry.themes],
      description: entry.description,
    });
    this.changed();
  }

  removeEntry(orgId: string, id: string): void {
    const key = entryKey(orgId, id);
    this.entries.delete(key);
    this.index.remove(key);
    this.changed();
  }

  putOrganisation(org: Organisation): void {
    this.orgs.set(org.id, org);
    this.changed();
  }

  getEntry(orgId: string, id: string): Entry | undefined {
    return this.entries.get(entryKey(orgId, id));
  }

  /** Number of sub-entries of an entry. */
  childCount(orgId: string, id: string): number {
    if (!this.children) {
      this.children = new Map();
      for (const e of this.entries.values()) {
        if (!e.parentId) continue;
        const k = entryKey(e.orgId, e.parentId);
        this.children.set(k, (this.children.get(k) ?? 0) + 1);
      }
    }
    return this.children.get(entryKey(orgId, id)) ?? 0;
  }

  /**
   * Entries in listing order: organisation (Finnish name), section (done, upcoming, other),
   * position — with each sub-entry right after its parent.
   */
  inListingOrder(): Entry[] {
    if (this.ordered) return this.ordered;
    const sectionRank = { done: 0, upcoming: 1, other: 2 } as const;
    // Organisations are ranked once by Finnish name; entries then compare numbers only.
    const orgName = (id: string) => this.orgs.get(id)?.names.fi ?? id;
    const orgIds = [...new Set([...this.orgs.keys(), ...[...this.entries.values()].map((e) => e.orgId)])];
    const collator = new Intl.Collator("fi");
    orgIds.sort((a, b) => collator.compare(orgName(a), orgName(b)));
    const orgRank = new Map(orgIds.map((id, i) => [id, i]));
    const topOf = (e: Entry) => (e.parentId ? (this.getEntry(e.orgId, e.parentId) ?? e) : e);
    const rank = (e: Entry) => {
      const top = topOf(e);
      return [orgRank.get(e.orgId)!, sectionRank[top.section], top.order, e.parentId ? 1 : 0, e.order];
    };
    const ranked = [...this.entries.values()].map((e) => ({ e, r: rank(e) }));
    ranked.sort((a, b) => {
      for (let i = 0; i < a.r.length; i++) {
        const d = a.r[i]! - b.r[i]!;
        if (d !== 0) return d;
      }
      return 0;
    });
    this.ordered = ranked.map((x) => x.e);
    this.positions = new Map(this.ordered.map((e, i) => [e, i]));
    return this.ordered;
  }

  /** Position of an entry in {@link inListingOrder} (ties in search ranking follow the listing). */
  positionOf(entry: Entry): number {
    if (!this.ordered) this.inListingOrder();
    return this.positions?.get(entry) ?? 0;
  }

  private changed(): void {
    this.ordered = undefined;
    this.positions = undefined;
    this.children = undefined;
  }
}
