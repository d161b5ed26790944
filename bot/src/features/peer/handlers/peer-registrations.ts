import type { CardAction } from "../../../platform/teams/card-action";
import { registrationsCard } from "../cards/peer-cards";
import { cardId, peerRefusing, principalOf, type PeerBotContext } from "./context";

/** Refreshes the coordinators' per-organisation registrations card. */
export const PEER_REGISTRATIONS_VERB = "peer.registrations";

/** Coordinators only (the service checks); others get the translated refusal. */
export function createPeerRegistrationsAction(pbc: PeerBotContext): CardAction {
  return {
    verb: PEER_REGISTRATIONS_VERB,
    handle: (ctx, env, data) =>
      peerRefusing(env, async () => {
        const principal = await principalOf(pbc, ctx, env);
        const view = await pbc.services.queries.registrations(principal, cardId(env, data, "dialogueId"));
        return { card: registrationsCard({ lang: env.lang, ...view }) };
      }),
  };
}
