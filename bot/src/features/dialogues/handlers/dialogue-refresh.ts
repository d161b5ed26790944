import { parseDialogueRef, refusing, type DialogueContext } from "./context";
import { personalInvitation } from "./views";
import type { CardAction } from "../../../platform/teams/card-action";

/** The Universal Actions refresh of an invitation card (and its Back button). */
export const DIALOGUE_REFRESH_VERB = "dialogue.refresh";

/** Answers with the reader's own view: registration state, seats left, their actions. */
export function createDialogueRefreshAction(dc: DialogueContext): CardAction {
  return {
    verb: DIALOGUE_REFRESH_VERB,
    handle: (ctx, env, data) =>
      refusing(env, async () => {
        const ref = parseDialogueRef(env, data);
        const dialogue = await dc.dialogues.get(ref.dialogueId, env.tenantId);
        return { card: await personalInvitation(dc, ctx, env, dialogue) };
      }),
  };
}
