import { z } from "zod";
import { cleanLine, cleanMultiline } from "../../../platform/text/sanitize";
import type { DraftDecision, DraftEdits } from "../domain/draft-service";
import { CardInputError, type CardAction } from "../../../platform/teams/card-action";
import { draftCard } from "../cards/peer-cards";
import { orgDisplayName } from "../domain/types";
import { cardId, peerRefusing, peerT, principalOf, type PeerBotContext } from "./context";

const editsSchema = z.object({
  title: z.string().max(2000).optional(),
  description: z.string().max(20_000).optional(),
  themes: z.string().max(20_000).optional(),
});

/** The edited fields of the card's inputs (cleaned; the directory validates lengths and characters). */
function editsOf(lang: Parameters<typeof peerT>[0], data: Record<string, unknown>): DraftEdits {
  const parsed = editsSchema.safeParse(data);
  if (!parsed.success) throw new CardInputError(peerT(lang)("errors.badData"));
  const e = parsed.data;
  return {
    ...(e.title !== undefined ? { title: cleanLine(e.title) } : {}),
    ...(e.description !== undefined ? { description: cleanMultiline(e.description) } : {}),
    ...(e.themes !== undefined
      ? {
          themes: cleanMultiline(e.themes)
            .split("\n")
            .map((s) => s.trim())
            .filter(Boolean),
        }
      : {}),
  };
}

/**
 * A decision on a draft entry: only staff of the draft's organisation or coordinators (from the
 * authenticated activity); the answer is the card with the outcome and a link to the entry.
 */
export function draftDecisionAction(pbc: PeerBotContext, verb: string, decision: DraftDecision): CardAction {
  return {
    verb,
    handle: (ctx, env, data) =>
      peerRefusing(env, async () => {
        const principal = await principalOf(pbc, ctx, env);
        const dialogueId = cardId(env, data, "dialogueId");
        const orgId = cardId(env, data, "orgId");
        const edits = decision === "edit" ? editsOf(env.lang, data) : {};
        const { draft, entry } = await pbc.services.drafts.decide(
          principal,
          dialogueId,
          orgId,
          decision,
          edits,
        );
        const peer = await pbc.services.queries.get(principal, dialogueId);
        const base = pbc.publicUrl?.replace(/\/$/, "");
        const org = peer.organisations.find((o) => o.orgId === orgId);
        pbc.logger.info("peer draft decided", { dialogueId, orgId, decision, entryId: entry?.id });
        return {
          card: draftCard({
            lang: env.lang,
            peer,
            draft,
            orgName: org ? orgDisplayName(org, env.lang) : orgId,
            entryUrl:
              entry && base ? `${base}/#/org/${encodeURIComponent(orgId)}?entry=${entry.id}` : undefined,
            pending: entry?.status === "pending",
          }),
        };
      }),
  };
}

/** The draft card's verbs: accept as drafted, accept with the card's edits, or discard. */
export const DRAFT_DECISION_VERBS: Record<string, DraftDecision> = {
  "peer.draft.accept": "accept",
  "peer.draft.edit": "edit",
  "peer.draft.discard": "discard",
};

/** One card action per draft decision verb. */
export function createDraftDecisionActions(pbc: PeerBotContext): CardAction[] {
  return Object.entries(DRAFT_DECISION_VERBS).map(([verb, decision]) =>
    draftDecisionAction(pbc, verb, decision),
  );
}
