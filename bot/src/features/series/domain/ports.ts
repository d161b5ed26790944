import type { SeriesSummary } from "./summary";
import type {
  RegularOrganiser,
  Series,
  SeriesDialogue,
  SeriesLanguage,
  SeriesPerson,
  SeriesRecord,
  Subscriber,
} from "./types";

/**
 * Storage the series services need, implemented over Azure Tables in `storage/series`. Every
 * `update*` is ETag-conditional and throws {@link SeriesConflictError} when the stored version is
 * not `expectedVersion`; every `create*` throws it when the row exists already.
 */
export interface SeriesStore {
  createSeries(series: Series): Promise<void>;
  getSeries(id: string): Promise<Series | undefined>;
  updateSeries(series: Series, expectedVersion: number): Promise<void>;
  listSeries(tenantId: string): Promise<Series[]>;

  createDialogue(dialogue: SeriesDialogue): Promise<void>;
  getDialogue(seriesId: string, id: string): Promise<SeriesDialogue | undefined>;
  updateDialogue(dialogue: SeriesDialogue, expectedVersion: number): Promise<void>;

  getRecord(seriesId: string, seriesDialogueId: string, recordNo: number): Promise<SeriesRecord | undefined>;
  createRecord(record: SeriesRecord): Promise<void>;
  updateRecord(record: SeriesRecord, expectedVersion: number): Promise<void>;

  /** Every dialogue and record of a series in one partition read. */
  loadContent(seriesId: string): Promise<{ dialogues: SeriesDialogue[]; records: SeriesRecord[] }>;

  saveSummary(summary: SeriesSummary): Promise<void>;
  getSummary(seriesId: string): Promise<SeriesSummary | undefined>;

  /** A coordinator's request remembered under its id, or undefined when this id is new. */
  getRequest(seriesId: string, kind: RequestKind, requestId: string): Promise<RememberedRequest | undefined>;
  /** Remembers a request under its id; the first one stays (a second remember changes nothing). */
  rememberRequest(seriesId: string, requestId: string, request: RememberedRequest): Promise<void>;

  /** Idempotent: subscribing twice keeps one row (the newer language). */
  saveSubscriber(subscriber: Subscriber): Promise<void>;
  listSubscribers(seriesId: string): Promise<Subscriber[]>;
}

/** The coordinator requests that carry an id (the tab's click id, the card's nonce). */
export type RequestKind = "announce" | "remind";

/**
 * What one request id did, kept as long as the series: an id replayed later (even after newer
 * requests) is recognised and changes nothing again, and an id reused for a different request
 * (another conversation, other dialogues) is refused.
 */
export interface RememberedRequest {
  kind: RequestKind;
  /** What was asked, in a form a retry repeats exactly (an announcement's conversation). */
  fingerprint: string;
  /** Whom it reached: a reminder's dialogues, an announcement's contacts (their AAD ids). */
  targets: string[];
}

/** The regular organisers (vakiojärjestäjät) list. */
export interface RegularOrganiserStore {
  /** One tenant's list: tenants never see each other's organisers or contacts. */
  list(tenantId: string): Promise<RegularOrganiser[]>;
  get(tenantId: string, id: string): Promise<RegularOrganiser | undefined>;
  /** Throws {@link SeriesConflictError} when the id exists. */
  create(tenantId: string, organiser: RegularOrganiser): Promise<void>;
  update(tenantId: string, organiser: RegularOrganiser, expectedVersion: number): Promise<void>;
}

/** Directory organisations by name, when the directory feature has any (optional). */
export interface OrganisationLookup {
  /** Normalised name → directory organisation id. Empty when the directory has none. */
  namesToIds(): Promise<Map<string, string>>;
}

/** A dialogue run with this bot, as the series feature needs to see it (from the dialogues feature). */
export interface LinkedDialogueLookup {
  /** The dialogue when it exists in the tenant and `userId` organises it. */
  find(
    dialogueId: string,
    tenantId: string,
    userId: string,
  ): Promise<{ title: string; date: string; languages: string[]; mode: string } | undefined>;
  /** Registrants' names (to mask them in records). */
  participantNames(dialogueId: string): Promise<string[]>;
}

/** Result of sending messages to several people. */
export interface SendReport {
  sent: number;
  /** People without a stored conversation with the bot (they never opened it) or failed sends. */
  skipped: number;
}

/** Sends series messages in Teams (implemented with the Messenger and card templates). */
export interface SeriesNotifier {
  /**
   * The sign-up card to each regular organiser contact's personal chat. `requestId` (the
   * coordinator's click) keys the sending: the same request again sends nothing more.
   */
  announce(series: Series, contacts: readonly SeriesPerson[], requestId?: string): Promise<SendReport>;
  /** The sign-up card into a channel or group chat (keyed like {@link announce}). */
  announceInConversation(
    series: Series,
    conversationId: string,
    lang: SeriesLanguage,
    requestId?: string,
  ): Promise<boolean>;
  /** "Please submit your records" with the records form button, to each dialogue's owner. */
  remind(series: Series, dialogues: readonly SeriesDialogue[], requestId?: string): Promise<SendReport>;
  /** The published summary card to each subscriber. */
  publish(series: Series, summary: SeriesSummary, subscribers: readonly Subscriber[]): Promise<SendReport>;
}
