import type { RoundsServices } from "../services/services";
import { facilitatorAction } from "../services/facilitator-action";
import type { CardAction } from "../../../platform/teams/card-action";

/** Ends the dialogue: notes close and the organisers get the summary card. */
export const ROUND_END_DIALOGUE_VERB = "round.endDialogue";

/** Facilitators only (other features' follow-ups run after the summary); a second click finds the dialogue ended and changes nothing. */
export function createRoundEndDialogueAction(s: RoundsServices): CardAction {
  return facilitatorAction(ROUND_END_DIALOGUE_VERB, s, async (s, _env, data, caller) => {
    const result = await s.run.endDialogue(data.dialogueId, caller);
    await s.summary.deliver(result.dialogue);
    await s.ended.notify(result.dialogue);
    return result;
  });
}
