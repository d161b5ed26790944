import { ENTRY_STATUSES, ORG_TYPES, SECTIONS, WORK_AREAS } from "@dialogi/contracts";
/**
 * The peer-dialogue directory (Vertaisdialogi listing): organisations and their entries.
 * Shapes here are the API shapes of docs/directory-api.md; storage adds only keys.
 */

/** Where an entry sits in an organisation's listing: done, "Tulossa" or "Muuta". */
export { SECTIONS };
export type Section = (typeof SECTIONS)[number];

/** Organisation kinds, used for grouping in the tab. */
export { ORG_TYPES };
export type OrgType = (typeof ORG_TYPES)[number];

/** The permanent work areas of Finnish open government (seed 003). */
export { WORK_AREAS };
export type WorkArea = (typeof WORK_AREAS)[number];

/** Published entries are visible to every reader; pending and rejected only to staff and coordinators. */
export { ENTRY_STATUSES };
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/**
 * Organisations and entries have one definition, the API's (`@dialogi/contracts`): what is
 * stored is what the API sends (storage adds only keys).
 */
export type {
  Entry,
  EntryDraft,
  EntryFields,
  EntryTime,
  OrgNames,
  Organisation,
  OrganisationFields,
} from "@dialogi/contracts";

export type { Principal } from "../../../platform/auth/identity";

/** The author of a change, as recorded in audit rows and `updatedBy`. */
export interface Actor {
  userId: string;
  name: string;
}

/** A coordinator-managed grant: this user is staff of these organisations. */
export interface Membership {
  userId: string;
  orgIds: string[];
  name?: string;
  updatedAt: string;
  updatedBy: string;
}

export type AuditAction = "create" | "update" | "delete" | "approve" | "reject" | "import" | "merge";
export type AuditEntity = "entry" | "organisation" | "membership" | "accessRequest";

/** One change, with the state before and after (JSON-able snapshots). */
export interface AuditRecord {
  orgId: string;
  at: string;
  by: Actor;
  action: AuditAction;
  entity: AuditEntity;
  entityId: string;
  before?: unknown;
  after?: unknown;
}
