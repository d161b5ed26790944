import type { RoundsServices } from "../../rounds/services";
import { facilitatorAction } from "../../rounds/facilitator-action";
import type { CardAction } from "./card-action";

/** Opens (or refreshes) the facilitator controls of a dialogue; also the organiser card's button. */
export const ROUND_CONTROLS_VERB = "round.controls";

/** Facilitators and organisers only; anyone else gets a translated refusal. */
export function createRoundControlsAction(s: RoundsServices): CardAction {
  return facilitatorAction(ROUND_CONTROLS_VERB, s, (s, _env, data, caller) =>
    s.run.view(data.dialogueId, caller),
  );
}
