import { CardFactory, MessageFactory, type TurnContext } from "botbuilder";
import helpTemplate from "./help.json";
import { renderCard } from "../../platform/teams/render-card";
import type { TurnEnv } from "../../platform/teams/turn-env";
import type { BotCommand } from "../../platform/teams/command";
import { asTyped } from "../../platform/teams/mention";

/** Data bound into `cards/help.json`. */
export interface HelpCardData {
  title: string;
  intro: string;
  commandsHeading: string;
  commands: { name: string; description: string }[];
  principles: string;
  directoryLabel: string;
  directoryUrl: string;
}

/** Builds the welcome/help card in the user's language from the listed commands. */
export function helpCard(env: TurnEnv, commands: readonly BotCommand[], publicUrl: string | undefined) {
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
  };
  return renderCard(helpTemplate, data);
}

/** Sends the help card. Shared by the `help` command and the install/welcome handler. */
export async function sendHelp(
  ctx: TurnContext,
  env: TurnEnv,
  commands: readonly BotCommand[],
  publicUrl: string | undefined,
): Promise<void> {
  const card = helpCard(env, commands, publicUrl);
  await ctx.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card.content)));
}

/** `help` / `apua` / `hjälp`: the command list. */
export function createHelpCommand(
  getCommands: () => readonly BotCommand[],
  publicUrl: string | undefined,
): BotCommand {
  return {
    id: "help",
    triggers: { fi: ["apua", "ohje"], sv: ["hjälp", "hjalp"], any: ["help", "?"] },
    listed: true,
    run: (ctx, env) => sendHelp(ctx, env, getCommands(), publicUrl),
  };
}
