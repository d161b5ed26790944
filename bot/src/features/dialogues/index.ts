import type { Outbox } from "../../platform/outbox/outbox";
import { addFeatureParts, type FeatureInstallTarget } from "../../platform/feature";
import type { JobHandler, JobQueue } from "../../platform/jobs/job-types";
import type { Logger } from "../../logger";
import type { RouteModule } from "../../platform/http/server";
import type { TableStore } from "../../platform/tables/table-store";
import type { UserProfiles } from "../../platform/graph/user-profile";
import type { CardAction } from "../../platform/teams/card-action";
import { createDialogueVerbActions } from "./handlers/dialogue-verbs";
import { createDialogueCreateAction } from "./handlers/dialogue-create";
import { createDialogueMessageAction } from "./handlers/dialogue-message";
import { createDialogueSaveAction } from "./handlers/dialogue-save";
import { createRegistrationSubmitAction } from "./handlers/registration-submit";
import type { BotCommand } from "../../platform/teams/command";
import { createDeleteDialogueCommand } from "./handlers/delete-dialogue";
import { createMyDialoguesCommand } from "./handlers/my-dialogues";
import { createNewDialogueCommand } from "./handlers/new-dialogue";
import { createPostDialogueCommand } from "./handlers/post-dialogue";
import type { DialogueContext, DialogueMessenger, OrganisationSource } from "./handlers/context";
import { dialogueDownloadRoutes } from "./routes";
import { createDialogueLinks } from "./handlers/links";
import { createReminderHandlers } from "./handlers/reminder-handlers";
import { updatePostings } from "./handlers/views";
import type { Dialogue } from "./domain/types";
import { createDialogueService, type DialogueService } from "./domain/dialogue-service";
import type { MeetingHooks } from "./domain/ports";
import { createRegistrationService, type RegistrationService } from "./domain/registration-service";
import { createExternalChannelHook, type ExternalChannelHook } from "./handlers/external";
import { createPublicAccess, type PublicAccess } from "./handlers/public-access";
import { createRemoveRegistrantAction } from "./handlers/remove-registrant";
import { createDialogueEraser } from "./store/dialogue-eraser";
import { createDialogueRepository } from "./store/dialogue-repository";
import { createRegistrationRepository } from "./store/registration-repository";
import { graphPeopleLookup } from "./store/graph-people";
import type { GraphClient } from "../../platform/graph/graph-client";
import { createStaffActions } from "./handlers/staff-verbs";
import { createRetentionHandlers } from "./handlers/retention-handlers";
import { sweepRetention } from "./store/retention-sweep";
import { createLanguageChoices } from "../../platform/i18n/language-choices";

/** What the dialogues feature needs from the composition root. */
export interface DialoguesFeatureDeps {
  store: TableStore;
  /** The app's messenger (a plain {@link Messenger} works; `via` support is used when present). */
  messenger: DialogueMessenger;
  /** The durable outbox: reminders, notices and confirmations to registrants go through it. */
  outbox: Outbox;
  jobs: JobQueue;
  logger: Logger;
  now: () => Date;
  /** Signs the calendar / CSV download links (config.devTokenSecret). */
  secret: string;
  /** LINK_SIGNING_SECRET_PREVIOUS: links signed with it still verify. */
  previousSecret?: string;
  /** Base URL for download links; without it cards offer no download links. */
  publicUrl?: string;
  /** Teams meeting and invitation sync (features/meetings); default: none (pasted links). */
  meetings?: MeetingHooks;
  /** Public registration is configured (e-mail sender present): "public" may be chosen. */
  publicRegistration?: boolean;
  /** Whether a user of a tenant may open a dialogue to the public (config.publicOpeners). */
  mayOpenPublic?: (tenantId: string | undefined) => boolean;
  /** The directory's organisations, offered as co-organisers (features/directory via app.ts). */
  organisations?: OrganisationSource;
  /** Microsoft Graph, when configured: people added by e-mail are found at once. */
  graph?: GraphClient;
  /** Entra profiles (Graph) that pre-fill the registration form; default: none. */
  profiles?: UserProfiles;
  /** Support contact for the invitation's footer (config SUPPORT_EMAIL / SUPPORT_URL). */
  support?: { email: string; url: string };
  /** Whether Graph reads a tenant's directory (lookups only there); none without it. */
  graphServesTenant?: (tenantId: string) => boolean;
  /**
   * Days after a dialogue's end until its personal data is erased automatically
   * (config `DIALOGUE_RETENTION_DAYS`); undefined = retention off.
   */
  retentionDays?: number;
}

