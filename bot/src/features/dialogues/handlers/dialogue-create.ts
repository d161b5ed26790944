import { CardFactory } from "botbuilder";
import { dialogueFormSchema, validateDialogueForm } from "../domain/dialogue-form";
import { isNonce } from "../domain/ids";
import { offeredOrganisations, requireUser, refusing, type DialogueContext } from "./context";
import { dialogueFormCard, submittedFormValues } from "../cards/form-card";
import { dialogueT } from "./texts";
import { publicRight } from "./public-right";
import { organiserView, sharedInvitation } from "./views";
import { CardInputError, type CardAction } from "../../../platform/teams/card-action";

/** Submit of the new-dialogue form. */
export const DIALOGUE_CREATE_VERB = "dialogue.create";

/**
 * Validates the form; on errors re-shows it with the input kept. Otherwise creates the dialogue
 * (once per form nonce, so a retried or double-clicked submit does not create two), posts the
 * invitation into this chat and answers with the organiser card.
 */
export function createDialogueCreateAction(dc: DialogueContext): CardAction {
  return {
    verb: DIALOGUE_CREATE_VERB,
    handle: (ctx, env, data) =>
      refusing(env, async () => {
        const t = dialogueT(env.lang);
        const { userId, tenantId } = requireUser(env);
        const form = dialogueFormSchema.safeParse(data);
        if (!form.success || !isNonce(data.nonce)) throw new CardInputError(t("errors.badData"));
        const organisations = await offeredOrganisations(dc, tenantId, env.lang);
        const right = publicRight(dc, tenantId);
        const result = validateDialogueForm(form.data, {
          organisations,
          now: dc.now(),
          lang: env.lang,
          automaticMeetings: dc.dialogues.automaticMeetings,
          publicAllowed: right.allowed,
          publicNotEntitled: right.notEntitled,
        });
        if (!result.ok) {
          const card = dialogueFormCard({
            lang: env.lang,
            automaticMeetings: dc.dialogues.automaticMeetings,
            publicAllowed: right.allowed,
            mode: "create",
            values: submittedFormValues(form.data),
            errors: result.errors,
            nonce: data.nonce,
            agendaDefault: form.data.agendaDefault ?? "",
            organisations,
          });
          return { card };
        }
        const { dialogue, created } = await dc.dialogues.create({
          tenantId,
          creator: { aadId: userId, teamsId: ctx.activity.from?.id, name: env.userName ?? "" },
          nonce: data.nonce,
          details: result.details,
          extras: result.method,
        });
        if (created) {
          const invitation = await sharedInvitation(dc, dialogue, env.lang);
          const sent = await ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(invitation)] });
          if (sent?.id) {
            await dc.dialogues.recordPosting(dialogue.id, {
              conversationId: ctx.activity.conversation.id,
              activityId: sent.id,
              lang: env.lang,
            });
          }
          dc.logger.info("dialogue created", { dialogueId: dialogue.id, activityId: ctx.activity.id });
        }
        const notice = {
          text: t(created ? "organiser.created" : "organiser.alreadyCreated"),
          color: "Good" as const,
        };
        return { card: await organiserView(dc, env, dialogue, notice) };
      }),
  };
}
