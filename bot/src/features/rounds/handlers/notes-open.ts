import { CardFactory } from "botbuilder";
import { callerOf, intField } from "../services/card-data";
import { refusingRounds } from "../services/refusals";
import type { RoundsServices } from "../services/services";
import { roundsT } from "../services/texts";
import type { CardAction } from "../../../platform/teams/card-action";

/** A group member asks for a notes card (the scribe gets one automatically). */
export const NOTES_OPEN_VERB = "notes.open";

/**
 * Members of the group only, while its round is open; others than the scribe only when the
 * facilitator allows. The card arrives as a new message so the group card stays in place.
 */
export function createNotesOpenAction(s: RoundsServices): CardAction {
  return {
    verb: NOTES_OPEN_VERB,
    handle: (ctx, env, data) =>
      refusingRounds(env.lang, async () => {
        const card = await s.notes.openCard(
          {
            dialogueId: data.dialogueId,
            round: intField(env, data, "round", 99),
            group: intField(env, data, "group"),
          },
          callerOf(env),
          env.lang,
        );
        await ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
        return { message: roundsT(env.lang)("notes.sent") };
      }),
  };
}
