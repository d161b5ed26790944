import { randomBytes } from "node:crypto";
import { startAzurite, type AzuriteHandle } from "../src/platform/tables/azurite";
import { createTableStore, type TableStore } from "../src/platform/tables/table-store";

/** A test Azurite (in memory, free port) and a store bound to it with a unique table prefix. */
export interface TestStore {
  azurite: AzuriteHandle;
  store: TableStore;
  /** Unique per call so tests sharing one Azurite never see each other's rows. */
  prefix: string;
}

let shared: Promise<AzuriteHandle> | undefined;

/**
 * Returns one in-memory Azurite shared by the whole mocha run (started on first use,
 * stopped at process exit) — starting one per test file would cost ~1.5 s each.
 */
export function sharedAzurite(): Promise<AzuriteHandle> {
  if (!shared) {
    shared = startAzurite();
    shared.then((h) => process.once("exit", () => void h.stop()));
  }
  return shared;
}

/** Fresh table prefix: letters only, since table names must be alphanumeric. */
export function uniquePrefix(): string {
  return (
    "t" +
    randomBytes(5)
      .toString("hex")
      .replace(/[0-9]/g, (d) => "abcdefghij"[Number(d)]!)
  );
}

/** A store on the shared Azurite with a fresh prefix. */
export async function testStore(): Promise<TestStore> {
  const azurite = await sharedAzurite();
  const prefix = uniquePrefix();
  return {
    azurite,
    prefix,
    store: createTableStore({ target: { connectionString: azurite.connectionString }, prefix }),
  };
}
