import type { OrganisationView } from "@dialogi/contracts";
import { api } from "./client";
import { takeArrived } from "./early-requests";
import { i18next } from "../i18n";
import { markSortedByName } from "../lib/format";

let organisations: Promise<OrganisationView[]> | undefined;
/** The list `organisations` resolved with (undefined while it is loading). */
let resolved: OrganisationView[] | undefined;

const ORGANISATIONS_PATH = "/api/directory/organisations";

/** The organisations, sorted by name in the UI language (the server sorts them in the request's). */
export async function listOrganisations(signal?: AbortSignal): Promise<{ items: OrganisationView[] }> {
  const lang = i18next.language || "fi";
  const result = await api<{ items: OrganisationView[] }>(ORGANISATIONS_PATH, { signal });
  markSortedByName(result.items, lang);
  return result;
}

/**
 * The organisation list, fetched once and shared by the views (names for search results, the
 * editor's organisation choice). `refresh` after a change that alters counts.
 */
export function loadOrganisations(refresh = false): Promise<OrganisationView[]> {
  if (!organisations || refresh) {
    resolved = undefined;
    const loading = listOrganisations().then((r) => r.items);
    organisations = loading;
    loading.then(
      (list) => {
        if (organisations === loading) resolved = list;
      },
      () => {
        if (organisations === loading) organisations = undefined; // a failure is retried next time
      },
    );
  }
  return organisations;
}

/**
 * The organisation list if it is already at hand (loaded before, or arrived with the first
 * requests of the page), without waiting; undefined otherwise.
 */
export function peekOrganisations(): OrganisationView[] | undefined {
  if (organisations) return resolved;
  const lang = i18next.language || "fi";
  const early = takeArrived<{ items: OrganisationView[] }>(ORGANISATIONS_PATH, lang)?.items;
  if (early) {
    markSortedByName(early, lang);
    organisations = Promise.resolve(early);
    resolved = early;
  }
  return early;
}

/** Forgets cached data after a write. */
export function invalidateDirectory(): void {
  organisations = undefined;
  resolved = undefined;
}
