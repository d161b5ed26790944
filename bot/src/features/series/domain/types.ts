/**
 * A national dialogue round (keskustelukierros), called a **series** in code so it never mixes
 * with a round (kierros) inside one dialogue. Many organisers hold dialogues on one theme
 * during a period, report records, and coordinators compile one summary. No storage or Teams types.
 */
import { DIALOGUE_HELD_LANGUAGES, REGIONS, SERIES_LANGUAGES } from "@dialogi/contracts";
import type { DialogueMode } from "../../dialogues";

/** Languages a series' materials and dialogues can use. */
export { SERIES_LANGUAGES };
export type SeriesLanguage = (typeof SERIES_LANGUAGES)[number];

/** Languages a dialogue may actually be held in (records also count other languages). */
export { DIALOGUE_HELD_LANGUAGES };
export type HeldLanguage = (typeof DIALOGUE_HELD_LANGUAGES)[number];

/** Finnish regions (maakunnat) plus abroad and online-only, for the regional statistics. */
export { REGIONS };
export type Region = (typeof REGIONS)[number];

/** Materials organisers receive with the announcement. */
export interface SeriesMaterials {
  /** Invitation text templates organisers adapt, per language (empty when not offered). */
  invitation: Record<SeriesLanguage, string>;
  discussionGuide: string;
  groundRules: string;
}

/** What a coordinator enters (validated and cleaned). */
export interface SeriesDetails {
  theme: string;
  question: string;
  /** Dialogue period, Helsinki calendar dates YYYY-MM-DD (inclusive). */
  periodStart: string;
  periodEnd: string;
  /** Last day organisers can register dialogues (Helsinki date; ends 23:59:59 local). */
  registrationDeadline: string;
  /** Last day records can be submitted or edited (Helsinki date; ends 23:59:59 local). */
  recordsDeadline: string;
  materials: SeriesMaterials;
  languages: SeriesLanguage[];
}

/** A person by AAD object id. */
export interface SeriesPerson {
  aadId: string;
  name: string;
  /** Language for messages the bot sends to this person. */
  lang?: SeriesLanguage;
}

/** A stored series. */
export interface Series extends SeriesDetails {
  id: string;
  tenantId: string;
  /** Increments on every change; the REST API exposes it as the ETag. */
  version: number;
  createdBy: SeriesPerson;
  createdAt: Date;
  updatedAt: Date;
  announcedAt?: Date;
  /** The request id of the last announcement: its retry is recognised and bumps nothing. */
  announceRequest?: string;
}

/** How a dialogue under the series is run. */
export type SeriesDialogueKind = "bot" | "reported";

/** What an organiser enters when registering a dialogue under a series. */
export interface SeriesDialogueDetails {
  kind: SeriesDialogueKind;
  /** For `bot`: the id of a dialogue created with this bot (dialogues feature). */
  dialogueId?: string;
  title: string;
  /** The organising organisation as the organiser names it (never a participant). */
  organisation: string;
  /** Helsinki date YYYY-MM-DD. */
  date: string;
  mode: DialogueMode;
  language: HeldLanguage;
  targetGroup: string;
  expectedParticipants: number;
  region: Region;
}

/** A dialogue registered under a series. */
export interface SeriesDialogue extends SeriesDialogueDetails {
  /** Id within the series (`sd-…`). */
  id: string;
  seriesId: string;
  owner: SeriesPerson;
  /** The regular organiser this organisation matched, if any. */
  regularOrganiserId?: string;
  registeredAt: Date;
  version: number;
  /** Last reminder to submit records, if any. */
  remindedAt?: Date;
  reminderCount: number;
  /** The request id of the last reminder: its retry is recognised and counts nothing again. */
  reminderRequest?: string;
}

/** What an organiser reports after the dialogue (validated, anonymised). */
export interface RecordDetails {
  participantsOnSite: number;
  participantsRemote: number;
  languages: HeldLanguage[];
  /** Themes that came up, one short phrase each. */
  themes: string[];
  /** Main insights, one per entry. */
  insights: string[];
  /** Free notes, anonymised before storing. */
  notes: string;
  /** Whether the dialogue reached groups whose voice is seldom heard. */
  reachedSeldomHeard: boolean;
  /** Which groups (no names). */
  seldomHeardGroups: string;
}

/** Most records per dialogue (one for the whole dialogue, or one per breakout group). */
export const MAX_RECORDS_PER_DIALOGUE = 50;

/**
 * Records of one dialogue, or of one breakout group of it (`recordNo` 1 is the dialogue's main
 * record; large events may report each group separately so their counts add up).
 */
export interface SeriesRecord extends RecordDetails {
  seriesId: string;
  seriesDialogueId: string;
  recordNo: number;
  ownerId: string;
  submittedAt: Date;
  updatedAt: Date;
  version: number;
}

/** A regular organiser (vakiojärjestäjä): an organisation or, rarely, an individual facilitator. */
export interface RegularOrganiser {
  id: string;
  name: string;
  kind: "organisation" | "person";
  /** Where it came from: the spring 2023 list, a coordinator, or a sign-up. */
  source: "seed2023" | "coordinator" | "signup";
  /** People to message when a series is announced (AAD ids; they chose to be contacts). */
  contacts: SeriesPerson[];
  /** Directory organisation id when the name matched one (filled in at read time). */
  directoryOrgId?: string;
  version: number;
}

/** A summary user (yhteenvedon hyödyntäjä) who asked to get the summary in Teams. */
export interface Subscriber {
  seriesId: string;
  aadId: string;
  name: string;
  lang: SeriesLanguage;
  subscribedAt: Date;
}
