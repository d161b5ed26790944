import type { GraphClient } from "../../../platform/graph/graph-client";
import { findGraphUser } from "../../../platform/graph/user-lookup";
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
      const user = await findGraphUser(graph, emailOrId);
      return user && { aadId: user.id, name: user.displayName ?? "" };
    },
  };
}
