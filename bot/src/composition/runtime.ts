import { ConfigError, type Config } from "../config";
import { createLogger } from "../logger";
import { createGraphCredential } from "../platform/graph/credential";
import { createGraphClient } from "../platform/graph/graph-client";
import { createJobQueue } from "../platform/jobs/job-queue";
import { createJobRunner, instanceId } from "../platform/jobs/job-runner";
import { createMessenger } from "../platform/messaging/messenger";
import { createAppOutbox } from "../platform/outbox/app-outbox";
import { createOutboxRetention } from "../platform/outbox/outbox-retention";
import { createOutboxRetentionJob } from "../platform/outbox/outbox-retention-job";
import { createConversationRefRepository } from "../platform/tables/conversation-refs";
import { createTableStore, type TableStoreTarget } from "../platform/tables/table-store";
import { TABLE_NAMES } from "../platform/tables/tables";
import { createAdapter } from "../platform/teams/adapter";
import { startTelemetry } from "../platform/telemetry/setup";
import type { ComposeOverrides } from "./overrides";

/**
 * What every feature stands on, built before any feature: logger, telemetry, tables, the Teams
 * adapter, proactive messages, the durable outbox, durable timers and (optionally) Graph.
 */
export async function composeRuntime(config: Config, target: TableStoreTarget, overrides: ComposeOverrides) {
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
  // The outbox's daily retention sweep; its cutoff is wall-clock, as the rows' stamps are.
  const outboxRetention = createOutboxRetentionJob({
    retention: createOutboxRetention({ table: store.table("Outbox"), days: config.outbox.retentionDays }),
    ...{ jobs: jobQueue, jobsTable: store.table("Jobs"), now, logger },
  });
  jobRunner.register(outboxRetention.kind, outboxRetention.handler);
  // Microsoft Graph is optional: without it meetings fall back to pasted links.
  const graph =
    config.graph &&
    createGraphClient({
      endpoint: config.graph.endpoint,
      credential: createGraphCredential(config.graph.credential),
    });

  return {
    ...{ logger, telemetry, traced, linkSecret, store, conversationRefs, adapter },
    ...{ now, messenger, outbox, outboxRetention, jobQueue, jobRunner, graph },
  };
}

/** The platform pieces the features and the server are built on. */
export type Runtime = Awaited<ReturnType<typeof composeRuntime>>;
