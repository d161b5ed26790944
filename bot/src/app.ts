import type { Server } from "restify";
import type { BotCommand } from "./platform/teams/command";
import type { Config } from "./config";
import type { JobQueue } from "./platform/jobs/job-types";
import type { DialogiMessenger } from "./platform/messaging/messenger";
import { errorFields, type Logger } from "./logger";
import type { TableStore, TableStoreTarget } from "./platform/tables/table-store";
import type { AppOutbox } from "./platform/outbox/app-outbox";
import type { ComposeOverrides } from "./composition/overrides";
import { composeRuntime } from "./composition/runtime";
import { installDialogueCore, type FeatureLists } from "./composition/dialogue-core";
import { installNetworkFeatures } from "./composition/network-features";
import { buildServer } from "./composition/server";

export type { ComposeOverrides } from "./composition/overrides";

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
 * Nothing connects at import time; `main.ts` (and test helpers) call this. The steps live in
 * composition/*: the platform runtime, the dialogue core (dialogues, meetings, rounds, public
 * registration, directory), the network features, then the bot and server.
 */
export async function composeApp(
  config: Config,
  target: TableStoreTarget,
  overrides: ComposeOverrides = {},
): Promise<App> {
  const rt = await composeRuntime(config, target, overrides);
  const { store, logger, jobQueue, messenger, outbox, jobRunner, telemetry } = rt;

  // --- feature wiring: commands, card actions, routes, background jobs ---------------
  const lists: FeatureLists = { commands: [], actions: [], routes: [], readiness: [], runner: jobRunner };
  const core = await installDialogueCore(config, rt, overrides, lists);
  const network = await installNetworkFeatures(config, rt, overrides, lists, core);
  // --- end of feature wiring ----------------------------------------------------------
  const stoppers = [() => jobRunner.stop(), () => outbox.sender.stop()];

  const server = buildServer(config, rt, lists, core, network);

  return {
    server,
    store,
    logger,
    jobQueue,
    messenger,
    outbox,
    commands: lists.commands,
    listen: (port, host) =>
      new Promise((resolve) => {
        server.listen(port, host, () => {
          jobRunner.start();
          outbox.sender.start();
          // Dialogues from before automatic retention get their jobs; in the background, logged.
          core.dialoguesFeature
            .sweepRetention()
            .then((scheduled) => {
              if (scheduled > 0) logger.info("dialogue retention swept", { scheduled });
            })
            .catch((err: unknown) => logger.warn("dialogue retention sweep failed", errorFields(err)));
          rt.outboxRetention
            .ensureScheduled()
            .catch((err: unknown) => logger.warn("outbox retention scheduling failed", errorFields(err)));
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
