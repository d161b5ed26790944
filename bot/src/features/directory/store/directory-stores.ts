import type { DirectoryStores } from "../domain/ports";
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

/** Table names the directory needs (all listed in storage/tables.ts). */
export const DIRECTORY_TABLES = ["Organisations", "Entries", "Memberships", "Audit"] as const;
