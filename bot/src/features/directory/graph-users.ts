import type { UserResolver } from "./domain/ports";
import { graphFailure, type GraphClient as Client } from "../../platform/graph/graph-client";
import { findGraphUser } from "../../platform/graph/user-lookup";
import type { Logger } from "../../logger";

/**
 * Finds a member's object id by e-mail/UPN: `GET /users/{upn}` (needs User.Read.All). Any
 * failure — unknown user, no permission, Graph down — answers "not found", and the grant is
 * then kept pending by e-mail until the person signs in (logged with the failure kind only).
 */
export function graphUserResolver(
  graph: Client,
  logger: Logger,
  serves: (tenantId: string) => boolean,
): UserResolver {
  return async (email, tenantId) => {
    // Graph reads one directory: another tenant's coordinator gets a pending grant, not its people.
    if (!serves(tenantId)) return undefined;
    try {
      const user = await findGraphUser(graph, email);
      return user && { id: user.id, ...(user.displayName ? { name: user.displayName } : {}) };
    } catch (err) {
      logger.warn("graph user lookup failed", { failure: graphFailure(err) });
      return undefined;
    }
  };
}
