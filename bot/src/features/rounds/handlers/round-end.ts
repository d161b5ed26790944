import { intField } from "../services/card-data";
import type { RoundsServices } from "../services/services";
import { facilitatorAction } from "../services/facilitator-action";
import type { CardAction } from "../../../platform/teams/card-action";

/** Ends the running round now. */
export const ROUND_END_VERB = "round.end";

/** Facilitators only. */
export function createRoundEndAction(s: RoundsServices): CardAction {
  return facilitatorAction(ROUND_END_VERB, s, (s, env, data, caller) =>
    s.run.endRound(data.dialogueId, intField(env, data, "round", 99), caller),
  );
}
