import { randomUUID } from "node:crypto";
import type { TurnContext } from "botbuilder";
import type { CardAction, CardActionResult } from "../../../platform/teams/card-action";
import type { TurnEnv } from "../../../platform/teams/turn-env";
import { dialogueFormCard, dialogueFormValues } from "../cards/form-card";
import { refreshUserIds } from "../cards/invitation-card";
import { registrationFormCard } from "../cards/registration-form-card";
import {
  offeredOrganisations,
  parseDialogueRef,
  refusing,
  requireUser,
  type DialogueContext,
  type DialogueRef,
} from "./context";
import { sendCancellation, sendPromotion } from "./notify";
import { claimPendingRole } from "./claim-role";
import { staleCard } from "./stale";
import type { Dialogue } from "../domain/types";
import { DialogueError } from "../domain/errors";
import { dialogueT } from "./texts";
import { publicRight } from "./public-right";
import { organiserView, personalInvitation, updatePostings } from "./views";

/**
 * The organisation to start the form with: the person's Entra profile (company or department),
 * editable on the form. A peer dialogue picks from its own organisations, so only an exact match
 * is pre-selected there.
 */
async function profileOrganisation(dc: DialogueContext, env: TurnEnv, dialogue: Dialogue) {
  if (!dc.profiles || !env.userId) return undefined;
  const found = await dc.profiles.organisation(env.userId);
  const choices = dialogue.organisations ?? [];
  if (!found || !choices.length) return found;
  return choices.find((o) => o.name.toLowerCase() === found.toLowerCase())?.name;
}

/** A card verb on one dialogue: the reference is parsed from the card data, the user from the activity. */
type DialogueOp = (
  dc: DialogueContext,
  ctx: TurnContext,
  env: TurnEnv,
  ref: DialogueRef,
) => Promise<CardActionResult>;

/**
 * The invitation and organiser cards' verbs that act on one dialogue. The caller's identity
 * comes only from the authenticated activity; organiser-only verbs load the dialogue with
 * `getForOrganiser`, which refuses anyone else. Refusals become translated messages.
 */
export const DIALOGUE_VERBS: Record<string, DialogueOp> = {
  /** The Universal Actions refresh of an invitation card (and its Back button): the reader's own view. */
  "dialogue.refresh": async (dc, ctx, env, ref) => {
    const dialogue = await dc.dialogues.get(ref.dialogueId, env.tenantId);
    return { card: await personalInvitation(dc, ctx, env, dialogue) };
  },

  /** Organisers: counts, registrants, export and the edit / message / cancel actions. */
  "dialogue.manage": async (dc, ctx, env, ref) => {
    const { userId, tenantId } = requireUser(env);
    await claimPendingRole(dc.dialogues, ctx, env, ref.dialogueId);
    const dialogue = await dc.dialogues.getForOrganiser(ref.dialogueId, tenantId, userId);
    return { card: await organiserView(dc, env, dialogue) };
  },

  /** Organisers: the form prefilled with the stored dialogue; a stale card gets the latest version instead. */
  "dialogue.edit": async (dc, _ctx, env, ref) => {
    const { userId, tenantId } = requireUser(env);
    const dialogue = await dc.dialogues.getForOrganiser(ref.dialogueId, tenantId, userId);
    if (ref.version !== undefined && ref.version !== dialogue.version) return staleCard(dc, env, dialogue);
    if (dialogue.state === "cancelled") return staleCard(dc, env, dialogue);
    const values = dialogueFormValues(dialogue);
    return {
      card: dialogueFormCard({
        lang: env.lang,
        automaticMeetings: dc.dialogues.automaticMeetings,
        publicAllowed: publicRight(dc, tenantId, dialogue).allowed,
        mode: "edit",
        values,
        nonce: randomUUID(),
        agendaDefault: "",
        dialogue,
        organisations: await offeredOrganisations(dc, tenantId, env.lang, dialogue),
      }),
    };
  },

  /** Organisers, after confirming on the card: cancels, tells every registrant, marks posted invitations. */
  "dialogue.cancel": async (dc, _ctx, env, ref) => {
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
  },

  /**
   * The Register button: the registration form for the clicking person. Someone already
   * registered, or a dialogue no longer open, gets their invitation view instead (which says why).
   */
  "registration.start": async (dc, ctx, env, ref) => {
    const dialogue = await dc.dialogues.get(ref.dialogueId, env.tenantId);
    const view = await dc.registrations.view(dialogue, env.userId);
    if (view.state !== "notRegistered" && view.state !== "full") {
      return { card: await personalInvitation(dc, ctx, env, dialogue) };
    }
    const active = await dc.registrations.active(dialogue.id);
    const userIds = refreshUserIds(dialogue, active, ctx.activity.from?.id);
    const organisation = await profileOrganisation(dc, env, dialogue);
    return {
      card: registrationFormCard({ lang: env.lang, dialogue, refreshUserIds: userIds, organisation }),
    };
  },

  /**
   * "Cancel my registration" (confirmed in place on the card): a freed seat goes to the first
   * person on the waitlist in the same transaction, and they are told in personal chat. The card
   * then says it was cancelled and where the seat went; a second click says it already was.
   */
  "registration.cancel": async (dc, ctx, env, ref) => {
    const { userId, tenantId } = requireUser(env);
    const t = dialogueT(env.lang);
    const before = await dc.dialogues.get(ref.dialogueId, tenantId);
    const viewBefore = await dc.registrations.view(before, userId);
    const already = () => personalInvitation(dc, ctx, env, before, t("registration.alreadyCancelled"));
    // An old card clicked after the end: the card says it has ended (not "already cancelled").
    if (viewBefore.state === "ended") return { card: await personalInvitation(dc, ctx, env, before) };
    if (viewBefore.state !== "registered" && viewBefore.state !== "waitlisted")
      return { card: await already() };
    let result;
    try {
      result = await dc.registrations.cancel({ dialogueId: before.id, tenantId, userId });
    } catch (err) {
      if (!(err instanceof DialogueError) || err.code !== "notRegistered") throw err;
      return { card: await already() };
    }
    const { dialogue, cancelled, promoted } = result;
    if (promoted) await sendPromotion(dc, dialogue, promoted);
    // A full dialogue got a free seat: the shared card must stop saying "full".
    else if (cancelled.status === "cancelled" && viewBefore.counts.confirmed >= dialogue.capacity)
      await updatePostings(dc, dialogue);
    dc.logger.info("registration cancelled", { dialogueId: dialogue.id, promoted: !!promoted });
    const notice =
      viewBefore.state === "waitlisted"
        ? t("registration.leftQueue")
        : t(promoted ? "registration.cancelledSeatPassed" : "registration.cancelledSeatFree");
    return { card: await personalInvitation(dc, ctx, env, dialogue, notice) };
  },
};

/** One card action per entry of {@link DIALOGUE_VERBS}. */
export function createDialogueVerbActions(dc: DialogueContext): CardAction[] {
  return Object.entries(DIALOGUE_VERBS).map(([verb, op]) => ({
    verb,
    handle: (ctx, env, data) => refusing(env, () => op(dc, ctx, env, parseDialogueRef(env, data))),
  }));
}
