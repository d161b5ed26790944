import type { CardAction } from "../../../platform/teams/card-action";
import type { PeerBotContext } from "./context";
import { draftDecisionAction } from "./peer-draft-decision";

/** Discards a draft directory entry (nothing is added to the directory) of a peer dialogue. */
export const PEER_DRAFT_DISCARD_VERB = "peer.draft.discard";

/** Staff of the draft's organisation or coordinators; others get the translated refusal. */
export function createPeerDraftDiscardAction(pbc: PeerBotContext): CardAction {
  return draftDecisionAction(pbc, PEER_DRAFT_DISCARD_VERB, "discard");
}
