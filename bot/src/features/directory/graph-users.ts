import type { UserResolver } from "./domain/ports";
import { graphFailure, type GraphClient as Client } from "../../platform/graph/graph-client";
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
      const user = (await graph
        .api(`/users/${encodeURIComponent(email)}`)
        .select("id,displayName")
        .get()) as { id?: string; displayName?: string };
      return user?.id ? { id: user.id, ...(user.displayName ? { name: user.displayName } : {}) } : undefined;
    } catch (err) {
      const failure = graphFailure(err);
      if (failure !== "notFound") logger.warn("graph user lookup failed", { failure });
      return undefined;
    }
  };
}
