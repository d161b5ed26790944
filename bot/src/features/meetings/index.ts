import type { Outbox } from "../../platform/outbox/outbox";
import type { Logger } from "../../logger";
import type { FeatureInstallTarget } from "../../platform/feature";
import type { GraphClient } from "../../platform/graph/graph-client";
import type { JobHandler, JobQueue } from "../../platform/jobs/job-types";
import { createKeyedMutex } from "../../platform/tables/keyed-mutex";
import type { TableStore } from "../../platform/tables/table-store";
import {
  NO_MEETING_HOOKS,
  type Dialogue,
  type DialogueService,
  type MeetingHooks,
  type RegistrationService,
} from "../dialogues";
import { createMeetingHooks, meetingJobId, MEETING_JOB_KINDS } from "./scheduler";
import type { MeetingsContext } from "./services/context";
import { createDeletedCleanUp } from "./services/deleted";
import { createRoomMeetings } from "./services/rooms";
import { createEventSync } from "./services/sync-event";
import { isMeetingThreadId } from "./domain/thread";
import { createMeetingNotices, type MeetingNotices } from "./services/meeting-notices";
import { createLinkRepository } from "./store/link-repository";
import { createMeetingRepository } from "./store/meeting-repository";

/**
 * Teams meetings through Microsoft Graph: each remote or hybrid dialogue's Outlook event with a
 * Teams meeting and the confirmed registrants as attendees, and one Teams meeting per breakout
 * room. Optional: without a Graph client the hooks do nothing and every card keeps today's
 * behaviour (pasted link, "go to breakout room N").
 *
 * Wiring (app.ts): `meetingHooks(...)` goes into the dialogues feature (it must exist before the
 * dialogue services), then `createMeetingsFeature(...)` with those services; its `rooms` goes to
 * the rounds feature.
 */

/** The breakout-room links the rounds feature asks for (its port, implemented here). */
export interface BreakoutRoomLinks {
  /** Groups were formed: make a Teams meeting per room number in the background. */
  prepare(dialogue: Dialogue, rooms: number): Promise<void>;
  /** For announcing a round (background job): stored links, making missing ones now. Never throws. */
  linksFor(dialogue: Dialogue, rooms: number): Promise<Map<number, string>>;
  /** Stored links only, for cards rendered while someone waits. */
  stored(dialogueId: string): Promise<Map<number, string>>;
}

/** Room links when Graph is off: none, so cards keep the manual instruction. */
export const NO_ROOM_LINKS: BreakoutRoomLinks = {
  prepare: async () => undefined,
  linksFor: async () => new Map(),
  stored: async () => new Map(),
};

/** The hooks for the dialogue services: scheduling when Graph is configured, nothing otherwise. */
export function meetingHooks(deps: {
  graph?: GraphClient;
  store: TableStore;
  jobs: JobQueue;
  logger: Logger;
  now: () => Date;
}): MeetingHooks {
  if (!deps.graph) return NO_MEETING_HOOKS;
  return createMeetingHooks({ ...deps, repo: createMeetingRepository(deps.store.table("Dialogues")) });
}

/** In-meeting notifications and the bot hook that learns the meeting ids they are sent to. */
export interface InMeeting {
  notices: MeetingNotices;
  /** For DialogiBot's `meetingSeen`: records the meeting id of a meeting chat (once per process). */
  meetingSeen(chatId: string, meetingId: string): Promise<void>;
}

/** Longest meeting id kept (Teams' are base64 of the thread id and a little more). */
const MAX_MEETING_ID = 400;

/**
 * Targeted in-meeting notifications about rounds, and the bot hook that records which meeting a
 * meeting chat belongs to. Independent of Graph: the bot only needs to be in the meeting.
 */
