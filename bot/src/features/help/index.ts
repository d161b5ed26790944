import { CardFactory, MessageFactory, type TurnContext } from "botbuilder";
import helpTemplate from "./help.json";
import { renderCard } from "../../platform/teams/render-card";
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

/** Builds the welcome/help card in the user's language from the listed commands. */
export function helpCard(env: TurnEnv, commands: readonly BotCommand[], links: HelpLinks) {
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
  return renderCard(helpTemplate, data);
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
