import { intField, textField } from "../services/card-data";
import type { RoundsServices } from "../services/services";
import { facilitatorAction } from "../services/facilitator-action";
import type { CardAction } from "../../../platform/teams/card-action";

/** Moves one person to another group in the proposal of a round that has not started. */
export const ROUND_MOVE_VERB = "round.move";

/** Facilitators only; the person and group come from the card's inputs and are checked against the plan. */
export function createRoundMoveAction(s: RoundsServices): CardAction {
  return facilitatorAction(ROUND_MOVE_VERB, s, (s, env, data, caller) =>
    s.plan.move(
      data.dialogueId,
      intField(env, data, "round", 99),
      textField(env, data, "person"),
      intField(env, data, "toGroup"),
      caller,
    ),
  );
}
