import { intField, textField } from "../../rounds/card-data";
import type { RoundsServices } from "../../rounds/services";
import { facilitatorAction } from "../../rounds/facilitator-action";
import type { CardAction } from "./card-action";

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
