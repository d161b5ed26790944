import { intField } from "../services/card-data";
import type { RoundsServices } from "../services/services";
import { facilitatorAction } from "../services/facilitator-action";
import type { CardAction } from "../../../platform/teams/card-action";

/** Extends the running round by N minutes (the timers are rescheduled). */
export const ROUND_EXTEND_VERB = "round.extend";

/** Facilitators only; N is one of the offered choices. */
export function createRoundExtendAction(s: RoundsServices): CardAction {
  return facilitatorAction(ROUND_EXTEND_VERB, s, (s, env, data, caller) =>
    s.run.extendRound(
      data.dialogueId,
      intField(env, data, "round", 99),
      intField(env, data, "minutes", 60),
      caller,
    ),
  );
}
