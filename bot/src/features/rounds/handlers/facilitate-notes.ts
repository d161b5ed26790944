import { CardFactory } from "botbuilder";
import { callerOf } from "../services/card-data";
import { refusingRounds } from "../services/refusals";
import type { RoundsServices } from "../services/services";
import { roundsT } from "../services/texts";
import type { BotCommand } from "../../../platform/teams/command";

/**
 * `muistiinpano <id>` / `anteckning <id>` / `note <id>` (the manifest's notes command, also in
 * team and group chats): a notes card for the caller's group in the current round. Notes are
 * anonymous, so outside personal chat the card goes to the caller's personal chat, not the channel.
 */
export function createNoteCommand(s: RoundsServices): BotCommand {
  return {
    id: "note",
    triggers: {
      fi: ["muistiinpano", "muistiinpanot"],
      sv: ["anteckning", "anteckningar"],
      en: ["note", "notes"],
    },
    // Listed in the manifest's command menu; its help-card texts would live in the `bot` namespace.
    listed: false,
    async run(ctx, env, args) {
      const t = roundsT(env.lang);
      const id = args.split(" ")[0] ?? "";
      if (!id) {
        await ctx.sendActivity(t("notes.usage"));
        return;
      }
      const result = await refusingRounds(env.lang, async () => ({
        card: await s.notes.openMine(id, callerOf(env), env.lang),
      }));
      if (result.message || !result.card) {
        await ctx.sendActivity(result.message ?? t("notes.usage"));
        return;
      }
      const activity = { type: "message", attachments: [CardFactory.adaptiveCard(result.card)] };
      if (env.conversationType === "personal") {
        await ctx.sendActivity(activity);
        return;
      }
      // Sent directly, not through the outbox: it answers the caller's own command within their
      // turn, and the reply below tells them at once whether it arrived ("sent to your personal
      // chat" / "no personal chat yet"), so nothing is lost silently and they can simply ask
      // again. Nobody else is waiting for it, and a rerun is their own next command.
      const sent = await s.rc.messenger.sendToUser(callerOf(env).userId, activity);
      await ctx.sendActivity(t(sent ? "notes.sentPersonal" : "notes.noPersonalChat"));
    },
  };
}
