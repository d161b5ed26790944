import type { Config } from "../config";
import { createDirectoryCommand } from "../features/directory/directory-command";
import { requestAuthenticator } from "../features/directory/index";
import { createFacilitatorFeature } from "../features/facilitator/index";
import { createHelpCommand } from "../features/help";
import { createMeetingOrganiserLookup } from "../features/meetings/index";
import { createMessageExtensionFeature } from "../features/message-extension/index";
import { createPeerFeature } from "../features/peer/index";
import { createSeriesFeature } from "../features/series/index";
import { createGraphAppRoleLookup } from "../platform/auth/graph-roles";
import { DEV_TENANT, homeTenant } from "../platform/auth/tenancy";
import { createRateLimiter } from "../platform/http/rate-limit";
import { WRITE_RATE, writeRateLimit } from "../platform/http/write-rate-limit";
import type { DialogueCore, FeatureLists } from "./dialogue-core";
import type { ComposeOverrides } from "./overrides";
import type { Runtime } from "./runtime";

/**
 * Everything installed after the dialogue core: the tab APIs' per-user write limit, the
 * dialogue network's features (series, peer dialogues), the facilitator console, the message
 * extension and the directory and help commands (help lists every command, so it comes last).
 */
export async function installNetworkFeatures(
  config: Config,
  rt: Runtime,
  overrides: ComposeOverrides,
  lists: FeatureLists,
  core: DialogueCore,
) {
  const { store, logger, now, graph } = rt;
  const { commands, actions, routes, runner } = lists;
  const { directory, dialoguesFeature, roundsFeature, graphServes } = core;
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
    outbox: rt.outbox.outbox,
    coordinatorRole,
    ...seriesDeps,
  });
  await seriesFeature.install({ commands, actions, routes });
  const peerDeps = {
    ...core.roundsDeps,
    coordinators,
    coordinatorRole,
    dialogues: dialoguesFeature,
    rounds: roundsFeature,
    directory,
  };
  await createPeerFeature(peerDeps).install({ commands, actions, routes, runner });
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
  return { limiter, facilitator, messageExtension, helpLinks };
}

/** What the bot and the server take from the network features. */
export type NetworkFeatures = Awaited<ReturnType<typeof installNetworkFeatures>>;
