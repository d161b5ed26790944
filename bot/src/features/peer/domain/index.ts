import type { PeerContext } from "./context";
import type { DraftTexts } from "./drafts";
import { createDraftService, type DraftService } from "./draft-service";
import { createListingService, type ListingService } from "./listing-service";
import { createQueryService, type QueryService } from "./query-service";
import { createScheduleService, type ScheduleService } from "./schedule-service";

/** The peer feature's services. */
export interface PeerServices {
  pc: PeerContext;
  schedule: ScheduleService;
  drafts: DraftService;
  queries: QueryService;
  listings: ListingService;
}

/** Builds the peer services over one context. */
export function createPeerServices(
  pc: PeerContext,
  options: { draftTexts: (lang: string) => DraftTexts; staleDays?: number },
): PeerServices {
  return {
    pc,
    schedule: createScheduleService(pc),
    drafts: createDraftService(pc, options.draftTexts),
    queries: createQueryService(pc),
    listings: createListingService(pc, options.staleDays),
  };
}