/** The wired feature: add its parts to the bot, server and job runner. */
export interface DialoguesFeature {
  commands: BotCommand[];
  actions: CardAction[];
  routes: RouteModule[];
  /** Job kind → handler (reminders, the retention erase and its notice). */
  jobHandlers: Record<string, JobHandler>;
  /** For other features (breakout rounds): dialogues, roles and confirmed registrants. */
  dialogues: DialogueService;
  registrations: RegistrationService;
  /**
   * For the rounds feature's "dialogue ended" hook: records the end, so registration and
   * posting close, and refreshes every posted invitation to say so.
   */
  onEnded(dialogue: Dialogue): Promise<void>;
  /** For public-registration: the e-mail channel to install and the public seat-pool operations. */
  external: ExternalChannelHook;
  publicAccess: PublicAccess;
  /**
   * The context the feature's own handlers use, for features that post its cards (peer
   * scheduling, the message extension): one set of links and one support footer everywhere.
   */
  context: DialogueContext;
  /**
   * Schedules retention for dialogues that have none (created before it existed); the composition
   * root runs it once at start-up. Resolves with how many it scheduled (0 when retention is off).
   */
  sweepRetention(): Promise<number>;
  /** Adds commands, actions, routes and job handlers to the composition root's lists (one line there). */
  install(into: FeatureInstallTarget): void;
}

/** Builds repositories, services, commands, card actions, routes and job handlers of dialogues. */
export function createDialoguesFeature(deps: DialoguesFeatureDeps): DialoguesFeature {
  const dialogueStore = createDialogueRepository(deps.store.table("Dialogues"));
  const dialogues = createDialogueService({
    dialogues: dialogueStore,
    jobs: deps.jobs,
    now: deps.now,
    meetings: deps.meetings,
    people: graphPeopleLookup(deps.graph, deps.graphServesTenant ?? (() => false)),
    retentionDays: deps.retentionDays,
  });
  const registrations = createRegistrationService({
    dialogues,
    registrations: createRegistrationRepository(deps.store.table("Registrations")),
    now: deps.now,
    meetings: deps.meetings,
  });
  const links = createDialogueLinks({
    secret: deps.secret,
    previousSecret: deps.previousSecret,
    publicUrl: deps.publicUrl,
    now: deps.now,
    support: deps.support,
  });
  const dc: DialogueContext = {
    dialogues,
    registrations,
    messenger: deps.messenger,
    outbox: deps.outbox,
    links,
    now: deps.now,
    logger: deps.logger,
    external: createExternalChannelHook(),
    publicRegistration: deps.publicRegistration === true,
    mayOpenPublic: deps.mayOpenPublic,
    organisations: deps.organisations,
    profiles: deps.profiles,
  };
  const eraser = createDialogueEraser(deps.store, deps.jobs);
  const languages = createLanguageChoices(deps.store.table("UserPreferences"), { now: deps.now });
  // Registered even when retention is off, so jobs scheduled before are dropped, not failed 5 times.
  const retention = createRetentionHandlers(dc, {
    days: deps.retentionDays,
    eraser,
    languageOf: languages.get,
  });
  const feature: Omit<DialoguesFeature, "install"> = {
    commands: [
      createNewDialogueCommand(dc),
      createMyDialoguesCommand(dc),
      createPostDialogueCommand(dc),
      createDeleteDialogueCommand(dc, eraser),
    ],
    actions: [
      createDialogueCreateAction(dc),
      createDialogueSaveAction(dc),
      createDialogueMessageAction(dc),
      createRegistrationSubmitAction(dc),
      ...createDialogueVerbActions(dc),
      ...createStaffActions(dc),
      createRemoveRegistrantAction(dc),
    ],
    routes: [
      dialogueDownloadRoutes({
        dialogues: dialogueStore,
        registrations,
        links,
        logger: deps.logger,
        external: dc.external,
      }),
    ],
    jobHandlers: { ...createReminderHandlers(dc), ...retention },
    dialogues,
    registrations,
    async onEnded(dialogue) {
      const ended = await dialogues.markEnded(dialogue.id, dialogue.tenantId);
      await updatePostings(dc, ended);
    },
    external: dc.external!,
    publicAccess: createPublicAccess(dc),
    context: dc,
    async sweepRetention() {
      if (deps.retentionDays === undefined) return 0;
      return sweepRetention({
        store: deps.store,
        load: dialogues.load,
        scheduleRetention: dialogues.scheduleRetention,
      });
    },
  };
  return {
    ...feature,
    install(into) {
      addFeatureParts(into, feature);
    },
  };
}

