import { addFeatureParts } from "../../platform/feature";
import type { DirectoryRouteDeps } from "../directory";
import { registerPeerRoutes } from "./routes";
import type { CardAction } from "../../platform/teams/card-action";
import { peerDraftTexts } from "./cards/peer-cards";
import { createDraftDecisionActions } from "./handlers/peer-draft-decision";
import type { PeerBotContext } from "./handlers/context";
import { createPeerNotifier } from "./notifier";
import { createPeerRegistrationsAction } from "./handlers/peer-registrations";
import { createPeerScheduleAction } from "./handlers/peer-schedule-submit";
import type { BotCommand } from "../../platform/teams/command";
import { createPeerScheduleCommand } from "./handlers/peer-schedule-command";
import type { DialogueContext, DialogueMessenger } from "../dialogues";
import { createPeerServices, type PeerServices } from "./domain";
import type { PeerContext } from "./domain/context";
import type { DialoguesFeature } from "../dialogues/index";
import type { RoundsFeature } from "../rounds/index";
import { getI18n, LANGUAGES } from "../../platform/i18n/i18n";
import type { JobHandler, JobQueue } from "../../platform/jobs/job-types";
import type { Logger } from "../../logger";
import { renderSummary } from "../rounds";
import type { RouteModule } from "../../platform/http/server";
import { createPeerRepository, PEER_TABLE } from "./store/peer-repository";
import type { TableStore } from "../../platform/tables/table-store";
import type { AppRoleLookup } from "../../platform/auth/graph-roles";

/** Job kind of the follow-up after a peer dialogue ended (drafts to each organisation). */
export const PEER_FOLLOW_UP_JOB = "peer.followUp";

/** What the peer feature needs from the composition root. */
export interface PeerFeatureDeps {
  store: TableStore;
  messenger: DialogueMessenger;
  jobs: JobQueue;
  logger: Logger;
  now: () => Date;
  /** Signs the invitation's calendar links (config.devTokenSecret), as the dialogues feature does. */
  secret: string;
  publicUrl?: string;
  /** config.coordinators (the directory's role policy uses the same list). */
  coordinators: readonly string[];
  /** The app role Dialogi.Coordinator through Graph, for the bot (config.coordinatorRole). */
  coordinatorRole?: AppRoleLookup;
  dialogues: Pick<DialoguesFeature, "dialogues" | "registrations" | "context">;
  rounds: Pick<RoundsFeature, "services">;
  /** The directory's route dependencies (services, authenticator). */
  directory: DirectoryRouteDeps;
  /** Days without an update after which a listing is stale (default 365). */
  staleDays?: number;
}

/** The wired feature. */
export interface PeerFeature {
  commands: BotCommand[];
  actions: CardAction[];
  routes: RouteModule[];
  jobHandlers: Record<string, JobHandler>;
  services: PeerServices;
  /** Creates the table, merges command names into the help, adds everything (one line there). */
  install(into: {
    commands: BotCommand[];
    actions: CardAction[];
    routes: RouteModule[];
    runner: { register(kind: string, handler: JobHandler): void };
  }): Promise<void>;
}

/** The help card reads command names from the `bot` namespace; peer's live in `peer.json`. */
function registerCommandStrings(): void {
  const i18n = getI18n();
  for (const lang of LANGUAGES) {
    const commands = i18n.getResource(lang, "peer", "commands") as Record<string, unknown> | undefined;
    if (commands) i18n.addResourceBundle(lang, "bot", { commands }, true, false);
  }
}

/** Builds the peer feature: services, bot command and card actions, REST routes, follow-up job. */
export function createPeerFeature(deps: PeerFeatureDeps): PeerFeature {
  const rounds = deps.rounds.services;
  const dc: DialogueContext = deps.dialogues.context;
  const base = deps.publicUrl?.replace(/\/$/, "");
  const pc: PeerContext = {
    dialogues: dc.dialogues,
    registrations: dc.registrations,
    directory: deps.directory.directory,
    store: createPeerRepository(deps.store.table(PEER_TABLE)),
    notifier: createPeerNotifier(dc, deps.publicUrl),
    summaryOf: (d) => rounds.summary.build(d),
    async groupsOf(dialogueId) {
      const groups = await rounds.rc.groups.listAll(dialogueId);
      return groups.map((g) => ({
        round: g.round,
        group: g.group,
        organisations: g.members.map((m) => m.organisation).filter(Boolean),
      }));
    },
    dialogueLink: (id) => (base ? `${base}/#/calendar?dialogue=${encodeURIComponent(id)}` : undefined),
    now: deps.now,
  };
  const services = createPeerServices(pc, { draftTexts: peerDraftTexts, staleDays: deps.staleDays });
  const pbc: PeerBotContext = {
    services,
    directory: deps.directory.directory,
    dc,
    coordinators: deps.coordinators,
    coordinatorRole: deps.coordinatorRole,
    logger: deps.logger,
    publicUrl: deps.publicUrl,
  };

  // The end of a dialogue answers a click (15 s limit): the follow-up runs as a durable job.
  rounds.ended.add(async (dialogue) => {
    if (dialogue.type !== "peer") return;
    await deps.jobs.schedule({
      id: `peer-followup-${dialogue.id}`,
      kind: PEER_FOLLOW_UP_JOB,
      dueAt: deps.now(),
      payload: { dialogueId: dialogue.id },
    });
  });
  const followUp: JobHandler = async (payload) => {
    const dialogue = await dc.dialogues.load(String(payload.dialogueId));
    if (!dialogue) return;
    const result = await services.drafts.followUp(dialogue);
    deps.logger.info("peer drafts sent", { dialogueId: dialogue.id, ...result });
  };

  const routes: RouteModule[] = [
    (server) =>
      registerPeerRoutes(server, deps.directory, {
        services,
        async onScheduled(dialogueId, tenantId) {
          const peer = await pc.store.get(tenantId, dialogueId);
          if (peer) await pc.notifier.inviteContacts(peer);
        },
        async summaryMarkdown(dialogueId, lang) {
          const d = await dc.dialogues.load(dialogueId);
          if (!d) return undefined;
          const state = await rounds.rc.groups.getState(d.id);
          if (state?.phase !== "ended") return undefined;
          return String((await renderSummary(await rounds.summary.build(d), "md", lang, d.id)).body);
        },
      }),
  ];
  const feature = {
    commands: [createPeerScheduleCommand(pbc)],
    actions: [
      createPeerScheduleAction(pbc),
      createPeerRegistrationsAction(pbc),
      ...createDraftDecisionActions(pbc),
    ],
    routes,
    jobHandlers: { [PEER_FOLLOW_UP_JOB]: followUp },
    services,
  };
  return {
    ...feature,
    async install(into) {
      // Its own table, created here so the shared table list stays the other features'.
      await deps.store.ensureTables([PEER_TABLE]);
      registerCommandStrings();
      addFeatureParts(into, feature);
    },
  };
}
