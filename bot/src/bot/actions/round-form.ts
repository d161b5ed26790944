import { intField } from "../../rounds/card-data";
import type { RoundsServices } from "../../rounds/services";
import { facilitatorAction } from "../../rounds/facilitator-action";
import type { CardAction } from "./card-action";

/** Forms (or re-forms) the groups of the rounds not started yet: the card shows the proposal. */
export const ROUND_FORM_VERB = "round.form";

/** Facilitators only; `round` is the first round to (re)form, as the card showed it. */
export function createRoundFormAction(s: RoundsServices): CardAction {
  return facilitatorAction(ROUND_FORM_VERB, s, (s, env, data, caller) =>
    s.plan.form(data.dialogueId, intField(env, data, "round", 99), caller),
  );
}
