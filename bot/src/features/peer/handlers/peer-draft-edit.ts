import type { CardAction } from "../../../platform/teams/card-action";
import type { PeerBotContext } from "./context";
import { draftDecisionAction } from "./peer-draft-decision";

/** Saves the edited version of a draft directory entry of a peer dialogue. */
export const PEER_DRAFT_EDIT_VERB = "peer.draft.edit";

/** Staff of the draft's organisation or coordinators; others get the translated refusal. */
export function createPeerDraftEditAction(pbc: PeerBotContext): CardAction {
  return draftDecisionAction(pbc, PEER_DRAFT_EDIT_VERB, "edit");
}
