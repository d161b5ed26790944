import { dialogueFormSchema, validateDialogueForm } from "../domain/dialogue-form";
import { DialogueError } from "../domain/errors";
import type { Dialogue } from "../domain/types";
import {
  offeredOrganisations,
  parseDialogueRef,
  refusing,
  requireUser,
  type DialogueContext,
} from "./context";
import { dialogueFormCard, submittedFormValues } from "../cards/form-card";
import { sendChanged, sendPromotion } from "./notify";
import { staleCard } from "./stale";
import { dialogueT } from "./texts";
import { publicRight } from "./public-right";
import { organiserView, updatePostings } from "./views";
import { CardInputError, type CardAction } from "../../../platform/teams/card-action";

/** Submit of the edit form. */
export const DIALOGUE_SAVE_VERB = "dialogue.save";

/** True when registrants must hear about the change (time or place). */
function practicalChange(a: Dialogue, b: Dialogue): boolean {
  return (
    a.start.getTime() !== b.start.getTime() ||
    a.end.getTime() !== b.end.getTime() ||
    a.mode !== b.mode ||
    a.meetingUrl !== b.meetingUrl ||
    a.address !== b.address
  );
}

/**
 * Saves an edit made on the card of version N. An outdated card (someone saved in between)
 * changes nothing and shows the latest version. After saving: new seats go to the waitlist,
 * every posted invitation is updated, and registrants hear about time or place changes.
 */
export function createDialogueSaveAction(dc: DialogueContext): CardAction {
  return {
    verb: DIALOGUE_SAVE_VERB,
    handle: (_ctx, env, data) =>
      refusing(env, async () => {
        const t = dialogueT(env.lang);
        const ref = parseDialogueRef(env, data);
        const { userId, tenantId } = requireUser(env);
        const form = dialogueFormSchema.safeParse(data);
        if (!form.success || ref.version === undefined) throw new CardInputError(t("errors.badData"));
        const current = await dc.dialogues.getForOrganiser(ref.dialogueId, tenantId, userId);
        if (current.version !== ref.version || current.state === "cancelled")
          return staleCard(dc, env, current);
        const counts = await dc.registrations.counts(current.id);
        const organisations = await offeredOrganisations(dc, tenantId, env.lang, current);
        const right = publicRight(dc, tenantId, current);
        const result = validateDialogueForm(form.data, {
          organisations,
          now: dc.now(),
          lang: env.lang,
          minCapacity: counts.confirmed,
          automaticMeetings: dc.dialogues.automaticMeetings,
          publicAllowed: right.allowed,
          publicNotEntitled: right.notEntitled,
        });
        if (!result.ok) {
          const card = dialogueFormCard({
            lang: env.lang,
            automaticMeetings: dc.dialogues.automaticMeetings,
            publicAllowed: right.allowed,
            mode: "edit",
            values: submittedFormValues(form.data),
            errors: result.errors,
            nonce: typeof data.nonce === "string" ? data.nonce.slice(0, 40) : "",
            agendaDefault: "",
            dialogue: current,
            organisations,
          });
          return { card };
        }
        let saved: { before: Dialogue; after: Dialogue };
        try {
          saved = await dc.dialogues.edit({
            id: current.id,
            tenantId,
            userId,
            version: ref.version,
            details: result.details,
            method: result.method,
          });
        } catch (err) {
          if (err instanceof DialogueError && err.code === "stale")
            return staleCard(dc, env, await dc.dialogues.get(current.id, tenantId));
          throw err;
        }
        const { before, after } = saved;
        const promoted = await dc.registrations.fillFromWaitlist(after);
        for (const p of promoted) await sendPromotion(dc, after, p);
        await updatePostings(dc, after);
        if (practicalChange(before, after)) {
          const promotedIds = new Set(promoted.map((p) => p.userId));
          const others = (await dc.registrations.active(after.id)).filter((r) => !promotedIds.has(r.userId));
          await sendChanged(dc, after, others);
        }
        dc.logger.info("dialogue edited", { dialogueId: after.id, version: after.version });
        return { card: await organiserView(dc, env, after, { text: t("organiser.saved"), color: "Good" }) };
      }),
  };
}