export function createInMeeting(deps: {
  store: TableStore;
  logger: Logger;
  publicUrl?: string;
  /** The durable outbox the notifications go through. */
  outbox: Outbox;
}): InMeeting {
  const links = createLinkRepository(deps.store.table("Dialogues"));
  const seen = new Map<string, string>();
  return {
    notices: createMeetingNotices({
      links,
      logger: deps.logger,
      publicUrl: deps.publicUrl,
      outbox: deps.outbox,
    }),
    async meetingSeen(chatId, meetingId) {
      if (!isMeetingThreadId(chatId) || meetingId.length > MAX_MEETING_ID || seen.get(chatId) === meetingId)
        return;
      await links.setMeetingId(chatId, meetingId);
      if (seen.size > 10_000) seen.clear();
      seen.set(chatId, meetingId);
    },
  };
}

/** What the meetings feature needs. */
export interface MeetingsFeatureDeps {
  /** Absent = Graph not configured: the feature installs nothing. */
  graph?: GraphClient;
  store: TableStore;
  jobs: JobQueue;
  /** The durable outbox: what the feature tells organisers goes through it. */
  outbox: Outbox;
  logger: Logger;
  now: () => Date;
  dialogues: DialogueService;
  registrations: RegistrationService;
}

/** The wired feature. */
export interface MeetingsFeature {
  jobHandlers: Record<string, JobHandler>;
  /** For the rounds feature. */
  rooms: BreakoutRoomLinks;
  install(into: FeatureInstallTarget): void;
}

const dialogueIdOf = (payload: Record<string, unknown>) => {
  if (typeof payload.dialogueId !== "string") throw new Error("meetings job: no dialogueId");
  return payload.dialogueId;
};

/** Builds the job handlers and the room links. */
export function createMeetingsFeature(deps: MeetingsFeatureDeps): MeetingsFeature {
  const graph = deps.graph;
  if (!graph) return { jobHandlers: {}, rooms: NO_ROOM_LINKS, install: () => undefined };
  const mc: MeetingsContext = {
    graph,
    repo: createMeetingRepository(deps.store.table("Dialogues")),
    links: createLinkRepository(deps.store.table("Dialogues")),
    dialogues: deps.dialogues,
    registrations: deps.registrations,
    outbox: deps.outbox,
    logger: deps.logger,
    mutex: createKeyedMutex(),
  };
  const events = createEventSync(mc);
  const roomMeetings = createRoomMeetings(mc);
  const cleanUp = createDeletedCleanUp(mc);
  const jobHandlers: Record<string, JobHandler> = {
    [MEETING_JOB_KINDS.sync]: (payload) => events.sync(dialogueIdOf(payload)),
    [MEETING_JOB_KINDS.rooms]: (payload) =>
      roomMeetings.prepare(dialogueIdOf(payload), Math.min(200, Math.max(0, Number(payload.rooms) || 0))),
    [MEETING_JOB_KINDS.deleted]: (payload) => cleanUp(payload),
  };
  const rooms: BreakoutRoomLinks = {
    async prepare(dialogue, count) {
      await deps.jobs.schedule({
        id: meetingJobId(dialogue.id, "rooms"),
        kind: MEETING_JOB_KINDS.rooms,
        dueAt: deps.now(),
        payload: { dialogueId: dialogue.id, rooms: count },
      });
    },
    linksFor: (dialogue, count) => roomMeetings.linksFor(dialogue, count),
    stored: (dialogueId) => roomMeetings.stored(dialogueId),
  };
  return {
    jobHandlers,
    rooms,
    install(into) {
      for (const [kind, handler] of Object.entries(jobHandlers)) into.runner.register(kind, handler);
    },
  };
}

// --- what other features may use (they import only this file; lint enforces it) ---
export { createLinkRepository, type LinkRepository, type MeetingLink } from "./store/link-repository";
export { isMeetingThreadId, threadIdOf } from "./domain/thread";
export { createMeetingOrganiserLookup, type MeetingOrganiserLookup } from "./services/meeting-organiser";
export {
  createMeetingNotices,
  NO_MEETING_NOTICES,
  NOTICE_BATCH,
  type MeetingNotices,
  type NoticeRecipient,
} from "./services/meeting-notices";
