import { api, query } from "./client";
import type {
  AuthConfig,
  Entry,
  EntryFields,
  EntryQuery,
  HistoryItem,
  Organisation,
  Principal,
} from "./types";

const enc = encodeURIComponent;

export const getAuthConfig = () => api<AuthConfig>("/api/auth/config", { anonymous: true });

export const devSignIn = (persona: string) =>
  api<{ token: string; principal: Principal }>("/api/auth/dev-signin", {
    method: "POST",
    body: { persona },
    anonymous: true,
  });

export const getMe = () => api<Principal>("/api/me");

export const listOrganisations = (signal?: AbortSignal) =>
  api<{ items: Organisation[] }>("/api/directory/organisations", { signal });

export const getOrganisation = (id: string, signal?: AbortSignal) =>
  api<{ organisation: Organisation; entries: Entry[] }>(`/api/directory/organisations/${enc(id)}`, {
    signal,
  });

export const searchEntries = (q: EntryQuery, signal?: AbortSignal) =>
  api<{ items: Entry[]; total: number }>(
    `/api/directory/entries${query({ ...q } as Record<string, string | undefined>)}`,
    { signal },
  );

export const createEntry = (orgId: string, fields: EntryFields) =>
  api<{ entry: Entry }>("/api/directory/entries", { method: "POST", body: { orgId, ...fields } });

export const updateEntry = (orgId: string, id: string, fields: EntryFields, etag: string) =>
  api<{ entry: Entry }>(`/api/directory/entries/${enc(orgId)}/${enc(id)}`, {
    method: "PUT",
    body: fields,
    etag,
  });

export const deleteEntry = (orgId: string, id: string, etag: string) =>
  api<void>(`/api/directory/entries/${enc(orgId)}/${enc(id)}`, { method: "DELETE", etag });

export const entryHistory = (orgId: string, id: string) =>
  api<{ items: HistoryItem[] }>(`/api/directory/entries/${enc(orgId)}/${enc(id)}/history`);

export const listPending = () => api<{ items: Entry[] }>("/api/directory/moderation");

export const moderate = (entry: Entry, verdict: "approve" | "reject", reason?: string) =>
  api<{ entry: Entry }>(`/api/directory/entries/${enc(entry.orgId)}/${enc(entry.id)}/${verdict}`, {
    method: "POST",
    body: reason ? { reason } : {},
    etag: entry.etag,
  });

/** Finds one entry (the API has no single-entry GET): from its organisation's listing. */
export async function getEntry(
  orgId: string,
  id: string,
): Promise<{ organisation: Organisation; entry?: Entry; entries: Entry[] }> {
  const { organisation, entries } = await getOrganisation(orgId);
  return { organisation, entry: entries.find((e) => e.id === id), entries };
}
