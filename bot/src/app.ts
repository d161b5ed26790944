import type { ServiceClientCredentialsFactory } from "botframework-connector";
import type { Server } from "restify";
import { createAdapter } from "./platform/teams/adapter";
import type { BotCommand } from "./platform/teams/command";
import { createDirectoryCommand } from "./features/directory/directory-command";
import { createHelpCommand, sendHelp } from "./features/help";
import type { TurnContext } from "botbuilder";
import type { TurnEnv } from "./platform/teams/turn-env";
import type { CardAction } from "./platform/teams/card-action";
import { DialogiBot } from "./platform/teams/dialogi-bot";
import { createLanguageChoices } from "./platform/i18n/language-choices";
import {
  createDirectoryNotifier,
  graphUserResolver,
  installDirectory,
  organisationChoices,
  requestAuthenticator,
  type DirectoryStores,
} from "./features/directory/index";
import { createDialoguesFeature, type OrganisationSource } from "./features/dialogues/index";
import { createPeerFeature } from "./features/peer/index";
import { createSeriesFeature } from "./features/series/index";
import { ConfigError, type Config } from "./config";
import { createJobQueue } from "./platform/jobs/job-queue";
import { createJobRunner, instanceId } from "./platform/jobs/job-runner";
import type { JobQueue } from "./platform/jobs/job-types";
import { createMessenger, type DialogiMessenger } from "./platform/messaging/messenger";
import { createRoundsFeature } from "./features/rounds/index";
import { createUserProfiles } from "./platform/graph/user-profile";
import { createGraphAppRoleLookup } from "./platform/auth/graph-roles";
import {
  createInMeeting,
  createMeetingOrganiserLookup,
  createMeetingsFeature,
  meetingHooks,
} from "./features/meetings/index";
import { createFacilitatorFeature } from "./features/facilitator/index";
import { createMessageExtensionFeature } from "./features/message-extension/index";
import { createGraphCredential } from "./platform/graph/credential";
import { createGraphClient } from "./platform/graph/graph-client";
import {
  createPublicRegistrationFeature,
  PUBLIC_FORM_PATHS,
  type PublicLimitOptions,
  type MailBudgetLimits,
} from "./features/public-registration/index";
import { createMailSender } from "./platform/mail/create-mail-sender";
import { mayOpenPublic } from "./config/public-openers";
import type { OutboxConfig } from "./config/outbox";
import type { GraphPost } from "./platform/mail/graph-mail";
import { outboxRoutes } from "./platform/mail/outbox-route";
import { isOutbox } from "./platform/mail/outbox";
import { createDurableMailSender } from "./platform/mail/durable-mail";
import { createLogger, errorFields, type Logger } from "./logger";
import { createRateLimiter } from "./platform/http/rate-limit";
import { WRITE_RATE, writeRateLimit } from "./platform/http/write-rate-limit";
import { createServer, type RouteModule } from "./platform/http/server";
import type { ReadinessCheck } from "./platform/http/readiness";
import { createConversationRefRepository } from "./platform/tables/conversation-refs";
import { startTelemetry, type TelemetryOptions } from "./platform/telemetry/setup";
import { createTableStore, type TableStore, type TableStoreTarget } from "./platform/tables/table-store";
import { TABLE_NAMES } from "./platform/tables/tables";
import { createAppOutbox, type AppOutbox } from "./platform/outbox/app-outbox";
import { DEV_TENANT, graphServesTenant, homeTenant } from "./platform/auth/tenancy";

