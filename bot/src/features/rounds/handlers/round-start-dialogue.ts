import type { RoundsServices } from "../services/services";
import { facilitatorAction } from "../services/facilitator-action";
import type { CardAction } from "../../../platform/teams/card-action";

/** Starts the dialogue (before the first round). */
export const ROUND_START_DIALOGUE_VERB = "round.startDialogue";

/** Facilitators only; a second click finds it started and says so. */
export function createRoundStartDialogueAction(s: RoundsServices): CardAction {
  return facilitatorAction(ROUND_START_DIALOGUE_VERB, s, (s, _env, data, caller) =>
    s.run.startDialogue(data.dialogueId, caller),
  );
}
