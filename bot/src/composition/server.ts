import type { TurnContext } from "botbuilder";
import type { Config } from "../config";
import { PUBLIC_FORM_PATHS } from "../features/public-registration/index";
import { sendHelp } from "../features/help";
import { createLanguageChoices } from "../platform/i18n/language-choices";
import { createServer } from "../platform/http/server";
import { DialogiBot } from "../platform/teams/dialogi-bot";
import type { TurnEnv } from "../platform/teams/turn-env";
import type { DialogueCore, FeatureLists } from "./dialogue-core";
import type { NetworkFeatures } from "./network-features";
import type { Runtime } from "./runtime";

/**
 * The bot (commands, card actions, welcome, meeting presence, message extension) and the HTTP
 * server that carries it, the features' routes, the tab and the readiness checks.
 */
export function buildServer(
  config: Config,
  rt: Runtime,
  lists: FeatureLists,
  core: DialogueCore,
  network: NetworkFeatures,
) {
  const { store, logger, now } = rt;
  const { commands } = lists;
  const welcome = (ctx: TurnContext, env: TurnEnv) => sendHelp(ctx, env, commands, network.helpLinks);
  const bot = new DialogiBot({
    commands,
    actions: lists.actions,
    conversationRefs: rt.conversationRefs,
    logger,
    welcome,
    meetingPresence: network.facilitator.meetingPresence,
    meetingSeen: core.inMeeting.meetingSeen,
    limiter: network.limiter,
    messageExtension: network.messageExtension.handler,
    languages: createLanguageChoices(store.table("UserPreferences"), { now }),
  });
  const http = { hsts: config.hsts, trustProxy: config.trustProxy };
  // The public pages' form posts are the only non-JSON bodies, and only while the pages exist.
  const formPaths = core.mail.mail ? PUBLIC_FORM_PATHS : [];
  return createServer({
    adapter: rt.adapter,
    bot,
    store,
    logger,
    tabDist: config.tabDist,
    routes: lists.routes,
    readiness: lists.readiness,
    traced: rt.traced,
    http,
    formPaths,
    loopbackOnly: config.localMode,
  });
}
