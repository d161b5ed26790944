import { CardInputError } from "../../../platform/teams/card-action";
import { intField, textField } from "../services/card-data";
import { MAX_BROADCAST } from "../services/run-service";
import type { RoundsServices } from "../services/services";
import { facilitatorAction } from "../services/facilitator-action";
import { roundsT } from "../services/texts";
import type { CardAction } from "../../../platform/teams/card-action";

/** Sends the facilitator's message to every member of the current round. */
export const ROUND_BROADCAST_VERB = "round.broadcast";

/** Facilitators only; the text is trimmed, required, bounded and free of control characters. */
export function createRoundBroadcastAction(s: RoundsServices): CardAction {
  return facilitatorAction(ROUND_BROADCAST_VERB, s, (s, env, data, caller) => {
    const text = textField(env, data, "message").trim();
    const t = roundsT(env.lang);
    if (!text) throw new CardInputError(t("controls.broadcastRequired"));
    if (text.length > MAX_BROADCAST || /[\u0000-\u0008\u000b-\u001f\u007f]/.test(text))
      throw new CardInputError(t("badData"));
    return s.run.broadcast(data.dialogueId, intField(env, data, "round", 99), text, caller);
  });
}
