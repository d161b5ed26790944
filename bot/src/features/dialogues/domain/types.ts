import { DIALOGUE_MODES } from "@dialogi/contracts";
import type { AttributeKey, AttributePolicy } from "../../rounds";

/**
 * The dialogue aggregate and its registrations, as the domain sees them (no storage or Teams
 * types). Times are absolute instants (UTC `Date`); the organiser enters them in Europe/Helsinki.
 */

/** How people take part. */
export { DIALOGUE_MODES };
export type DialogueMode = (typeof DIALOGUE_MODES)[number];

/** Erätauko ground-rules versions: current 4-rule, Finnish 6-rule, 2017 5-rule. */
export const GROUND_RULES_VERSIONS = ["current4", "finnish6", "v2017five"] as const;
export type GroundRulesVersion = (typeof GROUND_RULES_VERSIONS)[number];

/** Languages a dialogue can be held in (and a registrant can prefer). */
export const DIALOGUE_LANGUAGES = ["fi", "sv", "en"] as const;
export type DialogueLanguage = (typeof DIALOGUE_LANGUAGES)[number];

/**
 * Who may register: `organisation` and `tenant` are Teams users of the organiser's tenant (the
 * bot knows no finer organisation within a shared tenant, so both are checked as the tenant);
 * `public` also opens the public registration page (features/public-registration).
 */
export const AUDIENCES = ["organisation", "tenant", "public"] as const;
export type Audience = (typeof AUDIENCES)[number];

/** How a registrant of a hybrid dialogue takes part. */
export const ATTENDANCES = ["onSite", "remote"] as const;
export type Attendance = (typeof ATTENDANCES)[number];

/** Background categories used by grouping (mixing perspectives). */
export const BACKGROUNDS = [
  "stateAdministration",
  "municipality",
  "ngo",
  "business",
  "research",
  "resident",
  "other",
] as const;
export type Background = (typeof BACKGROUNDS)[number];

/** One timed programme item ("9.30 group dialogues"). */
export interface AgendaItem {
  /** Minutes from midnight, Helsinki time. */
  minutes: number;
  title: string;
  /** True when participants talk in breakout groups during this item (a round). */
  breakout: boolean;
  /** A short description shown under the title on the invitation; absent on older rows. */
  description?: string;
}

/** The fields an organiser edits in the form (already validated and sanitised). */
export interface DialogueDetails {
  title: string;
  description: string;
  /** Theme questions, one per entry. */
  themes: string[];
  start: Date;
  end: Date;
  /** Registration closes at this instant (defaults to the start). */
  deadline: Date;
  mode: DialogueMode;
  /** Teams meeting link (remote / hybrid). */
  meetingUrl: string;
  /** Street address (in person / hybrid). */
  address: string;
  capacity: number;
  languages: DialogueLanguage[];
  /** Organisers and co-organisers as free text (organisation names). */
  organisers: string;
  groundRules: GroundRulesVersion;
  agenda: AgendaItem[];
  /** Who may register; absent on older rows and read as "tenant". */
  audience?: Audience;
  /** Who the dialogue is for, as the organiser puts it; absent on older rows. */
  targetAudience?: string;
  /** Background material for participants (https links); absent on older rows. */
  materials?: MaterialLink[];
  /**
   * Co-organising organisations chosen from the directory (with their names when chosen);
   * `organisers` holds anyone else as free text. Absent on older rows.
   */
  coOrganisations?: DialogueOrganisation[];
}

/** A link to material for participants, shown as a button on the invitation. */
export interface MaterialLink {
  title: string;
  /** Always https (validated). */
  url: string;
}

/** A person in a role, identified by AAD object id (plus the Teams id for card refresh). */
export interface Person {
  aadId: string;
  /** Teams user id ("29:…"), needed for Adaptive Card `refresh.userIds`. */
  teamsId?: string;
  name: string;
}

/** "peer": scheduled by network coordinators between directory organisations (features/peer). */
export type DialogueType = "standard" | "peer";

/** A directory organisation taking part, with its name as shown when the dialogue was scheduled. */
export interface DialogueOrganisation {
  id: string;
  name: string;
  /** The directory's name in each language, when known (readers see their own). */
  names?: { fi: string; sv?: string; en?: string };
}

