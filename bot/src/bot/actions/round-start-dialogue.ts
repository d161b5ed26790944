import type { RoundsServices } from "../../rounds/services";
import { facilitatorAction } from "../../rounds/facilitator-action";
import type { CardAction } from "./card-action";

/** Starts the dialogue (before the first round). */
export const ROUND_START_DIALOGUE_VERB = "round.startDialogue";

/** Facilitators only; a second click finds it started and says so. */
export function createRoundStartDialogueAction(s: RoundsServices): CardAction {
  return facilitatorAction(ROUND_START_DIALOGUE_VERB, s, (s, _env, data, caller) =>
    s.run.startDialogue(data.dialogueId, caller),
  );
}
