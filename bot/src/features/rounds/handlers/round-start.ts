import { intField } from "../services/card-data";
import type { RoundsServices } from "../services/services";
import { facilitatorAction } from "../services/facilitator-action";
import type { CardAction } from "../../../platform/teams/card-action";

/** Starts round N: members get their groups, timers are scheduled. */
export const ROUND_START_VERB = "round.start";

/** Facilitators only; two clicks at once give one start (ETag transition on the run state). */
export function createRoundStartAction(s: RoundsServices): CardAction {
  return facilitatorAction(ROUND_START_VERB, s, (s, env, data, caller) =>
    s.run.startRound(data.dialogueId, intField(env, data, "round", 99), caller),
  );
}
