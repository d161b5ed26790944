import type { DirectoryStores } from "../domain/ports";
import { withVersionBumps } from "../domain/versioned-stores";
import type { TableStore } from "../../../platform/tables/table-store";
import { createAccessRequestRepository } from "./access-request-repository";
import { createAuditRepository } from "./audit-repository";
import { createEntryRepository } from "./entry-repository";
import { createMembershipRepository } from "./membership-repository";
import { createOrganisationRepository } from "./organisation-repository";
import { createVersionRepository } from "./version-repository";

/** The directory's repositories over one table store (tables are created by the composition root). */
export function createDirectoryStores(store: TableStore): DirectoryStores {
  return {
    organisations: createOrganisationRepository(store.table("Organisations")),
    entries: createEntryRepository(store.table("Entries")),
    memberships: createMembershipRepository(store.table("Memberships")),
    audit: createAuditRepository(store.table("Audit")),
    accessRequests: createAccessRequestRepository(store.table("Memberships")),
    versions: createVersionRepository(store.table("Organisations")),
  };
}

/**
 * The repositories with version bumps (for writers outside a running app's directory: the seed
 * and the import CLI), so running instances notice the change at their next version check.
 */
export function createVersionedDirectoryStores(store: TableStore): DirectoryStores {
  return withVersionBumps(createDirectoryStores(store), () => {});
}

/** Table names the directory needs (all listed in storage/tables.ts). */
export const DIRECTORY_TABLES = ["Organisations", "Entries", "Memberships", "Audit"] as const;
