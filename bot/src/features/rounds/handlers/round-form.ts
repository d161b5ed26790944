import { intField } from "../services/card-data";
import type { RoundsServices } from "../services/services";
import { facilitatorAction } from "../services/facilitator-action";
import type { CardAction } from "../../../platform/teams/card-action";

/** Forms (or re-forms) the groups of the rounds not started yet: the card shows the proposal. */
export const ROUND_FORM_VERB = "round.form";

/** Facilitators only; `round` is the first round to (re)form, as the card showed it. */
export function createRoundFormAction(s: RoundsServices): CardAction {
  return facilitatorAction(ROUND_FORM_VERB, s, (s, env, data, caller) =>
    s.plan.form(data.dialogueId, intField(env, data, "round", 99), caller),
  );
}
