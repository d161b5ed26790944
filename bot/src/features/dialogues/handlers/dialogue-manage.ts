import { parseDialogueRef, refusing, requireUser, type DialogueContext } from "./context";
import { organiserView } from "./views";
import type { CardAction } from "../../../platform/teams/card-action";

/** Opens the organiser card of a dialogue. */
export const DIALOGUE_MANAGE_VERB = "dialogue.manage";

/** Organisers only: counts, registrants, export and the edit / message / cancel actions. */
export function createDialogueManageAction(dc: DialogueContext): CardAction {
  return {
    verb: DIALOGUE_MANAGE_VERB,
    handle: (_ctx, env, data) =>
      refusing(env, async () => {
        const ref = parseDialogueRef(env, data);
        const { userId, tenantId } = requireUser(env);
        const dialogue = await dc.dialogues.getForOrganiser(ref.dialogueId, tenantId, userId);
        return { card: await organiserView(dc, env, dialogue) };
      }),
  };
}
