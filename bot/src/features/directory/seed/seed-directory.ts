import { readFile } from "node:fs/promises";
import path from "node:path";
import { AlreadyExistsError, StaleWriteError } from "../../../platform/errors";
import { importListing, type ImportReport } from "../domain/listing/import-service";
import { createVersionedDirectoryStores } from "../store/directory-stores";
import type { TableStore } from "../../../platform/tables/table-store";

/** The peer-dialogue listing of 8 June 2021 (seed 001), shipped with the app (copied to dist on build). */
export const SEED_LISTING_PATH = path.join(__dirname, "listing-001.txt");

/** Options of {@link seedDirectoryIfEmpty}. */
export interface SeedOptions {
  /** Whose directory to seed (see `homeTenant` in api/auth). */
  tenantId: string;
  now?: () => Date;
  /** Another listing file (tests). */
  listingPath?: string;
}

/**
 * Imports the seed listing when the tenant has no organisations yet, so a fresh installation
 * shows a real directory. Returns the report, or undefined when there was something already.
 * Safe when several instances start at once: the losers' transactions fail and are ignored.
 */
export async function seedDirectoryIfEmpty(
  store: TableStore,
  options: SeedOptions,
): Promise<ImportReport | undefined> {
  const stores = createVersionedDirectoryStores(store);
  const existing = await stores.organisations.list(options.tenantId);
  if (existing.length > 0) return undefined;
  const source = await readFile(options.listingPath ?? SEED_LISTING_PATH, "utf8");
  try {
    return await importListing(stores, options.tenantId, source, {
      actor: { userId: "system", name: "Dialogi (seed)" },
      now: options.now,
    });
  } catch (err) {
    if (err instanceof AlreadyExistsError || err instanceof StaleWriteError) return undefined;
    throw err;
  }
}