/** Seams a test or benchmark may replace; production uses the defaults. */
export interface ComposeOverrides {
  logger?: Logger;
  credentialsFactory?: ServiceClientCredentialsFactory;
  /** The clock, for timers and deadlines. */
  now?: () => Date;
  /** Per-user write budget of the tab APIs (default {@link WRITE_RATE}); load tests raise it. */
  writeRate?: { burst: number; perSecond: number };
  /** Telemetry destination for tests (in-memory exporters); production uses the connection string. */
  telemetry?: Omit<TelemetryOptions, "connectionString">;
  /** Microsoft Graph POST (wired to platform/graph's client); enables the Graph mail adapter. */
  graphPost?: GraphPost;
  /** Abuse limits of the public registration page (tests lift them for races). */
  publicLimits?: Partial<PublicLimitOptions>;
  /** The public page's per-dialogue mail budget (tests lift it where they register hundreds). */
  publicMailBudget?: Partial<MailBudgetLimits>;
  /**
   * The outbox's mail pacing (default: MAIL_PER_MINUTE / MAIL_PER_DAY, kept below the mailbox's
   * limits); tests whose mails go to the dev outbox lift it where they send hundreds.
   */
  mailPacing?: Partial<Pick<OutboxConfig, "mailPerMinute" | "mailPerDay">>;
  /** Wraps the directory's stores (tests hold the start-up snapshot load with it). */
  directoryStores?: (stores: DirectoryStores) => DirectoryStores;
}

/** The composed application. */
export interface App {
  server: Server;
  store: TableStore;
  logger: Logger;
  /** Durable timers (also for tests that schedule work on a running app). */
  jobQueue: JobQueue;
  /** Proactive messages. */
  messenger: DialogiMessenger;
  /** The durable outbox and this instance's sender (tests watch the lease and rows). */
  outbox: AppOutbox;
  /** The text commands every feature added (for tests that check them all). */
  commands: readonly BotCommand[];
  /** Listens and resolves with the base URL. */
  listen(port: number, host: string): Promise<string>;
  /** Stops accepting requests and background work. */
  close(): Promise<void>;
}

/**
 * The composition root: builds stores, services, bot, adapter and server from configuration.
 * Nothing connects at import time; `main.ts` (and test helpers) call this.
 */