/** The reminder job handlers alone, for wiring into the job runner in one line. */
export function dialogueJobHandlers(deps: DialoguesFeatureDeps): Record<string, JobHandler> {
  return createDialoguesFeature(deps).jobHandlers;
}

// --- what other features may use (they import only this file; lint enforces it) ---
export { formatAgenda, standardAgenda } from "./domain/agenda";
export { validateDialogueForm } from "./domain/dialogue-form";
export type { DialogueService } from "./domain/dialogue-service";
export { DialogueError } from "./domain/errors";
export { NO_MEETING_HOOKS, type MeetingHooks } from "./domain/ports";
export { isDialogueId, isNonce } from "./domain/ids";
export type { RegistrationService } from "./domain/registration-service";
export { DIALOGUE_LANGUAGES, DIALOGUE_MODES } from "./domain/types";
export type {
  AgendaItem,
  Dialogue,
  DialogueDetails,
  DialogueGrouping,
  DialogueLanguage,
  DialogueMode,
  GroundRulesVersion,
  Person,
  Registration,
} from "./domain/types";
export { isFacilitator, isOrganiser } from "./domain/user-state";
export type { DialogueContext, DialogueMessenger, OrganisationSource } from "./handlers/context";
export { claimPendingRole } from "./handlers/claim-role";
export type { DialogueAuditRecord, StaffRole } from "./domain/types";
export { createDialogueLinks } from "./handlers/links";
export { dialogueT, whenText } from "./handlers/texts";
export { sharedInvitation } from "./handlers/views";
export { createDialogueRepository } from "./store/dialogue-repository";
export { createRegistrationRepository } from "./store/registration-repository";
export { ATTENDANCES, AUDIENCES, BACKGROUNDS, GROUND_RULES_VERSIONS } from "./domain/types";
export type {
  Attendance,
  Audience,
  Background,
  RegistrationAnswers,
  RegistrationCounts,
} from "./domain/types";
export { audienceOf, isExternalUserId, EXTERNAL_USER_PATTERN } from "./domain/ids";
export { dialogueCalendar } from "./domain/calendar";
export type {
  ExternalChannel,
  ExternalChannelHook,
  ExternalNotice,
  ExternalNoticeKind,
} from "./handlers/external";
export type { PublicAccess } from "./handlers/public-access";
export { instantText, languagesText, organisersText, whereText } from "./handlers/texts";
export {
  IAP2_LEVELS,
  IAP2_TEXTS,
  METHOD_IDS,
  METHOD_TEMPLATES,
  isIap2Level,
  isMethodId,
  methodAgenda,
  methodGrouping,
  methodTemplate,
} from "./domain/methods";
export type { Iap2Level, Localised, MethodId, MethodRole, MethodTemplate } from "./domain/methods";
