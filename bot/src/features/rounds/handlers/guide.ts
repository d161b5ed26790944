import { CardFactory } from "botbuilder";
import type { CardAction } from "../../../platform/teams/card-action";
import type { BotCommand } from "../../../platform/teams/command";
import type { TurnEnv } from "../../../platform/teams/turn-env";
import { guideCard } from "../cards/guide-card";
import { loadForFacilitator } from "../services/access";
import { RoundError } from "../services/errors";
import type { RoundsServices } from "../services/services";

/** The dialogue for a facilitator's guide, or undefined (no id, or not theirs: the general guide). */
async function dialogueFor(s: RoundsServices, env: TurnEnv, id: string) {
  if (!id) return undefined;
  try {
    return await loadForFacilitator(s.rc, id, env.tenantId, env.userId);
  } catch (err) {
    if (err instanceof RoundError) return undefined;
    throw err;
  }
}

/**
 * `facilitator guide [<id>]` / `ohjaajan opas` / `handledarguide`: how to run an Erätauko
 * dialogue with Dialogi. Anyone may read it; with an id of a dialogue they facilitate it shows
 * that dialogue's ground rules and its controls button.
 */
export function createGuideCommand(s: RoundsServices): BotCommand {
  return {
    id: "facilitatorGuide",
    triggers: {
      fi: ["ohjaajan opas", "ohjaajaopas"],
      sv: ["handledarguide", "samtalsledarguide"],
      en: ["facilitator guide"],
    },
    listed: true,
    async run(ctx, env, args) {
      const dialogue = await dialogueFor(s, env, args.split(" ")[0] ?? "");
      await ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(guideCard(env.lang, dialogue))] });
    },
  };
}

/** The controls card's "Facilitator guide" button (replaces the card; its button leads back). */
export function createGuideAction(s: RoundsServices): CardAction {
  return {
    verb: "round.guide",
    handle: async (_ctx, env, data) => {
      const id = typeof data.dialogueId === "string" ? data.dialogueId : "";
      return { card: guideCard(env.lang, await dialogueFor(s, env, id)) };
    },
  };
}