export async function composeApp(
  config: Config,
  target: TableStoreTarget,
  overrides: ComposeOverrides = {},
): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const telemetryOptions = { connectionString: config.appInsightsConnectionString, ...overrides.telemetry };
  const traced = !!(telemetryOptions.connectionString || telemetryOptions.spanExporter);
  const telemetry = await startTelemetry(telemetryOptions);
  const linkSecret = config.linkSigningSecret;
  if (!linkSecret) throw new ConfigError("LINK_SIGNING_SECRET: required (≥ 32 bytes)");
  const store = createTableStore({ target, prefix: config.tables.prefix, traced });
  await store.ensureTables(TABLE_NAMES);

  const conversationRefs = createConversationRefRepository(store.table("ConversationRefs"));
  const adapter = createAdapter({
    auth: config.bot,
    logger,
    credentialsFactory: overrides.credentialsFactory,
  });

  // Background work for features: `jobQueue.schedule/cancel`, `jobRunner.register(kind, handler)`,
  // `messenger.sendToUser/sendToConversation/updateActivity/sendToMany`.
  const now = overrides.now ?? (() => new Date());
  const messenger = createMessenger({ adapter, appId: config.bot.MicrosoftAppId, conversationRefs, logger });
  const outbox = await createAppOutbox({
    store,
    target,
    prefix: config.tables.prefix,
    config: { ...config.outbox, ...overrides.mailPacing },
    messenger,
    owner: instanceId(),
    logger,
  });
  const jobQueue = createJobQueue(store.table("Jobs"), { now });
  const jobRunner = createJobRunner({
    table: store.table("Jobs"),
    owner: instanceId(),
    now,
    logger,
    pollMs: config.jobPollMs,
  });

  // --- feature wiring: commands, card actions, routes, background jobs ---------------
  const commands: BotCommand[] = [];
  const actions: CardAction[] = [];
  const routes: RouteModule[] = [];
  const readiness: ReadinessCheck[] = [];
  const stoppers: (() => Promise<void> | void)[] = [];
  const dialogueDeps = {
    ...{ store, messenger, outbox: outbox.outbox, jobs: jobQueue },
    ...{ logger, now, publicUrl: config.publicUrl },
  };
  // Microsoft Graph is optional: without it meetings fall back to pasted links.
  const graph =
    config.graph &&
    createGraphClient({
      endpoint: config.graph.endpoint,
      credential: createGraphCredential(config.graph.credential),
    });
  const meetings = meetingHooks({ graph, store, jobs: jobQueue, logger, now });
  // People lookups only for the tenant whose directory Graph reads (docs/reliability-security.md).
  const graphServes = graphServesTenant(config.graph?.credential.tenantId, config.sso);
  const pub = config.publicRegistration;
  const mailbox = pub.enabled
    ? createMailSender({
        env: config.env,
        sender: pub.sender,
        outboxDir: pub.outboxDir,
        graphPost: overrides.graphPost ?? (graph ? (path, body) => graph.api(path).post(body) : undefined),
      })
    : undefined;
  // Features send through the durable outbox; its sender delivers through the mailbox, paced.
  if (mailbox) outbox.useMail(mailbox);
  const mail = mailbox && createDurableMailSender(outbox.outbox, mailbox);
  // The directory is installed further down; the form asks it for co-organisers only at use.
  let organisations: OrganisationSource = async () => [];
  const profiles = graph && createUserProfiles({ graph, logger });
  const dialoguesFeature = createDialoguesFeature({
    ...dialogueDeps,
    secret: linkSecret,
    previousSecret: config.linkSigningPreviousSecret,
    meetings,
    profiles,
    publicRegistration: !!mail,
    mayOpenPublic: (tenantId: string | undefined) => mayOpenPublic(config.publicOpeners, tenantId),
    organisations: (tenantId, lang) => organisations(tenantId, lang),
    graph: graph || undefined,
    support: config.support,
    graphServesTenant: graphServes,
    retentionDays: config.dialogueRetentionDays,
  });
  dialoguesFeature.install({ commands, actions, routes, runner: jobRunner });
  const { dialogues, registrations } = dialoguesFeature;
  const meetingsFeature = createMeetingsFeature({ ...dialogueDeps, graph, dialogues, registrations });
  meetingsFeature.install({ commands, actions, routes, runner: jobRunner });
  const rooms = meetingsFeature.rooms;
  const inMeeting = createInMeeting({
    ...{ store, logger, publicUrl: config.publicUrl },
    outbox: outbox.outbox,
  });
  const notices = inMeeting.notices;
  const roundsDeps = {
    ...dialogueDeps,
    ...{ secret: linkSecret, previousSecret: config.linkSigningPreviousSecret },
    ...{ dialogues, registrations, rooms, notices },
  };
  const roundsFeature = createRoundsFeature(roundsDeps);
  roundsFeature.install({ commands, actions, routes, runner: jobRunner });
  roundsFeature.services.ended.add(dialoguesFeature.onEnded);
  if (mail) {
    const baseUrl = config.publicUrl ?? `http://${config.host}:${config.port}`;
    const publicDeps = { store, jobs: jobQueue, logger, now, mail, secret: pub.secret, baseUrl };
    const publicFeature = createPublicRegistrationFeature({
      ...publicDeps,
      dialogues: dialoguesFeature,
      rounds: roundsFeature,
      limits: overrides.publicLimits,
      proxy: { trustProxy: config.trustProxy },
      mailBudget: overrides.publicMailBudget,
      contact: config.support.email,
    });
    publicFeature.install({ commands, actions, routes, runner: jobRunner });
    // The outbox page shows every mail with its confirm and manage links: local mode only.
    if (mailbox && isOutbox(mailbox) && config.localMode) routes.push(outboxRoutes(mailbox));
  }
  const directory = await installDirectory({
    ...{ config, store, logger, now, routes, readiness },
    wrapStores: overrides.directoryStores,
    notifier: createDirectoryNotifier({
      ...{ outbox: outbox.outbox, conversationRefs, logger },
      publicUrl: config.publicUrl,
    }),
    resolveUser: graph ? graphUserResolver(graph, logger, graphServes) : undefined,
  });
  organisations = (tenantId, lang) => organisationChoices(directory, tenantId, lang);
  const limiter = createRateLimiter(overrides.writeRate ?? WRITE_RATE);
  const authenticate = (h: string | undefined) => directory.authenticator.authenticate(h);
  routes.push((server) => server.use(writeRateLimit({ limiter, authenticate, logger })));
  const { coordinators, seedDemoData, publicUrl } = config;
  // The bot's activities carry no token claims: the coordinator app role is read through Graph.
  const coordinatorRole =
    graph && config.coordinatorRole && createGraphAppRoleLookup({ graph, logger, ...config.coordinatorRole });
  const seedTenantIds = [...new Set([homeTenant(config.sso), ...(config.devSignIn ? [DEV_TENANT] : [])])];
  const seriesDeps = {
    ...{ coordinators, seedDemoData, seedTenantIds, publicUrl },
    authenticate: requestAuthenticator(directory),
  };
  const seriesFeature = createSeriesFeature({
    store,
    logger,
    now,
    outbox: outbox.outbox,
    coordinatorRole,
    ...seriesDeps,
  });
  await seriesFeature.install({ commands, actions, routes });
  const peerDeps = {
    ...roundsDeps,
    coordinators,
    coordinatorRole,
    dialogues: dialoguesFeature,
    rounds: roundsFeature,
    directory,
  };
  await createPeerFeature(peerDeps).install({ commands, actions, routes, runner: jobRunner });
  const facilitator = createFacilitatorFeature({
    ...{ store, rounds: roundsFeature.services, directory, graphServesTenant: graphServes },
    organiserOf: graph ? createMeetingOrganiserLookup(graph) : undefined,
  });
  facilitator.install({ routes });
  const messageExtension = createMessageExtensionFeature({
    ...{ directory: directory.directory, dialogues: dialoguesFeature, logger, now },
    publicUrl: config.publicUrl,
    searchRate: config.rateLimits.extensionSearch,
  });
  commands.push(createDirectoryCommand(config.publicUrl));
  const helpLinks = { publicUrl: config.publicUrl, support: config.support };
  commands.unshift(createHelpCommand(() => commands, helpLinks));
  // --- end of feature wiring ----------------------------------------------------------
  stoppers.push(() => jobRunner.stop());
  stoppers.push(() => outbox.sender.stop());

  const welcome = (ctx: TurnContext, env: TurnEnv) => sendHelp(ctx, env, commands, helpLinks);
  const meetingPresence = facilitator.meetingPresence;
  const bot = new DialogiBot({
    commands,
    actions,
    conversationRefs,
    logger,
    welcome,
    meetingPresence,
    meetingSeen: inMeeting.meetingSeen,
    limiter,
    messageExtension: messageExtension.handler,
    languages: createLanguageChoices(store.table("UserPreferences"), { now }),
  });
  const http = { hsts: config.hsts, trustProxy: config.trustProxy };
  const formPaths = mail ? PUBLIC_FORM_PATHS : [];
  const server = createServer({
    adapter,
    bot,
    store,
    logger,
    tabDist: config.tabDist,
    routes,
    readiness,
    traced,
    http,
    formPaths,
    loopbackOnly: config.localMode,
  });

  return {
    server,
    store,
    logger,
    jobQueue,
    messenger,
    outbox,
    commands,
    listen: (port, host) =>
      new Promise((resolve) => {
        server.listen(port, host, () => {
          jobRunner.start();
          outbox.sender.start();
          // Dialogues from before automatic retention get their jobs; in the background, logged.
          dialoguesFeature
            .sweepRetention()
            .then((scheduled) => {
              if (scheduled > 0) logger.info("dialogue retention swept", { scheduled });
            })
            .catch((err: unknown) => logger.warn("dialogue retention sweep failed", errorFields(err)));
          const addr = server.address();
          resolve(`http://${host}:${addr.port}`);
        });
      }),
    async close() {
      for (const stop of stoppers) await stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await telemetry.shutdown();
    },
  };
}
