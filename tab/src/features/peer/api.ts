import type { CalendarItem, ListingHealth, ListingReminderResult, PeerSummary } from "@dialogi/contracts";
import { api, query } from "../../platform/api/client";

const enc = encodeURIComponent;

export const getCalendar = (filter: { org?: string; theme?: string }, signal?: AbortSignal) =>
  api<{ items: CalendarItem[] }>(`/api/peer/calendar${query(filter)}`, { signal });

export const getOrgDialogues = (orgId: string, signal?: AbortSignal) =>
  api<{ items: CalendarItem[] }>(`/api/peer/organisations/${enc(orgId)}/dialogues`, { signal });

/** An ended dialogue's summary (`summaryUrl` of a calendar row) as Markdown. */
export const getSummary = (summaryUrl: string) => api<PeerSummary>(summaryUrl);

export const getListingHealth = (signal?: AbortSignal) =>
  api<{ items: ListingHealth[] }>("/api/peer/listing-health", { signal });

export const remindOrganisation = (orgId: string) =>
  api<ListingReminderResult>(`/api/peer/listing-health/${enc(orgId)}/remind`, {
    method: "POST",
    body: {},
  });
