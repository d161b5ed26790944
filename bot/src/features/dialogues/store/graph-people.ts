import type { GraphClient } from "../../../platform/graph/graph-client";
import { graphFailure } from "../../../platform/graph/graph-client";
import type { PeopleLookup } from "../domain/ports";
import { NO_PEOPLE_LOOKUP } from "../domain/ports";

/**
 * {@link PeopleLookup} over Microsoft Graph `GET /users/{id | userPrincipalName}` (User.Read.All):
 * an unknown address is "no such person"; other failures propagate (the caller keeps the entry
 * pending rather than guessing).
 */
export function graphPeopleLookup(
  graph: GraphClient | undefined,
  serves: (tenantId: string) => boolean,
): PeopleLookup {
  if (!graph) return NO_PEOPLE_LOOKUP;
  return {
    available: true,
    async find(emailOrId, tenantId) {
      // Graph reads one directory: another tenant's organiser learns no names or ids from it.
      if (!serves(tenantId)) return undefined;
      try {
        const user = (await graph
          .api(`/users/${encodeURIComponent(emailOrId)}`)
          .select("id,displayName")
          .get()) as { id?: string; displayName?: string };
        return user.id ? { aadId: user.id, name: user.displayName ?? "" } : undefined;
      } catch (err) {
        if (graphFailure(err) === "notFound") return undefined;
        throw err;
      }
    },
  };
}
