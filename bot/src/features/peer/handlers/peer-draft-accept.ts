import type { CardAction } from "../../../platform/teams/card-action";
import type { PeerBotContext } from "./context";
import { draftDecisionAction } from "./peer-draft-decision";

/** Accepts (as drafted) a draft directory entry of a peer dialogue. */
export const PEER_DRAFT_ACCEPT_VERB = "peer.draft.accept";

/** Staff of the draft's organisation or coordinators; others get the translated refusal. */
export function createPeerDraftAcceptAction(pbc: PeerBotContext): CardAction {
  return draftDecisionAction(pbc, PEER_DRAFT_ACCEPT_VERB, "accept");
}
