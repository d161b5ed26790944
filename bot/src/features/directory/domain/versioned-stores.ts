import type { DirectoryStores } from "./ports";

/**
 * Wraps the stores so that every write other instances' snapshots must see (organisations,
 * entries, memberships) increments the tenant's directory version once it is stored. The order
 * matters: data first, version second. A reader reads the version first, then the rows, so a
 * snapshot labelled with version v holds every change whose bump is ≤ v. `onBump` tells this
 * instance's read model (whose own writes are already applied in memory).
 */
export function withVersionBumps(
  stores: DirectoryStores,
  onBump: (tenantId: string, from: number, to: number) => void,
): DirectoryStores {
  const bumped =
    <A extends [string, ...unknown[]], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const result = await write(...args);
      const { from, to } = await stores.versions.bump(args[0]);
      onBump(args[0], from, to);
      return result;
    };
  const { organisations: o, entries: e, memberships: m } = stores;
  return {
    ...stores,
    organisations: {
      ...o,
      create: bumped(o.create),
      replace: bumped(o.replace),
      writeBatch: bumped(o.writeBatch),
      delete: bumped(o.delete),
    },
    entries: {
      ...e,
      create: bumped(e.create),
      replace: bumped(e.replace),
      delete: bumped(e.delete),
      writeBatch: bumped(e.writeBatch),
    },
    memberships: {
      ...m,
      write: bumped(m.write),
      remove: bumped(m.remove),
      put: bumped(m.put),
      delete: bumped(m.delete),
    },
  };
}
