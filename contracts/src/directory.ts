/**
 * The peer-dialogue directory (Vertaisdialogi listing) as the API sends and takes it
 * (docs/directory-api.md). Copied from bot/src/domain/directory/types.ts, which the bot will
 * take from here once it switches over.
 */

/** Where an entry sits in an organisation's listing: done, "Tulossa" or "Muuta". */
export const SECTIONS = ["done", "upcoming", "other"] as const;
export type Section = (typeof SECTIONS)[number];

/** Organisation kinds, used for grouping in the tab. */
export const ORG_TYPES = ["ministry", "agency", "ely", "other"] as const;
export type OrgType = (typeof ORG_TYPES)[number];

/** The permanent work areas of Finnish open government (seed 003). */
export const WORK_AREAS = [
  "communication",
  "trust",
  "openActivity",
  "participation",
  "publicity",
  "understandability",
  "openData",
  "enabler",
] as const;
export type WorkArea = (typeof WORK_AREAS)[number];

/** Published entries are visible to every reader; pending and rejected only to staff and coordinators. */
export const ENTRY_STATUSES = ["published", "pending", "rejected"] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** Size limits of directory fields (characters / items). Shared by the API, the importer, the tab and the docs. */
export const LIMITS = {
  title: 200,
  description: 4000,
  timeText: 200,
  listItems: 30,
  listItem: 120,
  shortName: 40,
  orgName: 200,
  contact: 300,
  moderationNote: 1000,
  membershipName: 200,
  membershipOrgs: 50,
} as const;

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
  /** The listing it was imported from ({@link ListingSource} id). */
  sourceId?: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  etag: string;
}

/** How many of an organisation's entries the caller can see, by section. */
export type SectionCounts = Record<Section, number>;

/**
 * An organisation as the API returns it: with the number of entries the caller can see. The
 * list (`GET /api/directory/organisations`) comes sorted by name in the request's language.
 */
export type OrganisationView = Organisation & {
  entryCount: number;
  sectionCounts: SectionCounts;
  /** The listing its entries were imported from (`GET /api/directory/organisations/:id` only). */
  source?: import("./directory-admin").ListingSource;
};

/** When a dialogue happened: the text as written plus what could be parsed from it. */
export interface EntryTime {
  text: string;
  year?: number;
  /** ISO date `YYYY-MM-DD`, first day of the period. */
  start?: string;
  /** ISO date `YYYY-MM-DD`, last day of the period. */
  end?: string;
}

/** The fields an author edits (the body of POST/PUT, plus `orgId` on POST). */
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
  /** Participation method (methods template id) and IAP2 level of that dialogue. */
  method?: string;
  participationLevel?: string;
}

/**
 * A staff edit of a published entry in an organisation that requires review: readers keep
 * seeing the published fields until a coordinator approves it (sent to editors only).
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
  /** An edit waiting for review (only its organisation's staff and coordinators get it). */
  draft?: EntryDraft;
  createdAt: string;
  updatedAt: string;
  /** The author's name. */
  updatedBy: string;
  /** Imported entries: the date of the listing they come from (`YYYY-MM-DD`), kept across edits. */
  listedAt?: string;
  /** The listing they come from ({@link ListingSource} id). */
  sourceId?: string;
  /** Upcoming entries whose time has passed (`upcomingHasPassed`); computed, never stored. */
  needsUpdate?: boolean;
  etag: string;
}

/** One field an edit changes, as the moderation queue shows it. */
export interface FieldChange {
  field: keyof EntryFields;
  before: unknown;
  after: unknown;
}

/** An item of `GET /api/directory/moderation`: a new entry, or an edit of a published one. */
export type ModerationItem = Entry & { kind: "new" | "edit" | "delete"; changes: FieldChange[] };

/** The fields of an entry that the 2021 listing format carries (import compares these). */
export const LISTING_ENTRY_FIELDS = [
  "section",
  "title",
  "description",
  "parentId",
  "time",
  "places",
  "partners",
  "eventCount",
  "themes",
  "areas",
  "language",
] as const satisfies readonly (keyof EntryFields)[];

/**
 * The author-edited fields of an entry, in the order the editor shows them: one list for
 * validation, drafts under review, import and the history view.
 */
export const ENTRY_FIELD_NAMES = [
  ...LISTING_ENTRY_FIELDS,
  "link",
  "dialogueId",
  "method",
  "participationLevel",
] as const satisfies readonly (keyof EntryFields)[];

/** Who may do what in the directory, resolved per request (`GET /api/me`). */
export interface Principal {
  userId: string;
  tenantId: string;
  name: string;
  email?: string;
  coordinator: boolean;
  /** Organisation ids whose entries this user may add and edit. */
  staffOf: string[];
  /** Set for development sign-in tokens only. */
  dev?: boolean;
}

/** Filters of `GET /api/directory/entries` (query-string values; empty ones are not sent). */
export interface EntryQuery {
  q?: string;
  org?: string;
  section?: Section | "";
  tag?: string;
  area?: WorkArea | "";
  year?: string;
  limit?: string;
  offset?: string;
}

export type AuditAction = "create" | "update" | "delete" | "approve" | "reject" | "import" | "merge";

/** One row of `GET /api/directory/entries/:orgId/:id/history`. */
export interface HistoryItem {
  at: string;
  /** The author's name. */
  by: string;
  byId: string;
  action: AuditAction;
  before?: unknown;
  after?: unknown;
}

/**
 * `GET /api/directory/facets`: what the directory's filters offer, from every entry the caller
 * can see — themes sorted in the request's language, years newest first.
 */
export interface DirectoryFacets {
  themes: string[];
  years: number[];
}
