import type { RoundsServices } from "../services/services";
import { facilitatorAction } from "../services/facilitator-action";
import type { CardAction } from "../../../platform/teams/card-action";

/** Opens (or refreshes) the facilitator controls of a dialogue; also the organiser card's button. */
export const ROUND_CONTROLS_VERB = "round.controls";

/** Facilitators and organisers only; anyone else gets a translated refusal. */
export function createRoundControlsAction(s: RoundsServices): CardAction {
  return facilitatorAction(ROUND_CONTROLS_VERB, s, (s, _env, data, caller) =>
    s.run.view(data.dialogueId, caller),
  );
}
