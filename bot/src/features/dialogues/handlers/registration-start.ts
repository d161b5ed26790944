import { parseDialogueRef, refusing, type DialogueContext } from "./context";
import { refreshUserIds } from "../cards/invitation-card";
import { registrationFormCard } from "../cards/registration-form-card";
import { personalInvitation } from "./views";
import type { CardAction } from "../../../platform/teams/card-action";

/** The Register button of an invitation. */
export const REGISTRATION_START_VERB = "registration.start";

/**
 * Shows the registration form to the clicking person. Someone already registered, or a
 * dialogue no longer open, gets their invitation view instead (which says why).
 */
export function createRegistrationStartAction(dc: DialogueContext): CardAction {
  return {
    verb: REGISTRATION_START_VERB,
    handle: (ctx, env, data) =>
      refusing(env, async () => {
        const ref = parseDialogueRef(env, data);
        const dialogue = await dc.dialogues.get(ref.dialogueId, env.tenantId);
        const view = await dc.registrations.view(dialogue, env.userId);
        if (view.state !== "notRegistered" && view.state !== "full") {
          return { card: await personalInvitation(dc, ctx, env, dialogue) };
        }
        const active = await dc.registrations.active(dialogue.id);
        return {
          card: registrationFormCard({
            lang: env.lang,
            dialogue,
            refreshUserIds: refreshUserIds(dialogue, active, ctx.activity.from?.id),
          }),
        };
      }),
  };
}
