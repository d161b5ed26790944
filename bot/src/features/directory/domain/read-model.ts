import type { DirectoryStores } from "./ports";
import { TenantSnapshot } from "./snapshot";
import type { Entry, Membership, Organisation } from "./types";

/** Options of {@link DirectoryReadModel}. */
export interface ReadModelOptions {
  /**
   * A read checks the stored directory version when its last check is older than this, and
   * reloads (waiting for it) when the version moved: another instance's write is served by
   * every instance at most this long after it was saved, plus one reload (docs/directory-api.md).
   */
  versionCheckMs?: number;
  /**
   * Safety net for rows written without a version bump (by hand, by an older app version):
   * after this, a read triggers a background reload.
   */
  maxStaleMs?: number;
  now?: () => number;
  /** Called when a background reload or a version check fails (the old snapshot keeps being served). */
  onRefreshError?: (err: unknown, tenantId: string) => void;
}

type Change = { at: number; apply: (s: TenantSnapshot) => void };

interface TenantState {
  snapshot?: TenantSnapshot;
  loading?: Promise<TenantSnapshot>;
  checking?: Promise<TenantSnapshot>;
  /** When the stored version was last found equal to the snapshot's (time before the read). */
  checkedAt: number;
  /** Local writes since the last load began, replayed onto a load that may have missed them. */
  recent: Change[];
}

/**
 * The directory read model: each tenant's directory cached in memory so a search never scans
 * the table. The table stays the state of record — several app instances may run — so:
 * writes by this instance update the cache at once (read-your-writes), every write bumps a
 * stored version (see `versioned-stores.ts`), and a read checks that version (one point read,
 * at most once per `versionCheckMs`, shared by concurrent requests) and reloads when another
 * instance wrote — on a busy or an idle instance alike.
 */
export class DirectoryReadModel {
  private readonly tenants = new Map<string, TenantState>();
  private readonly checkMs: number;
  private readonly maxStaleMs: number;
  private readonly now: () => number;

  constructor(
    private readonly stores: DirectoryStores,
    private readonly options: ReadModelOptions = {},
  ) {
    this.checkMs = options.versionCheckMs ?? 1000;
    this.maxStaleMs = options.maxStaleMs ?? 10 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** The tenant's snapshot (loads on first use; rejects when the store is unreachable then). */
  async snapshot(tenantId: string): Promise<TenantSnapshot> {
    const state = this.state(tenantId);
    const current = state.snapshot;
    if (!current) return this.load(tenantId, state);
    if (this.now() - state.checkedAt >= this.checkMs) return this.check(tenantId, state, current);
    if (this.now() - current.loadedAt > this.maxStaleMs && !state.loading) {
      this.load(tenantId, state).catch((err) => this.options.onRefreshError?.(err, tenantId));
    }
    return current;
  }

  /**
   * This instance bumped the stored version from `from` to `to` after a write it also applied
   * in memory: a snapshot at `from` is then at `to` (no reload for one's own write). A snapshot
   * at any other version missed someone else's write and keeps its label, so it reloads.
   */
  advance(tenantId: string, from: number, to: number): void {
    const s = this.tenants.get(tenantId)?.snapshot;
    if (s?.version === from) s.version = to;
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
      state = { recent: [], checkedAt: 0 };
      this.tenants.set(tenantId, state);
    }
    return state;
  }

  private change(tenantId: string, apply: (s: TenantSnapshot) => void): void {
    const state = this.state(tenantId);
    if (state.snapshot) apply(state.snapshot);
    if (state.loading) state.recent.push({ at: this.now(), apply });
  }

  /** Compares the stored version with the snapshot's; one check at a time per tenant. */
  private check(tenantId: string, state: TenantState, current: TenantSnapshot): Promise<TenantSnapshot> {
    state.checking ??= (async () => {
      try {
        const startedAt = this.now();
        const stored = await this.stores.versions.read(tenantId);
        const snapshot = state.snapshot ?? current;
        if (stored === snapshot.version) {
          state.checkedAt = Math.max(state.checkedAt, startedAt);
          return snapshot;
        }
        return await this.load(tenantId, state);
      } catch (err) {
        // Store unreachable: serve what we have (write rights are read from the store, not from
        // here), and try again after the interval rather than on (and logging) every request.
        state.checkedAt = Math.max(state.checkedAt, this.now());
        this.options.onRefreshError?.(err, tenantId);
        return state.snapshot ?? current;
      } finally {
        state.checking = undefined;
      }
    })();
    return state.checking;
  }

  private load(tenantId: string, state: TenantState): Promise<TenantSnapshot> {
    if (state.loading) return state.loading;
    const startedAt = this.now();
    state.recent = [];
    state.loading = (async () => {
      try {
        // The version first, then the rows: a change bumps after its write, so every change
        // up to this version is in the rows read below (later ones move the version on).
        const version = await this.stores.versions.read(tenantId);
        const [orgs, entries, memberships] = await Promise.all([
          this.stores.organisations.list(tenantId),
          this.stores.entries.list(tenantId),
          this.stores.memberships.list(tenantId),
        ]);
        const snapshot = TenantSnapshot.from(startedAt, orgs, entries, memberships);
        snapshot.version = version;
        // Writes made while the rows were being read may be missing from them: replay them.
        for (const change of state.recent) change.apply(snapshot);
        state.snapshot = snapshot;
        state.checkedAt = Math.max(state.checkedAt, startedAt);
        return snapshot;
      } finally {
        state.loading = undefined;
        state.recent = [];
      }
    })();
    return state.loading;
  }
}
