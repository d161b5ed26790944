import type { AccessRequest, ListingSource } from "@dialogi/contracts";
import type { AuditRecord, Entry, Membership, Organisation } from "./types";

/**
 * Storage the directory services need, implemented over Azure Tables in `storage/directory`.
 * Every method is scoped to a tenant: in a multi-tenant app each tenant has its own directory.
 * Conditional writes throw {@link StaleWriteError}; creating a taken id throws AlreadyExistsError.
 */

/** A write in a batch: create fails when the row exists, replace when its ETag changed. */
export type BatchWrite<T> = { kind: "create"; value: T } | { kind: "replace"; value: T; etag: string };

export type NewOrganisation = Omit<Organisation, "etag">;
export type NewEntry = Omit<Entry, "etag">;

export interface OrganisationRepository {
  list(tenantId: string): Promise<Organisation[]>;
  get(tenantId: string, id: string): Promise<Organisation | undefined>;
  create(tenantId: string, org: NewOrganisation): Promise<Organisation>;
  replace(tenantId: string, org: NewOrganisation, ifMatch: string): Promise<Organisation>;
  /** Atomic (one partition: the tenant's organisations). */
  writeBatch(tenantId: string, writes: BatchWrite<NewOrganisation>[]): Promise<void>;
  delete(tenantId: string, id: string, ifMatch: string): Promise<void>;
  /** The listings imports came from (same table, their own partition). */
  putSource(tenantId: string, source: ListingSource): Promise<void>;
  getSource(tenantId: string, id: string): Promise<ListingSource | undefined>;
}

/** Access requests waiting for a coordinator (one per person and organisation). */
export interface AccessRequestRepository {
  list(tenantId: string): Promise<AccessRequest[]>;
  get(tenantId: string, id: string): Promise<AccessRequest | undefined>;
  put(tenantId: string, request: AccessRequest): Promise<void>;
  delete(tenantId: string, id: string): Promise<void>;
}

/** Proactive messages to a person (the bot's personal chat with them). */
export interface DirectoryNotifier {
  /** Whether the bot has a conversation with the person (a stored conversation reference). */
  reachable(userId: string): Promise<boolean>;
  /** Tells the requester the coordinators' decision; false when it could not be delivered. */
  accessDecided(request: AccessRequest, approved: boolean, orgName: string): Promise<boolean>;
}

/**
 * Finds a person's Entra object id by e-mail/UPN in a tenant (Microsoft Graph, when configured
 * and it reads that tenant's directory).
 */
export type UserResolver = (
  email: string,
  tenantId: string,
) => Promise<{ id: string; name?: string } | undefined>;

export interface EntryRepository {
  /** Every entry of the tenant (all organisations). */
  list(tenantId: string): Promise<Entry[]>;
  get(tenantId: string, orgId: string, id: string): Promise<Entry | undefined>;
  create(tenantId: string, entry: NewEntry): Promise<Entry>;
  replace(tenantId: string, entry: NewEntry, ifMatch: string): Promise<Entry>;
  delete(tenantId: string, orgId: string, id: string, ifMatch: string): Promise<void>;
  /** Atomic per organisation (one partition), in chunks of 100 rows (the table's batch limit). */
  writeBatch(tenantId: string, orgId: string, writes: BatchWrite<NewEntry>[]): Promise<void>;
}

export interface MembershipRepository {
  list(tenantId: string): Promise<Membership[]>;
  /** One person's membership and its ETag (rights are checked against this row, not a cache). */
  get(tenantId: string, userId: string): Promise<{ membership: Membership; etag: string } | undefined>;
  /**
   * Conditional write: creates when `ifMatch` is undefined (AlreadyExistsError when the row
   * exists), else replaces (StaleWriteError when it changed or is gone).
   */
  write(tenantId: string, membership: Membership, ifMatch?: string): Promise<void>;
  /** Conditional delete (StaleWriteError when the row changed or is gone). */
  remove(tenantId: string, userId: string, ifMatch: string): Promise<void>;
  /** Unconditional write (seeding and tests; services use {@link write}). */
  put(tenantId: string, membership: Membership): Promise<void>;
  /** Unconditional delete (seeding and tests; services use {@link remove}). */
  delete(tenantId: string, userId: string): Promise<void>;
}

/**
 * The tenant's directory version: a counter every directory write increments after it is
 * stored, so an instance learns from one point read whether its in-memory snapshot is current.
 */
export interface VersionRepository {
  /** The current version (0 when nothing was ever written). */
  read(tenantId: string): Promise<number>;
  /** Increments the version (ETag-conditional, retried when another instance bumped meanwhile). */
  bump(tenantId: string): Promise<{ from: number; to: number }>;
}

export interface AuditRepository {
  /** Appends records (grouped per organisation partition, each group atomically). */
  append(tenantId: string, records: AuditRecord[]): Promise<void>;
  /** Records of one entity, newest first. */
  history(tenantId: string, orgId: string, entityId: string): Promise<AuditRecord[]>;
}

/** Everything the directory stores. */
export interface DirectoryStores {
  organisations: OrganisationRepository;
  entries: EntryRepository;
  memberships: MembershipRepository;
  audit: AuditRepository;
  accessRequests: AccessRequestRepository;
  versions: VersionRepository;
}
