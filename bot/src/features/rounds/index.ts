import { addFeatureParts, type FeatureInstallTarget } from "../../platform/feature";
import type { CardAction } from "../../platform/teams/card-action";
import { createFacilitatorActions } from "./handlers/facilitator-verbs";
import { createNotesOpenAction } from "./handlers/notes-open";
import { createNotesSaveAction } from "./handlers/notes-save";
import { createSummaryOpenAction } from "./handlers/summary-open";
import type { BotCommand } from "../../platform/teams/command";
import { createFacilitateCommand } from "./handlers/facilitate";
import { createNoteCommand } from "./handlers/facilitate-notes";
import { createGuideAction, createGuideCommand } from "./handlers/guide";
import type { DialogueService } from "../dialogues";
import type { RegistrationService } from "../dialogues";
import { summaryRoutes } from "./routes";
import type { JobHandler, JobQueue } from "../../platform/jobs/job-types";
import type { Logger } from "../../logger";
import type { Messenger } from "../../platform/messaging/messenger-types";
import type { Outbox } from "../../platform/outbox/outbox";
import {
  NO_BREAKOUT_ROOMS,
  NO_MEETING_NOTICES,
  type BreakoutRooms,
  type MeetingNotices,
  type RoundsContext,
} from "./services/context";
import { createDialogueEndedHooks } from "./services/ended-hooks";
import { createAttendanceService } from "./services/attendance-service";
import { createExternalMemberHook, type ExternalMemberHook } from "./services/external-members";
import { eraseMemberDetails } from "./store/member-eraser";
import { createGroupCache } from "./services/group-cache";
import { createRoundLinks } from "./services/links";
import { createNotesService } from "./services/notes-service";
import { createPlanService } from "./services/plan-service";
import { createRoundJobHandlers } from "./services/round-jobs";
import { createRepairJobHandler, createRunSteps } from "./services/run-repair";
import { createRunService } from "./services/run-service";
import type { RoundsServices } from "./services/services";
import { createDialogueSummaryService } from "./services/summary-service";
import type { RouteModule } from "../../platform/http/server";
import { createGroupRepository } from "./store/group-repository";
import { createNoteRepository } from "./store/note-repository";
import { chunkText, joinChunks } from "./services/notes-domain";
import { createPlanRepository } from "./store/plan-repository";
import type { TableStore } from "../../platform/tables/table-store";

/** What the rounds feature needs from the composition root. */
export interface RoundsFeatureDeps {
  store: TableStore;
  messenger: Messenger;
  /** The durable outbox for round messages. */
  outbox: Outbox;
  jobs: JobQueue;
  logger: Logger;
  now: () => Date;
  /** From the dialogues feature: dialogues, roles and confirmed registrants. */
  dialogues: DialogueService;
  registrations: RegistrationService;
  /** Signs the group-list and summary download links (config.devTokenSecret). */
  secret: string;
  /** LINK_SIGNING_SECRET_PREVIOUS: links signed with it still verify. */
  previousSecret?: string;
  /** Base URL of download links; without it cards offer none. */
  publicUrl?: string;
  /** Teams meetings per breakout room (features/meetings); default: none (manual instruction). */
  rooms?: BreakoutRooms;
  /** In-meeting notifications (features/meetings); default: none. */
  notices?: MeetingNotices;
}

/** The wired feature. */
export interface RoundsFeature {
  commands: BotCommand[];
  actions: CardAction[];
  routes: RouteModule[];
  /** Job kind → handler ("round.announce", "round.fiveMinutesLeft", "round.over"). */
  jobHandlers: Record<string, JobHandler>;
  services: RoundsServices;
  /** Where public-registration installs the group e-mail for members without Teams. */
  externalMembers: ExternalMemberHook;
  /** Erasure on request: blanks a member's name and organisation in the dialogue's group rows. */
  eraseMemberDetails(dialogueId: string, userId: string): Promise<number>;
  /** Adds everything to the composition root's lists (one line there). */
  install(into: FeatureInstallTarget): void;
}

/** Builds repositories, services, the command, card actions, download routes and job handlers of rounds. */
export function createRoundsFeature(deps: RoundsFeatureDeps): RoundsFeature {
  const groups = createGroupRepository(deps.store.table("Groups"));
  const rc: RoundsContext = {
    dialogues: deps.dialogues,
    registrations: deps.registrations,
    groups,
    plans: createPlanRepository(deps.store.table("Groups")),
    notes: createNoteRepository(deps.store.table("Notes"), { chunk: chunkText, join: joinChunks }),
    cache: createGroupCache(groups),
    jobs: deps.jobs,
    messenger: deps.messenger,
    outbox: deps.outbox,
    links: createRoundLinks({
      secret: deps.secret,
      previousSecret: deps.previousSecret,
      publicUrl: deps.publicUrl,
      now: deps.now,
    }),
    logger: deps.logger,
    now: deps.now,
    rooms: deps.rooms ?? NO_BREAKOUT_ROOMS,
    notices: deps.notices ?? NO_MEETING_NOTICES,
    externalMembers: createExternalMemberHook(),
  };
  const steps = createRunSteps(rc);
  const s: RoundsServices = {
    rc,
    run: createRunService(rc, steps),
    plan: createPlanService(rc),
    notes: createNotesService(rc),
    summary: createDialogueSummaryService(rc),
    ended: createDialogueEndedHooks(deps.logger),
    attendance: createAttendanceService(rc),
  };
  const feature = {
    commands: [createFacilitateCommand(s), createGuideCommand(s), createNoteCommand(s)],
    actions: [
      ...createFacilitatorActions(s),
      createNotesOpenAction(s),
      createNotesSaveAction(s),
      createSummaryOpenAction(s),
      createGuideAction(s),
    ],
    routes: [summaryRoutes({ rc, summary: s.summary, logger: deps.logger })],
    jobHandlers: { ...createRoundJobHandlers(rc), ...createRepairJobHandler(rc, steps) },
    services: s,
    externalMembers: rc.externalMembers!,
    eraseMemberDetails: (dialogueId: string, userId: string) =>
      eraseMemberDetails(deps.store.table("Groups"), dialogueId, userId),
  };
  return {
    ...feature,
    install(into) {
      addFeatureParts(into, feature);
    },
  };
}

// --- what other features may use (they import only this file; lint enforces it) ---
export type { AttributeKey, AttributePolicy } from "./domain/grouping/types";
export type { Summary } from "./domain/summary/types";
export type { BreakoutRooms, MeetingNotices } from "./services/context";
export { renderSummary } from "./services/summary-render";
export { RoundError, type RoundErrorCode } from "./services/errors";
export {
  EXTEND_CHOICES,
  MAX_BROADCAST,
  broadcastRequestId,
  startsEarly,
  type Caller,
  type RunResult,
} from "./services/run-service";
export type { RoundsServices } from "./services/services";
export type { RoundGroup, RunState } from "./services/types";
export { attendanceRound } from "./services/run-state";
export { firstName, roundsT } from "./services/texts";
export { previewLines } from "./cards/attendance-preview";
export type { AttendanceConfirm, AttendanceResult } from "./services/attendance-service";
export type { ExternalMemberChannel, ExternalMemberHook, GroupNotice } from "./services/external-members";
