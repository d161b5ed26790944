import type { OrganisationView } from "@dialogi/contracts";
import { api } from "./client";

let organisations: Promise<OrganisationView[]> | undefined;

export const listOrganisations = (signal?: AbortSignal) =>
  api<{ items: OrganisationView[] }>("/api/directory/organisations", { signal });

/**
 * The organisation list, fetched once and shared by the views (names for search results, the
 * editor's organisation choice). `refresh` after a change that alters counts.
 */
export function loadOrganisations(refresh = false): Promise<OrganisationView[]> {
  if (!organisations || refresh) {
    organisations = listOrganisations().then((r) => r.items);
    organisations.catch(() => {
      organisations = undefined; // a failure is retried next time
    });
  }
  return organisations;
}

/** Forgets cached data after a write. */
export function invalidateDirectory(): void {
  organisations = undefined;
}
