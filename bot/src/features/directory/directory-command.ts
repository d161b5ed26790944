import { CardFactory } from "botbuilder";
import type { TurnEnv } from "../../platform/teams/turn-env";
import type { BotCommand } from "../../platform/teams/command";

/** The directory tab's address under the app's public URL, or undefined without one. */
export function directoryUrl(publicUrl: string | undefined): string | undefined {
  return publicUrl ? `${publicUrl.replace(/\/+$/, "")}/#/directory` : undefined;
}

/** A small card with a button that opens the peer-dialogue directory tab. */
export function directoryCard(env: TurnEnv, url: string): Record<string, unknown> {
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    body: [{ type: "TextBlock", text: env.t("commands.directory.intro"), wrap: true }],
    actions: [{ type: "Action.OpenUrl", title: env.t("help.directory"), url }],
  };
}

/**
 * `hakemisto` / `katalog` / `directory`: points to the peer-dialogue directory tab. Without a
 * configured public URL (local development) it says where to find the tab instead.
 */
export function createDirectoryCommand(publicUrl: string | undefined): BotCommand {
  return {
    id: "directory",
    triggers: { fi: ["hakemisto"], sv: ["katalog"], en: ["directory"] },
    listed: true,
    async run(ctx, env) {
      const url = directoryUrl(publicUrl);
      if (!url) {
        await ctx.sendActivity(env.t("commands.directory.noUrl"));
        return;
      }
      await ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(directoryCard(env, url))] });
    },
  };
}
