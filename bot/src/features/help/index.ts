import { CardFactory, MessageFactory, type Attachment, type TurnContext } from "botbuilder";
import helpTemplate from "./help.json";
import { ADAPTIVE_CARD_CONTENT_TYPE, expandSharedCard } from "../../platform/teams/render-card";
import type { TurnEnv } from "../../platform/teams/turn-env";
import type { BotCommand } from "../../platform/teams/command";
import { asTyped } from "../../platform/teams/mention";
import { siteText } from "../../platform/text/site";

/** Data bound into `cards/help.json`. */
export interface HelpCardData {
  title: string;
  intro: string;
  commandsHeading: string;
  commands: { name: string; description: string }[];
  principles: string;
  directoryLabel: string;
  directoryUrl: string;
  supportText: string;
  supportSiteLabel: string;
  supportUrl: string;
  supportEmailLabel: string;
  supportMailto: string;
}

/** Where users get help (config `SUPPORT_EMAIL`, `SUPPORT_URL`). */
export interface SupportContact {
  email: string;
  url: string;
}

/** What the help card links to besides the commands. */
export interface HelpLinks {
  publicUrl: string | undefined;
  support: SupportContact;
}

// The help card is the same for everyone with the same language and conversation type: built
// once (about 25 translations and a template expansion), then shared. Keyed by the command
// list (and its length, as features add commands while the app is composed).
const helpCards = new WeakMap<readonly BotCommand[], Map<string, Attachment>>();

/**
 * The welcome/help card in the user's language from the listed commands. Memoised: the
 * attachment and its card are shared and frozen — send them, never change them.
 */
export function helpCard(env: TurnEnv, commands: readonly BotCommand[], links: HelpLinks): Attachment {
  let perList = helpCards.get(commands);
  if (!perList) {
    perList = new Map();
    helpCards.set(commands, perList);
  }
  const key = `${env.lang}\u0000${env.conversationType ?? ""}\u0000${links.publicUrl ?? ""}\u0000${links.support.email}\u0000${links.support.url}\u0000${commands.length}`;
  let card = perList.get(key);
  if (!card) {
    card = Object.freeze({
      contentType: ADAPTIVE_CARD_CONTENT_TYPE,
      content: buildHelpCard(env, commands, links),
    });
    perList.set(key, card);
  }
  return card;
}

function buildHelpCard(env: TurnEnv, commands: readonly BotCommand[], links: HelpLinks) {
  const { publicUrl, support } = links;
  const data: HelpCardData = {
    title: env.t("help.title"),
    intro: env.t("help.intro"),
    commandsHeading: env.t("help.commandsHeading"),
    commands: commands
      .filter((c) => c.listed)
      .map((c) => ({
        // In a channel or group chat every command needs the @mention: show it as typed there.
        name: asTyped(env.t(`commands.${c.id}.name`), env.conversationType),
        description: env.t(`commands.${c.id}.description`),
      })),
    principles: env.t("help.principles"),
    directoryLabel: env.t("help.directory"),
    directoryUrl: publicUrl ? `${publicUrl.replace(/\/$/, "")}/#/directory` : "",
    supportText: env.t("help.support", { email: support.email, site: siteText(support.url) }),
    supportSiteLabel: env.t("help.supportSite"),
    supportUrl: support.url,
    supportEmailLabel: env.t("help.supportEmail"),
    supportMailto: `mailto:${support.email}`,
  };
  return expandSharedCard(helpTemplate, data);
}

/** Sends the help card. Shared by the `help` command and the install/welcome handler. */
export async function sendHelp(
  ctx: TurnContext,
  env: TurnEnv,
  commands: readonly BotCommand[],
  links: HelpLinks,
): Promise<void> {
  const card = helpCard(env, commands, links);
  await ctx.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card.content)));
}

/** `help` / `apua` / `hjälp`: the command list. */
export function createHelpCommand(getCommands: () => readonly BotCommand[], links: HelpLinks): BotCommand {
  return {
    id: "help",
    triggers: { fi: ["apua", "ohje"], sv: ["hjälp", "hjalp"], any: ["help", "?"] },
    listed: true,
    run: (ctx, env) => sendHelp(ctx, env, getCommands(), links),
  };
}
