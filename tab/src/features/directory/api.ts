import type {
  DirectoryFacets,
  Entry,
  EntryFields,
  EntryQuery,
  HistoryItem,
  OrganisationView,
} from "@dialogi/contracts";
import { api, query } from "../../platform/api/client";
import { takeArrived } from "../../platform/api/early-requests";
import { i18next } from "../../platform/i18n";

const enc = encodeURIComponent;

export const getOrganisation = (id: string, signal?: AbortSignal) =>
  api<{ organisation: OrganisationView; entries: Entry[] }>(`/api/directory/organisations/${enc(id)}`, {
    signal,
  });

export const searchEntries = (q: EntryQuery, signal?: AbortSignal) =>
  api<{ items: Entry[]; total: number }>(`/api/directory/entries${query({ ...q })}`, { signal });

const FACETS_PATH = "/api/directory/facets";

/** The directory's filter choices (themes, years) from every entry the caller can see. */
export const getFacets = (signal?: AbortSignal) => api<DirectoryFacets>(FACETS_PATH, { signal });

/** The facets, if they arrived with the page's first requests. */
export const arrivedFacets = () => takeArrived<DirectoryFacets>(FACETS_PATH, i18next.language || "fi");

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
