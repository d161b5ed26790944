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

/** Organisation names; Finnish is required, Swedish and English when known. */
export interface OrgNames {
  fi: string;
  sv?: string;
  en?: string;
}

/** The fields a coordinator edits. */
export interface OrganisationFields {
  shortName: string;
  names: OrgNames;
  type: OrgType;
  contact?: string;
  listingMissing: boolean;
  requiresReview: boolean;
}

/** A stored organisation. `etag` is the table row's ETag (optimistic concurrency). */
export interface Organisation extends OrganisationFields {
  id: string;
  /** The listing it was imported from (ListingSource id). */
  sourceId?: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  etag: string;
}

/** When a dialogue happened: the text as written plus what could be parsed from it. */
export interface EntryTime {
  text: string;
  year?: number;
  /** ISO date `YYYY-MM-DD`, first day of the period. */
  start?: string;
  /** ISO date `YYYY-MM-DD`, last day of the period. */
  end?: string;
}

/** The fields an author edits. */
export interface EntryFields {
  section: Section;
  title: string;
  description: string;
  parentId?: string;
  time: EntryTime;
  places: string[];
  partners: string[];
  eventCount?: number;
  themes: string[];
  areas: WorkArea[];
  language?: string;
  link?: string;
  /** The dialogue this entry came from (peer dialogues feed the directory; see docs/peer-api.md). */
  dialogueId?: string;
  /** Participation method (domain/methods template id) and IAP2 level of that dialogue. */
  method?: string;
  participationLevel?: string;
}

/**
 * A staff edit of a published entry in an organisation that requires review: held here while
 * the published fields stay what readers see, until a coordinator approves (or rejects) it.
 */
export interface EntryDraft {
  fields: EntryFields;
  status: "pending" | "rejected";
  /** The change asked for is deleting the entry (a staff deletion under review); `fields` are unchanged. */
  deletion?: boolean;
  /** Why a coordinator rejected the edit. */
  moderationNote?: string;
  updatedAt: string;
  updatedBy: string;
}

/** A stored entry. */
export interface Entry extends EntryFields {
  id: string;
  orgId: string;
  /** Position in the organisation's listing (import order; new entries go last). */
  order: number;
  status: EntryStatus;
  /** Why a coordinator rejected the entry. */
  moderationNote?: string;
  /** An edit waiting for review (only its organisation's staff and coordinators see it). */
  draft?: EntryDraft;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  /** Imported entries: the listing's own date (`YYYY-MM-DD`), distinct from updatedAt; kept across edits. */
  listedAt?: string;
  /** The listing it was imported from (ListingSource id). */
  sourceId?: string;
  etag: string;
}

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
