import { parseDialogueRef, refusing, requireUser, type DialogueContext } from "./context";
import { sendPromotion } from "./notify";
import { personalInvitation, updatePostings } from "./views";
import type { CardAction } from "../../../platform/teams/card-action";

/** "Cancel my registration" on the invitation or confirmation card. */
export const REGISTRATION_CANCEL_VERB = "registration.cancel";

/**
 * Cancels the clicking person's registration. A freed seat goes to the first person on the
 * waitlist in the same transaction, and they are told in personal chat.
 */
export function createRegistrationCancelAction(dc: DialogueContext): CardAction {
  return {
    verb: REGISTRATION_CANCEL_VERB,
    handle: (ctx, env, data) =>
      refusing(env, async () => {
        const ref = parseDialogueRef(env, data);
        const { userId, tenantId } = requireUser(env);
        const before = await dc.dialogues.get(ref.dialogueId, tenantId);
        const countsBefore = await dc.registrations.counts(before.id);
        const { dialogue, cancelled, promoted } = await dc.registrations.cancel({
          dialogueId: before.id,
          tenantId,
          userId,
        });
        if (promoted) await sendPromotion(dc, dialogue, promoted);
        // A full dialogue got a free seat: the shared card must stop saying "full".
        else if (cancelled.status === "cancelled" && countsBefore.confirmed >= dialogue.capacity)
          await updatePostings(dc, dialogue);
        dc.logger.info("registration cancelled", { dialogueId: dialogue.id, promoted: !!promoted });
        return { card: await personalInvitation(dc, ctx, env, dialogue) };
      }),
  };
}
