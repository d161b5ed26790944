import { CardFactory } from "botbuilder";
import { callerOf } from "../services/card-data";
import { refusingRounds } from "../services/refusals";
import type { RoundsServices } from "../services/services";
import { roundsT } from "../services/texts";
import { controlsView } from "../cards/controls-view";
import type { BotCommand } from "../../../platform/teams/command";
import { claimPendingRole } from "../../dialogues";

/**
 * `facilitate <id>` / `ohjaa <id>` / `led <id>`: the facilitator controls of a dialogue, in a
 * personal chat, group chat or channel (the meeting chat). Facilitators and organisers only.
 */
export function createFacilitateCommand(s: RoundsServices): BotCommand {
  return {
    id: "facilitate",
    triggers: { fi: ["ohjaa"], sv: ["leda", "led"], en: ["facilitate"] },
    listed: true,
    async run(ctx, env, args) {
      const id = args.split(" ")[0] ?? "";
      if (!id) {
        await ctx.sendActivity(roundsT(env.lang)("usage"));
        return;
      }
      const result = await refusingRounds(env.lang, async () => {
        const caller = callerOf(env);
        await claimPendingRole(s.rc.dialogues, ctx, env, id);
        const view = await s.run.view(id, caller);
        return { card: await controlsView(s.rc, env.lang, caller.userId, view) };
      });
      if (result.card) await ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(result.card)] });
      if (result.message) await ctx.sendActivity(result.message);
    },
  };
}
