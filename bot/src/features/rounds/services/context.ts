import type { Dialogue, DialogueLanguage, DialogueService } from "../../dialogues";
import type { RegistrationService } from "../../dialogues";
import type { JobQueue } from "../../../platform/jobs/job-types";
import type { Logger } from "../../../logger";
import type { Messenger } from "../../../platform/messaging/messenger-types";
import type { Outbox } from "../../../platform/outbox/outbox";
import type { GroupRepository } from "../store/group-repository";
import type { NoteRepository } from "../store/note-repository";
import type { PlanRepository } from "../store/plan-repository";
import type { GroupCache } from "./group-cache";
import type { ExternalMemberHook } from "./external-members";
import type { RoundLinks } from "./links";

/**
 * Teams meetings for breakout rooms, one per room number (features/meetings implements it over
 * Microsoft Graph; without Graph every method yields no links and cards keep the manual
 * "go to breakout room N" instruction).
 */
export interface BreakoutRooms {
  /** Groups were formed: make the rooms' meetings in the background. */
  prepare(dialogue: Dialogue, rooms: number): Promise<void>;
  /** Room number → join link for announcing a round (may call Graph; never throws). */
  linksFor(dialogue: Dialogue, rooms: number): Promise<Map<number, string>>;
  /** Stored links only (no Graph call), for cards rendered while someone waits. */
  stored(dialogueId: string): Promise<Map<number, string>>;
}

/** Rooms without Graph: no links. */
export const NO_BREAKOUT_ROOMS: BreakoutRooms = {
  prepare: async () => undefined,
  linksFor: async () => new Map(),
  stored: async () => new Map(),
};

/** One person to notify in the meeting: Teams user id (`29:…`) and the language they read. */
export interface MeetingNoticeRecipient {
  teamsId: string;
  lang: DialogueLanguage;
}

/**
 * Targeted in-meeting notifications (features/meetings implements it over the Teams connector):
 * nothing happens when the dialogue is not linked to a Teams meeting the bot is in. Throws only
 * when the outbox cannot record the notice (the caller's job retries; the key makes that safe).
 */
export interface MeetingNotices {
  notify(
    dialogue: Dialogue,
    recipients: readonly MeetingNoticeRecipient[],
    title: (lang: DialogueLanguage) => string,
    /** The outbox decision: a stable key per round and end time, and a label. */
    decision?: { key: string; label: string },
  ): Promise<{ sent: number; failed: number }>;
}

/** No meeting notifications. */
export const NO_MEETING_NOTICES: MeetingNotices = { notify: async () => ({ sent: 0, failed: 0 }) };

/** What the rounds services work with (built once by `features/rounds.ts`). */
export interface RoundsContext {
  dialogues: DialogueService;
  registrations: RegistrationService;
  groups: GroupRepository;
  notes: NoteRepository;
  /** The grouping plan (source of truth for proposals and moves). */
  plans: PlanRepository;
  /** Started rounds' groups, cached (they never change once a round has started). */
  cache: GroupCache;
  jobs: JobQueue;
  messenger: Messenger;
  /** The durable outbox: every message a round sends on its own goes through it. */
  outbox: Outbox;
  links: RoundLinks;
  logger: Logger;
  now: () => Date;
  rooms: BreakoutRooms;
  /** In-meeting notifications at round start, 2 minutes before the end and at the end. */
  notices: MeetingNotices;
  /** Members without Teams (public registrants) get their group by e-mail through this hook. */
  externalMembers?: ExternalMemberHook;
}
