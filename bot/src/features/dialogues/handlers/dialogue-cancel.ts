import { parseDialogueRef, refusing, requireUser, type DialogueContext } from "./context";
import { sendCancellation } from "./notify";
import { staleCard } from "./stale";
import { dialogueT } from "./texts";
import { organiserView, updatePostings } from "./views";
import type { CardAction } from "../../../platform/teams/card-action";

/** Cancels a dialogue (organisers, after confirming on the card). */
export const DIALOGUE_CANCEL_VERB = "dialogue.cancel";

/** Cancels, tells every registrant personally and marks the posted invitations cancelled. */
export function createDialogueCancelAction(dc: DialogueContext): CardAction {
  return {
    verb: DIALOGUE_CANCEL_VERB,
    handle: (_ctx, env, data) =>
      refusing(env, async () => {
        const ref = parseDialogueRef(env, data);
        const { userId, tenantId } = requireUser(env);
        const current = await dc.dialogues.getForOrganiser(ref.dialogueId, tenantId, userId);
        if (current.state === "cancelled" || (ref.version !== undefined && ref.version !== current.version))
          return staleCard(dc, env, current);
        const { dialogue } = await dc.dialogues.cancel({
          id: current.id,
          tenantId,
          userId,
          version: current.version,
        });
        const recipients = await dc.registrations.active(dialogue.id);
        const notified = await sendCancellation(dc, dialogue, recipients);
        await updatePostings(dc, dialogue);
        dc.logger.info("dialogue cancelled", { dialogueId: dialogue.id, notified });
        const text = dialogueT(env.lang)("organiser.cancelledNotice", { count: notified });
        return { card: await organiserView(dc, env, dialogue, { text, color: "Attention" }) };
      }),
  };
}
