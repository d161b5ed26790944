import { hasIllegalLineChars, tidyLine } from "../../../platform/text/text-rules";
import { CardInputError, type CardAction } from "../../../platform/teams/card-action";
import { isExternalUserId } from "../domain/ids";
import { parseDialogueRef, refusing, requireUser, type DialogueContext } from "./context";
import { sendPromotion } from "./notify";
import { dialogueT } from "./texts";
import { organiserView, updatePostings } from "./views";

/** The organiser card's "remove a registrant" submit. */
export const REMOVE_REGISTRANT_VERB = "dialogue.removeRegistrant";
/** The reason is kept in the audit trail: one line. */
export const REMOVE_REASON_MAX = 300;

/**
 * An organiser removes a registrant (Teams or public) with a reason: the seat goes to the first
 * in line (who is told), the audit trail records who removed whom and why, and — for a public
 * registrant, when asked — their address is blocked for this dialogue (its later submits send
 * nothing). Only the dialogue's organisers; the target must hold an active registration.
 */
export function createRemoveRegistrantAction(dc: DialogueContext): CardAction {
  return {
    verb: REMOVE_REGISTRANT_VERB,
    handle: (_ctx, env, data) =>
      refusing(env, async () => {
        const t = dialogueT(env.lang);
        const ref = parseDialogueRef(env, data);
        const { userId, tenantId } = requireUser(env);
        const d = await dc.dialogues.getForOrganiser(ref.dialogueId, tenantId, userId);
        const target = typeof data.removeUserId === "string" ? data.removeUserId : "";
        const reason = tidyLine(typeof data.removeReason === "string" ? data.removeReason : "");
        if (!reason || reason.length > REMOVE_REASON_MAX || hasIllegalLineChars(reason))
          throw new CardInputError(t("remove.reasonRequired", { max: REMOVE_REASON_MAX }));
        const registration = target ? await dc.registrations.get(d.id, target) : undefined;
        if (!registration || registration.status === "cancelled")
          throw new CardInputError(t("remove.notRegistered"));
        const countsBefore = await dc.registrations.counts(d.id);
        const { dialogue, promoted } = await dc.registrations.cancel({
          dialogueId: d.id,
          tenantId: d.tenantId,
          userId: target,
        });
        const block = data.removeBlock === "true" && isExternalUserId(target);
        const blocked = block
          ? ((await dc.external?.current()?.block?.(d.id, target, userId)) ?? false)
          : false;
        await dc.dialogues.staff.audit(
          d.id,
          userId,
          blocked ? "registration.remove.block" : "registration.remove",
          target,
          reason,
        );
        if (promoted) await sendPromotion(dc, dialogue, promoted);
        else if (countsBefore.confirmed >= dialogue.capacity) await updatePostings(dc, dialogue);
        dc.logger.info("registrant removed by an organiser", { dialogueId: d.id, blocked });
        const text = t(blocked ? "remove.doneBlocked" : "remove.done", {
          name: registration.name || t("organiser.externalAnonymous"),
        });
        return { card: await organiserView(dc, env, dialogue, { text, color: "Good" }) };
      }),
  };
}
