import type { TurnContext } from "botbuilder";
import { CardFactory } from "botbuilder";
import type { Language } from "../../../platform/i18n/i18n";
import type { Dialogue } from "../domain/types";
import { isOrganiser } from "../domain/user-state";
import type { TurnEnv } from "../../../platform/teams/turn-env";
import type { DialogueContext } from "./context";
import { invitationCard, refreshUserIds } from "../cards/invitation-card";
import { organiserCard, type OrganiserCardData } from "../cards/organiser-card";

/** The reader's own invitation view (the Action.Execute / refresh response). */
export async function personalInvitation(
  dc: DialogueContext,
  ctx: TurnContext,
  env: TurnEnv,
  dialogue: Dialogue,
  notice?: string,
): Promise<Record<string, unknown>> {
  const [view, active] = await Promise.all([
    dc.registrations.view(dialogue, env.userId),
    dc.registrations.active(dialogue.id),
  ]);
  return invitationCard({
    dialogue,
    counts: view.counts,
    lang: env.lang,
    refreshUserIds: refreshUserIds(dialogue, active, ctx.activity.from?.id),
    personal: {
      view,
      notice,
      isOrganiser: isOrganiser(dialogue, env.userId),
      calendarUrl: dc.links.calendarUrl(dialogue.id),
    },
    publicPageUrl: dc.links.registrationPageUrl(dialogue),
    support: dc.links.support,
  });
}

/** The shared invitation (what everyone not in the refresh list sees). */
export async function sharedInvitation(
  dc: DialogueContext,
  dialogue: Dialogue,
  lang: Language,
): Promise<Record<string, unknown>> {
  const [counts, active] = await Promise.all([
    dc.registrations.counts(dialogue.id),
    dc.registrations.active(dialogue.id),
  ]);
  return invitationCard({
    dialogue,
    counts,
    lang,
    refreshUserIds: refreshUserIds(dialogue, active),
    publicPageUrl: dc.links.registrationPageUrl(dialogue),
    support: dc.links.support,
  });
}

/** The organiser card for the calling organiser. */
export async function organiserView(
  dc: DialogueContext,
  env: TurnEnv,
  dialogue: Dialogue,
  notice?: { text: string; color: OrganiserCardData["noticeColor"] },
  /** Whose card it is (their signed CSV link); the clicking user unless given. */
  forUserId: string | undefined = env.userId,
): Promise<Record<string, unknown>> {
  const [counts, registrations] = await Promise.all([
    dc.registrations.counts(dialogue.id),
    dc.registrations.active(dialogue.id),
  ]);
  return organiserCard({
    lang: env.lang,
    dialogue,
    counts,
    registrations,
    csvUrl: forUserId ? dc.links.csvUrl(dialogue.id, forUserId, env.lang) : undefined,
    publicPageUrl: dc.links.registrationPageUrl(dialogue),
    notice,
  });
}

/**
 * Replaces the invitation card everywhere it was posted (after an edit, cancellation or a
 * change in seats). Failures are logged per place: one deleted message must not stop the rest.
 *
 * Sent directly, not through the outbox (docs/architecture.md, "What goes through it"): an
 * update replaces the card with the current state, so repeating one is harmless and the next
 * update (or the card's own refresh for its viewers) repairs a lost one; the outbox keeps one
 * partition per decision and could deliver a retried older update after a newer one, showing
 * stale seats.
 */
export async function updatePostings(dc: DialogueContext, dialogue: Dialogue): Promise<number> {
  const postings = await dc.dialogues.postings(dialogue.id);
  let updated = 0;
  for (const p of postings) {
    try {
      const card = await sharedInvitation(dc, dialogue, p.lang);
      await dc.messenger.updateActivity(p.conversationId, p.activityId, {
        type: "message",
        attachments: [CardFactory.adaptiveCard(card)],
      });
      updated++;
    } catch (err) {
      dc.logger.warn("invitation card not updated", {
        dialogueId: dialogue.id,
        activityId: p.activityId,
        error: (err as Error).name,
      });
    }
  }
  return updated;
}
