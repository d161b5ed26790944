/**
 * Peer dialogues (vertaisdialogi) as the API sends them (docs/peer-api.md). Copied from
 * bot/src/domain/peer/types.ts.
 */
import type { Iap2Level, MethodId } from "./methods";

/** One row of the calendar (`GET /api/peer/calendar`, `/api/peer/organisations/:id/dialogues`). */
export interface CalendarItem {
  dialogueId: string;
  theme: string;
  start: string;
  end: string;
  type: "peer" | "standard";
  /** `name` is the Finnish name; `names` the directory's names per language when it knows them. */
  organisations: { orgId: string; name: string; names?: { fi: string; sv?: string; en?: string } }[];
  method: MethodId;
  level: Iap2Level;
  state: "scheduled" | "cancelled" | "ended";
  upcoming: boolean;
  /** Where the summary can be read once the dialogue ended (tab or API route). */
  summaryUrl?: string;
}

/** Why an organisation is highlighted to coordinators (`GET /api/peer/listing-health`). */
export interface ListingHealth {
  orgId: string;
  /** The Finnish name (older clients); `names` has each language's. */
  name: string;
  /** The name in each language the directory has, so readers see their own. */
  names?: { fi: string; sv?: string; en?: string };
  reason: "listingMissing" | "needsUpdate" | "stale";
  /** Upcoming entries whose time has passed (reason `needsUpdate`). */
  needsUpdate?: number;
  /** Last update of any of its entries (ISO), when it has entries. */
  lastUpdated?: string;
  lastRemindedAt?: string;
  /** Staff and contacts the reminder would reach personally. */
  reachable: number;
}

/** `POST /api/peer/listing-health/:orgId/remind`. */
export interface ListingReminderResult {
  delivered: number;
  recipients: number;
}

/** `GET /api/peer/:id/summary`: an ended dialogue's summary as Markdown. */
export interface PeerSummary {
  dialogueId: string;
  theme: string;
  markdown: string;
}
