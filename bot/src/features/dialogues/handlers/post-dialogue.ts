import { CardFactory } from "botbuilder";
import { DialogueError } from "../domain/errors";
import { isDialogueId } from "../domain/ids";
import type { DialogueContext } from "./context";
import { dialogueT } from "./texts";
import { sharedInvitation } from "./views";
import type { BotCommand } from "../../../platform/teams/command";

/**
 * `post <id>` / `julkaise <id>` / `publicera <id>`, typed by an organiser in a channel or group
 * chat where the bot is installed: posts the invitation there and remembers the place, so
 * later edits update the card.
 */
export function createPostDialogueCommand(dc: DialogueContext): BotCommand {
  return {
    id: "postDialogue",
    triggers: { fi: ["julkaise"], sv: ["publicera"], en: ["post"] },
    listed: true,
    async run(ctx, env, args) {
      const t = dialogueT(env.lang);
      const id = args.split(" ")[0] ?? "";
      if (!isDialogueId(id)) {
        await ctx.sendActivity(t("command.postUsage"));
        return;
      }
      try {
        const dialogue = await dc.dialogues.getForOrganiser(id, env.tenantId, env.userId);
        if (dialogue.state === "cancelled") throw new DialogueError("cancelled");
        if (dialogue.endedAt) throw new DialogueError("ended");
        const card = await sharedInvitation(dc, dialogue, env.lang);
        const sent = await ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
        if (sent?.id) {
          await dc.dialogues.recordPosting(dialogue.id, {
            conversationId: ctx.activity.conversation.id,
            activityId: sent.id,
            lang: env.lang,
          });
        }
      } catch (err) {
        if (!(err instanceof DialogueError)) throw err;
        await ctx.sendActivity(t(`refused.${err.code}`));
      }
    },
  };
}
