import type { Entry, EntryFields, EntryQuery, HistoryItem, OrganisationView } from "@dialogi/contracts";
import { api, query } from "../../platform/api/client";

const enc = encodeURIComponent;

export const getOrganisation = (id: string, signal?: AbortSignal) =>
  api<{ organisation: OrganisationView; entries: Entry[] }>(`/api/directory/organisations/${enc(id)}`, {
    signal,
  });

export const searchEntries = (q: EntryQuery, signal?: AbortSignal) =>
  api<{ items: Entry[]; total: number }>(`/api/directory/entries${query({ ...q })}`, { signal });

export const createEntry = (orgId: string, fields: EntryFields) =>
  api<{ entry: Entry }>("/api/directory/entries", { method: "POST", body: { orgId, ...fields } });

export const updateEntry = (orgId: string, id: string, fields: EntryFields, etag: string) =>
  api<{ entry: Entry }>(`/api/directory/entries/${enc(orgId)}/${enc(id)}`, {
    method: "PUT",
    body: fields,
    etag,
  });

/** Deletes an entry; resolves with the entry when the deletion waits for review (202). */
export const deleteEntry = (orgId: string, id: string, etag: string) =>
  api<{ entry: Entry } | undefined>(`/api/directory/entries/${enc(orgId)}/${enc(id)}`, {
    method: "DELETE",
    etag,
  });

export const entryHistory = (orgId: string, id: string) =>
  api<{ items: HistoryItem[] }>(`/api/directory/entries/${enc(orgId)}/${enc(id)}/history`);
