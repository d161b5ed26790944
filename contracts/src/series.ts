/**
 * National dialogue series (keskustelukierros) as the API sends them (docs/series-api.md).
 * Copied from bot/src/domain/series/{types,statistics,themes,summary}.ts with dates as the
 * ISO strings JSON makes of them, plus the `etag` the routes add.
 */
import type { DialogueMode } from "./methods";

/** Languages a series' materials and dialogues can use. */
export const SERIES_LANGUAGES = ["fi", "sv", "en"] as const;
export type SeriesLanguage = (typeof SERIES_LANGUAGES)[number];

/** Languages a dialogue may actually be held in (records also count other languages). */
export const DIALOGUE_HELD_LANGUAGES = [
  "fi",
  "sv",
  "en",
  "se",
  "ru",
  "et",
  "ar",
  "so",
  "fa",
  "sign",
  "other",
] as const;
export type HeldLanguage = (typeof DIALOGUE_HELD_LANGUAGES)[number];

/** Finnish regions (maakunnat) plus abroad and online-only, for the regional statistics. */
export const REGIONS = [
  "uusimaa",
  "varsinaisSuomi",
  "satakunta",
  "kantaHame",
  "pirkanmaa",
  "paijatHame",
  "kymenlaakso",
  "etelaKarjala",
  "etelaSavo",
  "pohjoisSavo",
  "pohjoisKarjala",
  "keskiSuomi",
  "etelaPohjanmaa",
  "pohjanmaa",
  "keskiPohjanmaa",
  "pohjoisPohjanmaa",
  "kainuu",
  "lappi",
  "ahvenanmaa",
  "abroad",
  "online",
] as const;
export type Region = (typeof REGIONS)[number];

/** Materials organisers receive with the announcement. */
export interface SeriesMaterials {
  /** Invitation text templates organisers adapt, per language (empty when not offered). */
  invitation: Record<SeriesLanguage, string>;
  discussionGuide: string;
  groundRules: string;
}

/** What a coordinator enters. */
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
  lang?: SeriesLanguage;
}

/** A series (`GET /api/series` items, `{ series }` of the other routes). */
export interface Series extends SeriesDetails {
  id: string;
  tenantId: string;
  version: number;
  createdBy: SeriesPerson;
  createdAt: string;
  updatedAt: string;
  announcedAt?: string;
  etag: string;
}

/** How a dialogue under the series is run. */
export type SeriesDialogueKind = "bot" | "reported";

/** What an organiser enters when registering a dialogue under a series. */
export interface SeriesDialogueDetails {
  kind: SeriesDialogueKind;
  /** For `bot`: the id of a dialogue created with this bot. */
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
  id: string;
  seriesId: string;
  owner: SeriesPerson;
  regularOrganiserId?: string;
  registeredAt: string;
  version: number;
  remindedAt?: string;
  reminderCount: number;
}

/** An item of `GET /api/series/:id/dialogues`: with its ETag and the number of records received. */
export interface SeriesDialogueItem extends SeriesDialogue {
  etag: string;
  records: number;
}

/** A dashboard row: a registered dialogue with the state of its records. */
export interface DashboardRow extends SeriesDialogue {
  records: number;
  participantsOnSite: number;
  participantsRemote: number;
  lastRecordAt?: string;
}

/** A value and how many times it occurs, most frequent first. */
export interface Count {
  key: string;
  count: number;
}

/** Live figures of a series (dashboard) and the headline of its summary. */
export interface SeriesStatistics {
  registeredDialogues: number;
  /** Dialogues with at least one record (held and reported). */
  dialogues: number;
  recordsMissing: number;
  participants: number;
  participantsOnSite: number;
  participantsRemote: number;
  /** Distinct organising organisations among dialogues with records. */
  organisers: number;
  /** Expected participants of every registered dialogue. */
  expectedParticipants: number;
  /** Dialogues reported in each language (a dialogue in two languages counts in both). */
  languages: Count[];
  /** Registered dialogues per region. */
  regions: Count[];
  modes: Count[];
  /** Dialogues that reached groups whose voice is seldom heard. */
  reachedSeldomHeard: number;
}

/** `GET /api/series/:id/dashboard` (coordinators). */
export interface Dashboard {
  series: Series;
  rows: DashboardRow[];
  statistics: SeriesStatistics;
}

/** One theme across all records. */
export interface ThemeSummary {
  theme: string;
  /** Records (dialogues or groups) in which it came up. */
  count: number;
  /** Short anonymised sentences from notes of those records. */
  quotes: string[];
  /** Insights reported together with the theme, most frequent first. */
  insights: { text: string; count: number }[];
}

/** The compiled summary; names organising organisations only, never participants. */
export interface SeriesSummary {
  seriesId: string;
  theme: string;
  question: string;
  periodStart: string;
  periodEnd: string;
  statistics: SeriesStatistics;
  themes: ThemeSummary[];
  /** Organisations that held a reported dialogue, alphabetically. */
  organisations: string[];
  /** Dialogues organised by individuals (counted, never named). */
  individualOrganisers: number;
  /** Groups whose voice is seldom heard that dialogues reached (anonymised phrases, with counts). */
  seldomHeardGroups: { text: string; count: number }[];
  /** The coordinators' own analysis. */
  analysis: string;
  compiledAt: string;
  publishedAt?: string;
  version: number;
  etag: string;
  published: boolean;
}

/** `POST /api/series/:id/reminders`. */
export interface SeriesReminderResult {
  reminded: string[];
  sent: number;
  skipped: number;
}
