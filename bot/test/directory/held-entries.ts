import type { DirectoryStores } from "../../src/features/directory/domain/ports";

/** Stores whose entry listing reads every row, then waits until the test calls `release`. */
export interface HeldEntries {
  stores: DirectoryStores;
  /** Lets every waiting (and later) listing hand its rows over. */
  release(): void;
  /** How many entry listings have started. */
  readonly reads: number;
}

/**
 * Wraps `stores` so a snapshot load is caught between reading the entry rows and using them: a
 * write made meanwhile is missing from those rows, which is what the read model must survive.
 */
export function holdEntryListing(stores: DirectoryStores): HeldEntries {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let reads = 0;
  return {
    stores: {
      ...stores,
      entries: {
        ...stores.entries,
        list: async (tenantId) => {
          reads++;
          const rows = await stores.entries.list(tenantId);
          await gate; // the rows were read before whatever the test does now
          return rows;
        },
      },
    },
    release,
    get reads() {
      return reads;
    },
  };
}
