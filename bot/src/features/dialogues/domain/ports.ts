import type {
  Dialogue,
  DialogueAuditRecord,
  Posting,
  Registration,
  RegistrationAnswers,
  RegistrationCounts,
} from "./types";

/**
 * Storage the dialogue services need. Implemented over Azure Tables in `storage/dialogues`;
 * kept here as interfaces so the services stay free of storage SDKs and are testable.
 */
export interface DialogueStore {
  /** Inserts; when the id exists already, returns the stored one with `created: false`. */
  create(dialogue: Dialogue): Promise<{ created: boolean; dialogue: Dialogue }>;
  get(id: string): Promise<Dialogue | undefined>;
  /**
   * Replaces the dialogue when the stored version still equals `expectedVersion`
   * (ETag-conditional); throws {@link ConcurrencyError} otherwise.
   */
  update(dialogue: Dialogue, expectedVersion: number): Promise<void>;
  /** Dialogues a user organises, newest start first. */
  listByOrganiser(tenantId: string, userId: string): Promise<Dialogue[]>;
  /** Dialogues where a role waits for this (normalised) e-mail address. */
  listByPendingEmail(tenantId: string, email: string): Promise<Dialogue[]>;
  /** Records where an invitation card was posted (idempotent per conversation + activity). */
  addPosting(dialogueId: string, posting: Posting): Promise<void>;
  listPostings(dialogueId: string): Promise<Posting[]>;
  /** Claims a one-time key (e.g. a message already sent); false when it was claimed before. */
  claimOnce(dialogueId: string, key: string): Promise<boolean>;
  /**
   * Stores the Teams link made for the dialogue without changing its version (so organisers'
   * open cards stay current); a no-op for a missing dialogue.
   */
  setMeetingUrl(dialogueId: string, url: string): Promise<void>;
  /** Appends a row to the dialogue's audit trail (kept with the dialogue, erased with it). */
  appendAudit(dialogueId: string, record: DialogueAuditRecord): Promise<void>;
  /** The dialogue's audit trail, newest first. */
  listAudit(dialogueId: string): Promise<DialogueAuditRecord[]>;
}

/** Finds a Teams user of the tenant by e-mail or object id (Microsoft Graph `GET /users/{id}`). */
export interface PeopleLookup {
  /** True when lookups can succeed (Graph configured). */
  readonly available: boolean;
  /**
   * The person in the dialogue's tenant, or undefined when there is no such user (or Graph is
   * not configured, or does not read that tenant's directory).
   */
  find(emailOrId: string, tenantId: string): Promise<{ aadId: string; name: string } | undefined>;
}

/** No Graph: nobody can be looked up; e-mail entries wait for the person. */
export const NO_PEOPLE_LOOKUP: PeopleLookup = { available: false, find: async () => undefined };

/**
 * What the dialogue services tell the meetings feature (Teams meeting, Outlook invitation and
 * attendees through Microsoft Graph). Implementations only schedule durable work and never
 * throw: a Graph outage must not break creating a dialogue or registering.
 */
export interface MeetingHooks {
  /** True when meetings and invitations are made automatically (Graph is configured). */
  readonly automatic: boolean;
  /** The dialogue was created, edited or cancelled. */
  dialogueChanged(dialogue: Dialogue): Promise<void>;
  /** Who is confirmed may have changed (registration, cancellation, waitlist promotion). */
  attendeesChanged(dialogueId: string): Promise<void>;
  /**
   * The dialogue is about to be erased: what it made in Outlook and Teams is to go too. Called
   * before the erase (which removes the stored event and room ids); never throws.
   */
  dialogueDeleted(dialogue: Dialogue): Promise<void>;
}

/** Hooks that do nothing (Graph not configured). */
export const NO_MEETING_HOOKS: MeetingHooks = {
  automatic: false,
  dialogueChanged: async () => undefined,
  attendeesChanged: async () => undefined,
  dialogueDeleted: async () => undefined,
};

/** A registration as first submitted (status and order are decided by the store). */
export type NewRegistration = Omit<Registration, "status" | "seq" | "registeredAt" | "reminded">;

/** Registrations and the per-dialogue seat counter (same partition, so updated atomically). */
export interface RegistrationStore {
  get(dialogueId: string, userId: string): Promise<Registration | undefined>;
  /** Every registration row (any status), in arrival order. */
  list(dialogueId: string): Promise<Registration[]>;
  counts(dialogueId: string): Promise<RegistrationCounts>;
  /**
   * Confirms (a seat is free) or waitlists the person, atomically with the counter; a person
   * already confirmed or waitlisted keeps their place and only their answers are updated.
   */
  register(
    registration: NewRegistration,
    capacity: number,
    now: Date,
  ): Promise<{ registration: Registration; already: boolean }>;
  /** Cancels and, when a seat frees up, promotes the first waitlisted person in the same transaction. */
  cancel(
    dialogueId: string,
    userId: string,
    capacity: number,
  ): Promise<{ cancelled?: Registration; promoted?: Registration }>;
  /** Promotes waitlisted people while seats are free (after a capacity increase). */
  fillFromWaitlist(dialogueId: string, capacity: number): Promise<Registration[]>;
  /** Deletes a cancelled person's row (erasure on request); false when there was none. */
  remove(dialogueId: string, userId: string): Promise<boolean>;
  /** Notes that a reminder was sent (so a retried job does not send it twice). */
  markReminded(dialogueId: string, userId: string, reminder: string): Promise<void>;
}

/** Re-exported for implementers. */
export type { RegistrationAnswers };
