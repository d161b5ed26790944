/**
 * Directory administration (coordinators) and listing provenance, as the API sends and takes
 * them (docs/directory-api.md, "Administration" and "Listing provenance").
 */
import type { EntryTime, Section } from "./directory";

/**
 * The listing an import came from (seed 001: "Vertaisdialogin listaus" of 8 June 2021): its
 * heading, own date and the prose around the organisations' blocks, kept as written.
 */
export interface ListingSource {
  id: string;
  title: string;
  /** The listing's own date (ISO `YYYY-MM-DD`), found in its heading or introduction. */
  date?: string;
  /** Paragraphs before the first organisation. */
  intro: string[];
  /** Paragraphs after the last organisation (closing remarks, links). */
  notes: string[];
  importedAt: string;
}

/** A staff grant as the administration view lists it. */
export interface MembershipView {
  /** Entra object id, or `email:<address>` for a grant waiting for the person's first sign-in. */
  userId: string;
  orgIds: string[];
  name?: string;
  /** For a pending grant: the address it binds to (a verified UPN of a member of the tenant). */
  email?: string;
  /** True until the person signs in for the first time (then the grant moves to their object id). */
  pending?: boolean;
  updatedAt: string;
  updatedBy: string;
}

/** `GET /api/directory/memberships`. */
export interface MembershipList {
  items: MembershipView[];
  domainRules: Record<string, string>;
}

/** `POST /api/directory/grants` body: `user` is an e-mail address/UPN or an Entra object id. */
export interface GrantRequest {
  user: string;
  orgId: string;
  name?: string;
}

/**
 * How a grant was resolved: `granted` to an object id (given, found by Microsoft Graph or in
 * earlier sign-ins), `pending` stored by e-mail until the person signs in.
 */
export interface GrantResult {
  membership: MembershipView;
  status: "granted" | "pending";
  resolvedBy: "objectId" | "graph" | "signIn" | "pending";
}

/** `POST /api/directory/grants/revoke` body. */
export interface RevokeRequest {
  userId: string;
  orgId: string;
}

/** `POST /api/directory/organisations/:id/merge` body and answer. */
export interface MergeRequest {
  into: string;
}
export interface MergeResult {
  into: string;
  movedEntries: number;
  movedMemberships: number;
}

/** A staff member's request for rights to edit an organisation's entries. */
export interface AccessRequest {
  id: string;
  orgId: string;
  userId: string;
  name: string;
  email?: string;
  /** Why (optional, shown to coordinators). */
  note?: string;
  /** The requester's language (the bot's answer is written in it). */
  language: string;
  createdAt: string;
  /** Whether the bot can message the requester (they have a chat with it); coordinators only. */
  reachable?: boolean;
}

/** `POST /api/directory/access-requests` body. */
export interface AccessRequestInput {
  orgId: string;
  note?: string;
}

/** `POST /api/directory/access-requests/:id/approve|decline`. */
export interface AccessDecisionResult {
  decision: "approved" | "declined";
  /** The bot told the requester; false when it has no conversation with them. */
  notified: boolean;
}

/**
 * Whether an upcoming ("Tulossa") entry's time has passed, as of `today` (`YYYY-MM-DD`).
 * Conservative: only the parsed time counts (the importer and the API parse the free text into
 * `year`/`start`/`end`; see time-parse.ts), and a period has passed only after its last day —
 * a bare year after 31 December. An upcoming entry without any parsed time has passed one year
 * after it was listed (`listedAt`) or, when never listed, last edited: "coming" without a date
 * means "within the year" in these listings.
 */
export function upcomingHasPassed(
  entry: { section: Section; time?: EntryTime; listedAt?: string; updatedAt?: string },
  today: string,
): boolean {
  if (entry.section !== "upcoming") return false;
  const t = entry.time;
  const last = t?.end ?? t?.start ?? (t?.year ? `${t.year}-12-31` : undefined);
  if (last) return last < today;
  const base = entry.listedAt ?? entry.updatedAt?.slice(0, 10);
  if (!base || !/^\d{4}-\d{2}-\d{2}$/.test(base)) return false;
  const due = `${Number(base.slice(0, 4)) + 1}${base.slice(4)}`;
  return due < today;
}
