import { api, query } from "../../api/client";

const enc = encodeURIComponent;

/** A calendar row (docs/peer-api.md `CalendarItem`). */
export interface CalendarItem {
  dialogueId: string;
  theme: string;
  start: string;
  end: string;
  type: "peer" | "standard";
  organisations: { orgId: string; name: string }[];
  method: string;
  level: string;
  state: "scheduled" | "cancelled" | "ended";
  upcoming: boolean;
  summaryUrl?: string;
}

/** An organisation highlighted to coordinators (missing or stale listing). */
export interface ListingHealth {
  orgId: string;
  name: string;
  reason: "listingMissing" | "stale";
  lastUpdated?: string;
  lastRemindedAt?: string;
  reachable: number;
}

export const getCalendar = (filter: { org?: string; theme?: string }, signal?: AbortSignal) =>
  api<{ items: CalendarItem[] }>(`/api/peer/calendar${query(filter)}`, { signal });

export const getOrgDialogues = (orgId: string, signal?: AbortSignal) =>
  api<{ items: CalendarItem[] }>(`/api/peer/organisations/${enc(orgId)}/dialogues`, { signal });

/** An ended dialogue's summary (`summaryUrl` of a calendar row) as Markdown. */
export const getSummary = (summaryUrl: string) => api<{ theme: string; markdown: string }>(summaryUrl);

export const getListingHealth = (signal?: AbortSignal) =>
  api<{ items: ListingHealth[] }>("/api/peer/listing-health", { signal });

export const remindOrganisation = (orgId: string) =>
  api<{ delivered: number; recipients: number }>(`/api/peer/listing-health/${enc(orgId)}/remind`, {
    method: "POST",
    body: {},
  });
