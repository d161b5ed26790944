import type { FeatureInstallTarget } from "../../platform/feature";
import type { TableStore } from "../../platform/tables/table-store";
import type { DirectoryRouteDeps } from "../directory";
import type { Dialogue } from "../dialogues";
import { createLinkRepository, type MeetingOrganiserLookup } from "../meetings";
import type { Caller, RoundsServices } from "../rounds";
import { checkMeetingLink, type LinkRightsDeps } from "./link-rights";
import { meetingConsoleRoutes } from "./routes";
import { deliveryRoutes } from "./delivery-routes";

/**
 * The meeting side panel's backend (`#/facilitator` in a Teams meeting): which dialogue the
 * meeting belongs to, the facilitator's console over the rounds services, and a participant's
 * view of their group. It adds no state of its own beyond the meetings feature's link and
 * presence rows; every change goes through the rounds services and their role checks.
 */
export interface FacilitatorFeatureDeps {
  store: TableStore;
  rounds: RoundsServices;
  /** The route kit's authentication and roles (Teams SSO, dev sign-in). */
  directory: DirectoryRouteDeps;
  /** Graph's meeting-organiser check for hand-made links (Graph on only). */
  organiserOf?: MeetingOrganiserLookup;
  /** The tenant whose meetings Graph can see. */
  graphServesTenant?: (tenantId: string) => boolean;
}

/** Builds the feature; `install` adds its routes. */
export function createFacilitatorFeature(deps: FacilitatorFeatureDeps) {
  const links = createLinkRepository(deps.store.table("Dialogues"));
  const rights: LinkRightsDeps = {
    links,
    loadDialogue: (id) => deps.rounds.rc.dialogues.load(id),
    organiserOf: deps.organiserOf,
    graphServesTenant: deps.graphServesTenant,
  };
  const linkRights = (dialogue: Dialogue, threadId: string, caller: Caller) =>
    checkMeetingLink(rights, dialogue, threadId, caller);
  const routes = [
    meetingConsoleRoutes({ rounds: deps.rounds, links, directory: deps.directory, linkRights }),
    deliveryRoutes({ rounds: deps.rounds, directory: deps.directory }),
  ];
  return {
    links,
    routes,
    /** The bot's meeting join/leave events: presence of people in the linked dialogue's meeting. */
    async meetingPresence(chatId: string, aadIds: string[], present: boolean): Promise<void> {
      const link = await links.find(chatId);
      if (!link) return;
      const at = deps.rounds.rc.now();
      for (const id of aadIds) await links.setPresence(link.dialogueId, id, present, at);
    },
    install(into: Pick<FeatureInstallTarget, "routes">): void {
      into.routes.push(...routes);
    },
  };
}
