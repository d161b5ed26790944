import type { FeatureInstallTarget } from "./feature";
import type { CardAction } from "../bot/actions/card-action";
import { createNotesOpenAction } from "../bot/actions/notes-open";
import { createNotesSaveAction } from "../bot/actions/notes-save";
import { createRoundBroadcastAction } from "../bot/actions/round-broadcast";
import { createRoundControlsAction } from "../bot/actions/round-controls";
import { createRoundEndAction } from "../bot/actions/round-end";
import { createRoundEndDialogueAction } from "../bot/actions/round-end-dialogue";
import { createRoundExtendAction } from "../bot/actions/round-extend";
import { createRoundFormAction } from "../bot/actions/round-form";
import { createRoundMemberNotesAction } from "../bot/actions/round-member-notes";
import { createRoundMoveAction } from "../bot/actions/round-move";
import { createRoundStartAction } from "../bot/actions/round-start";
import { createRoundStartDialogueAction } from "../bot/actions/round-start-dialogue";
import { createSummaryOpenAction } from "../bot/actions/summary-open";
import type { BotCommand } from "../bot/commands/command";
import { createFacilitateCommand } from "../bot/commands/facilitate";
import { createNoteCommand } from "../bot/commands/facilitate-notes";
import type { DialogueService } from "../domain/dialogue/dialogue-service";
import type { RegistrationService } from "../domain/dialogue/registration-service";
import { summaryRoutes } from "../http/summary-routes";
import type { JobHandler, JobQueue } from "../jobs/job-types";
import type { Logger } from "../logger";
import type { Messenger } from "../messaging/messenger-types";
import type { RoundsContext } from "../rounds/context";
import { createDialogueEndedHooks } from "../rounds/ended-hooks";
import { createGroupCache } from "../rounds/group-cache";
import { createRoundLinks } from "../rounds/links";
import { createNotesService } from "../rounds/notes-service";
import { createPlanService } from "../rounds/plan-service";
import { createRoundJobHandlers } from "../rounds/round-jobs";
import { createRunService } from "../rounds/run-service";
import type { RoundsServices } from "../rounds/services";
import { createSummaryService } from "../rounds/summary-service";
import type { RouteModule } from "../server";
import { createGroupRepository } from "../storage/rounds/group-repository";
import { createNoteRepository } from "../storage/rounds/note-repository";
import { chunkText, joinChunks } from "../rounds/notes-domain";
import { createPlanRepository } from "../storage/rounds/plan-repository";
import type { TableStore } from "../storage/table-store";

/** What the rounds feature needs from the composition root. */
export interface RoundsFeatureDeps {
  store: TableStore;
  messenger: Messenger;
  jobs: JobQueue;
  logger: Logger;
  now: () => Date;
  /** From the dialogues feature: dialogues, roles and confirmed registrants. */
  dialogues: DialogueService;
  registrations: RegistrationService;
  /** Signs the group-list and summary download links (config.devTokenSecret). */
  secret: string;
  /** Base URL of download links; without it cards offer none. */
  publicUrl?: string;
}

/** The wired feature. */
export interface RoundsFeature {
  commands: BotCommand[];
  actions: CardAction[];
  routes: RouteModule[];
  /** Job kind → handler ("round.announce", "round.fiveMinutesLeft", "round.over"). */
  jobHandlers: Record<string, JobHandler>;
  services: RoundsServices;
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
    links: createRoundLinks({ secret: deps.secret, publicUrl: deps.publicUrl, now: deps.now }),
    logger: deps.logger,
    now: deps.now,
  };
  const s: RoundsServices = {
    rc,
    run: createRunService(rc),
    plan: createPlanService(rc),
    notes: createNotesService(rc),
    summary: createSummaryService(rc),
    ended: createDialogueEndedHooks(deps.logger),
  };
  const feature = {
    commands: [createFacilitateCommand(s), createNoteCommand(s)],
    actions: [
      createRoundControlsAction(s),
      createRoundStartDialogueAction(s),
      createRoundFormAction(s),
      createRoundMoveAction(s),
      createRoundStartAction(s),
      createRoundExtendAction(s),
      createRoundBroadcastAction(s),
      createRoundEndAction(s),
      createRoundMemberNotesAction(s),
      createRoundEndDialogueAction(s),
      createNotesOpenAction(s),
      createNotesSaveAction(s),
      createSummaryOpenAction(s),
    ],
    routes: [summaryRoutes({ rc, summary: s.summary, logger: deps.logger })],
    jobHandlers: createRoundJobHandlers(rc),
    services: s,
  };
  return {
    ...feature,
    install(into) {
      into.commands.push(...feature.commands);
      into.actions.push(...feature.actions);
      into.routes.push(...feature.routes);
      for (const [kind, handler] of Object.entries(feature.jobHandlers)) into.runner.register(kind, handler);
    },
  };
}
