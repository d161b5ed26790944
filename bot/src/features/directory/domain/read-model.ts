import type { DirectoryStores } from "./ports";
import { TenantSnapshot } from "./snapshot";
import type { Entry, Membership, Organisation } from "./types";

/** Options of {@link DirectoryReadModel}. */
export interface ReadModelOptions {
  /** After this, a read triggers a background reload (other instances may have written). */
  ttlMs?: number;
  /** After this, a read waits for a reload rather than serve older data. */
  maxStaleMs?: number;
  now?: () => number;
  /** Called when a background reload fails (the old snapshot keeps being served). */
  onRefreshError?: (err: unknown, tenantId: string) => void;
}

type Change = { at: number; apply: (s: TenantSnapshot) => void };

interface TenantState {
  snapshot?: TenantSnapshot;
  loading?: Promise<TenantSnapshot>;
  /** Local writes since the last load began, replayed onto a load that may have missed them. */
  recent: Change[];
}

/**
 * The directory read model: each tenant's directory cached in memory so a search never scans
 * the table. The table stays the state of record — several app instances may run — so:
 * writes by this instance update the cache at once (read-your-writes), and a short TTL
 * reloads in the background to pick up other instances' writes.
 */
export class DirectoryReadModel {
  private readonly tenants = new Map<string, TenantState>();
  private readonly ttlMs: number;
  private readonly maxStaleMs: number;
  private readonly now: () => number;

  constructor(
    private readonly stores: DirectoryStores,
    private readonly options: ReadModelOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 15_000;
    this.maxStaleMs = options.maxStaleMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** The tenant's snapshot (loads on first use; rejects when the store is unreachable then). */
  async snapshot(tenantId: string): Promise<TenantSnapshot> {
    const state = this.state(tenantId);
    const current = state.snapshot;
    if (!current) return this.load(tenantId, state);
    const age = this.now() - current.loadedAt;
    if (age > this.maxStaleMs) return this.load(tenantId, state);
    if (age > this.ttlMs && !state.loading) {
      this.load(tenantId, state).catch((err) => this.options.onRefreshError?.(err, tenantId));
    }
    return current;
  }

  /**
   * Starts loading a tenant's snapshot in the background (at start-up), so the first request
   * does not pay for it. A request arriving meanwhile waits for this same load — never a
   * second one. Resolves with the number of entries, or undefined when the load failed (the
   * first request then tries again).
   */
  async preload(tenantId: string): Promise<number | undefined> {
    try {
      return (await this.snapshot(tenantId)).entries.size;
    } catch (err) {
      this.options.onRefreshError?.(err, tenantId);
      return undefined;
    }
  }

  /** Forgets a tenant's snapshot (next read reloads). */
  invalidate(tenantId: string): void {
    this.tenants.delete(tenantId);
  }

  putEntry(tenantId: string, entry: Entry): void {
    this.change(tenantId, (s) => {
      const loaded = s.getEntry(entry.orgId, entry.id);
      if (!loaded || loaded.updatedAt <= entry.updatedAt) s.putEntry(entry);
    });
  }

  removeEntry(tenantId: string, orgId: string, id: string): void {
    this.change(tenantId, (s) => s.removeEntry(orgId, id));
  }

  putOrganisation(tenantId: string, org: Organisation): void {
    this.change(tenantId, (s) => {
      const loaded = s.orgs.get(org.id);
      if (!loaded || loaded.updatedAt <= org.updatedAt) s.putOrganisation(org);
    });
  }

  putMembership(tenantId: string, membership: Membership): void {
    this.change(tenantId, (s) => s.memberships.set(membership.userId.toLowerCase(), membership));
  }

  removeMembership(tenantId: string, userId: string): void {
    this.change(tenantId, (s) => s.memberships.delete(userId.toLowerCase()));
  }

  private state(tenantId: string): TenantState {
    let state = this.tenants.get(tenantId);
    if (!state) {
      state = { recent: [] };
      this.tenants.set(tenantId, state);
    }
    return state;
  }

  private change(tenantId: string, apply: (s: TenantSnapshot) => void): void {
    const state = this.state(tenantId);
    if (state.snapshot) apply(state.snapshot);
    if (state.loading) state.recent.push({ at: this.now(), apply });
  }

  private load(tenantId: string, state: TenantState): Promise<TenantSnapshot> {
    if (state.loading) return state.loading;
    const startedAt = this.now();
    state.recent = [];
    state.loading = (async () => {
      try {
        const [orgs, entries, memberships] = await Promise.all([
          this.stores.organisations.list(tenantId),
          this.stores.entries.list(tenantId),
          this.stores.memberships.list(tenantId),
        ]);
        const snapshot = TenantSnapshot.from(startedAt, orgs, entries, memberships);
        // Writes made while the rows were being read may be missing from them: replay them.
        for (const change of state.recent) change.apply(snapshot);
        state.snapshot = snapshot;
        return snapshot;
      } finally {
        state.loading = undefined;
        state.recent = [];
      }
    })();
    return state.loading;
  }
}
