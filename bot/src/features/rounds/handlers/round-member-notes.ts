import type { RoundsServices } from "../services/services";
import { facilitatorAction } from "../services/facilitator-action";
import type { CardAction } from "../../../platform/teams/card-action";

/** Lets every group member add notes (or only scribes again). */
export const ROUND_MEMBER_NOTES_VERB = "round.memberNotes";

/** Facilitators only; `allow` is the state the button offers. */
export function createRoundMemberNotesAction(s: RoundsServices): CardAction {
  return facilitatorAction(ROUND_MEMBER_NOTES_VERB, s, (s, _env, data, caller) =>
    s.run.setMemberNotes(data.dialogueId, data.allow === true || data.allow === "true", caller),
  );
}
