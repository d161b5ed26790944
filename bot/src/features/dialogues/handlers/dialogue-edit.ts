import { randomUUID } from "node:crypto";
import { parseDialogueRef, refusing, requireUser, type DialogueContext } from "./context";
import { dialogueFormCard, dialogueFormValues } from "../cards/form-card";
import { staleCard } from "./stale";
import type { CardAction } from "../../../platform/teams/card-action";

/** Opens the edit form of a dialogue (organisers). */
export const DIALOGUE_EDIT_VERB = "dialogue.edit";

/** Shows the form prefilled with the stored dialogue; a stale card gets the latest version instead. */
export function createDialogueEditAction(dc: DialogueContext): CardAction {
  return {
    verb: DIALOGUE_EDIT_VERB,
    handle: (_ctx, env, data) =>
      refusing(env, async () => {
        const ref = parseDialogueRef(env, data);
        const { userId, tenantId } = requireUser(env);
        const dialogue = await dc.dialogues.getForOrganiser(ref.dialogueId, tenantId, userId);
        if (ref.version !== undefined && ref.version !== dialogue.version)
          return staleCard(dc, env, dialogue);
        if (dialogue.state === "cancelled") return staleCard(dc, env, dialogue);
        return {
          card: dialogueFormCard({
            lang: env.lang,
            mode: "edit",
            values: dialogueFormValues(dialogue),
            nonce: randomUUID(),
            agendaDefault: "",
            dialogue,
          }),
        };
      }),
  };
}