/**
 * Grouping preferences the rounds plan uses (passed to `formGroups`): peer dialogues diversify by
 * organisation; method templates set group sizes. Absent = the grouping defaults.
 */
export interface DialogueGrouping {
  minSize?: number;
  maxSize?: number;
  targetSize?: number;
  policies?: Partial<Record<AttributeKey, AttributePolicy>>;
}

/** Fields set when a dialogue is created by another feature (peer scheduling, method templates). */
export interface DialogueExtras {
  /** Absent on older rows and ordinary dialogues: read as "standard". */
  type?: DialogueType;
  /** Participating organisations (peer dialogues); registrants pick theirs from these. */
  organisations?: DialogueOrganisation[];
  grouping?: DialogueGrouping;
  /** Participation-method template id (domain/methods) and its IAP2 level. */
  method?: string;
  participationLevel?: string;
}

/** A stored dialogue. */
export interface Dialogue extends DialogueDetails, DialogueExtras {
  id: string;
  tenantId: string;
  state: "open" | "cancelled";
  /** Set when a facilitator ended the dialogue: registration and posting close for good. */
  endedAt?: Date;
  /** Increments on every change; cards carry it so stale submissions are detected. */
  version: number;
  /** The creator (organiser and facilitator). */
  createdBy: Person;
  /** Everyone allowed to edit and see registrants (includes the creator). */
  organiserIds: string[];
  /** Facilitators (includes the creator). */
  facilitators: Person[];
  createdAt: Date;
  updatedAt: Date;
  /** Co-organisers added by an organiser, with their names (their ids are in `organiserIds`). */
  coOrganisers?: Person[];
  /** People added by e-mail whose object id is not known yet (no Graph): resolved later. */
  pendingStaff?: PendingStaff[];
  /**
   * True when the Teams meeting (and the Outlook invitation) are made by the app through
   * Microsoft Graph; `meetingUrl` is then filled in by the meetings job. Absent = pasted link.
   */
  meetingAuto?: boolean;
}

/** Where an invitation card was posted, so edits can update it. */
export interface Posting {
  conversationId: string;
  activityId: string;
  /** Language the card was posted in (the poster's), reused when it is updated. */
  lang: DialogueLanguage;
}

/** Registration status. Rows are never deleted: cancelling keeps the row for idempotency. */
export type RegistrationStatus = "confirmed" | "waitlisted" | "cancelled";

/** What the grouping needs (all optional except language). */
export interface RegistrationAnswers {
  language: DialogueLanguage;
  organisation: string;
  background: Background | "";
  accessibility: string;
  scribe: boolean;
  /** Hybrid dialogues: on site or remote (required for hybrid; absent = not asked). */
  attendance?: Attendance;
  /** Id of the ground-rules text the person accepted (`<version>/<language>/<hash>`); absent on older rows. */
  groundRulesVersion?: string;
}

/** One person's registration. */
export interface Registration extends RegistrationAnswers {
  dialogueId: string;
  userId: string;
  teamsId?: string;
  name: string;
  /** UI language of the person, for reminders and notices. */
  uiLang: DialogueLanguage;
  status: RegistrationStatus;
  /** Arrival order; the waitlist is served lowest first. */
  seq: number;
  registeredAt: Date;
  /** Which reminders were already sent (idempotent reminder jobs). */
  reminded: string[];
}

/** Seat counts, kept in one counter row updated in the same transaction as registrations. */
export interface RegistrationCounts {
  confirmed: number;
  waitlisted: number;
}

/** A role an organiser can give another person on a dialogue. */
export const STAFF_ROLES = ["organiser", "facilitator"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Someone added by e-mail only, waiting to be matched to a Teams user of the tenant. */
export interface PendingStaff {
  email: string;
  role: StaffRole;
}

/** One row of a dialogue's audit trail: who (object id) did what, when. */
export interface DialogueAuditRecord {
  at: Date;
  /** AAD object id of the actor (from the authenticated activity or token). */
  byId: string;
  /** What was done, e.g. "staff.add", "dialogue.edit", "round.start". */
  action: string;
  /** Whom or what it concerned (an object id, a pending e-mail's role), when any. */
  target?: string;
  /** Why, when the actor gave a reason (an organiser removing a registrant). */
  reason?: string;
}
