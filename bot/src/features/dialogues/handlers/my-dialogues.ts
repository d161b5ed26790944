import { CardFactory } from "botbuilder";
import type { DialogueContext } from "./context";
import { claimPendingByEmail } from "./claim-role";
import { dialogueListCard } from "../cards/organiser-card";
import type { BotCommand } from "../../../platform/teams/command";

/** How many dialogues the list shows (newest first). */
const MAX_LISTED = 20;

/**
 * `my dialogues` / `omat dialogit` / `mina dialoger`: the dialogues the user organises, including
 * roles an organiser gave them by e-mail (claimed here).
 */
export function createMyDialoguesCommand(dc: DialogueContext): BotCommand {
  return {
    id: "myDialogues",
    triggers: { fi: ["omat dialogit"], sv: ["mina dialoger"], en: ["my dialogues"] },
    listed: true,
    async run(ctx, env) {
      // Roles given by e-mail are claimed first, so the person finds them here (no id to know).
      const claimed = await claimPendingByEmail(dc.dialogues, ctx, env);
      const own = env.userId && env.tenantId ? await dc.dialogues.listMine(env.tenantId, env.userId) : [];
      const ownIds = new Set(own.map((d) => d.id));
      // A facilitator role is not in the organisers' index: the ones just claimed are listed too.
      const mine = [...own, ...claimed.filter((d) => !ownIds.has(d.id))];
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
