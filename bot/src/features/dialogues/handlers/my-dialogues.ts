import { CardFactory } from "botbuilder";
import type { DialogueContext } from "./context";
import { dialogueListCard } from "../cards/organiser-card";
import type { BotCommand } from "../../../platform/teams/command";

/** How many dialogues the list shows (newest first). */
const MAX_LISTED = 20;

/** `my dialogues` / `omat dialogit` / `mina dialoger`: the dialogues the user organises. */
export function createMyDialoguesCommand(dc: DialogueContext): BotCommand {
  return {
    id: "myDialogues",
    triggers: { fi: ["omat dialogit"], sv: ["mina dialoger"], en: ["my dialogues"] },
    listed: true,
    async run(ctx, env) {
      const mine = env.userId && env.tenantId ? await dc.dialogues.listMine(env.tenantId, env.userId) : [];
      const items = await Promise.all(
        mine.slice(0, MAX_LISTED).map(async (dialogue) => ({
          dialogue,
          counts: await dc.registrations.counts(dialogue.id),
        })),
      );
      await ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(dialogueListCard(env.lang, items))] });
    },
  };
}
