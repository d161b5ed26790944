import { LRUCache } from "lru-cache";
import { errorFields, type Logger } from "../../logger";
import { graphFailure, graphStatus, type GraphClient } from "../graph/graph-client";

/** The app role's value in tokens (`infra/aad.manifest.json`); the bot's look-up grants it. */
export const COORDINATOR_APP_ROLE = "Dialogi.Coordinator";

/** Whether a person holds an app role, for the bot (whose activities carry no token claims). */
export interface AppRoleLookup {
  /** True only when Entra says so; false when it does not, or when Graph cannot tell (fail closed). */
  holds(userId: string): Promise<boolean>;
}

/** No look-up configured: nobody holds the role through it. */
export const NO_APP_ROLE_LOOKUP: AppRoleLookup = { holds: async () => false };

/** Options of {@link createGraphAppRoleLookup}. */
export interface GraphAppRoleOptions {
  graph: GraphClient;
  logger: Logger;
  /** Object id of the service principal that defines the role (Graph's `resourceId`). */
  resourceId: string;
  /** Id of the app role. */
  appRoleId: string;
  /** How long assignments and answers are reused. Default 5 minutes. */
  ttlMs?: number;
}

interface Holders {
  users: Set<string>;
  groups: string[];
}

/**
 * A nextLink as a path under the client's own endpoint: the token never follows a link to another
 * host, and the client (which only strips `https://` hosts) gets the same form for every cloud.
 */
function relativeLink(link: string): string | undefined {
  try {
    const u = new URL(link);
    return u.pathname.replace(/^\/v1\.0(?=\/)/, "") + u.search;
  } catch {
    return undefined;
  }
}

/** checkMemberGroups takes at most 20 group ids per request (Graph's documented limit). */
const GROUPS_PER_CHECK = 20;
/** Pages of assignments read at most (999 each). */
const MAX_PAGES = 20;

/**
 * The app role as Entra assigns it, read through Graph with application permissions:
 * `GET /servicePrincipals/{resourceId}/appRoleAssignedTo` lists the users and groups assigned the
 * role (cached for the TTL); a person holds it when assigned directly or when
 * `POST /users/{id}/checkMemberGroups` (transitive) finds them in an assigned group. Answers are
 * cached per person in memory (an LRU with the same TTL), so a revoked role ends within it.
 * Object ids only: no e-mail or name is ever compared. Any Graph failure answers false and is
 * logged with its status (never cached, so the next command asks again).
 */
export function createGraphAppRoleLookup(options: GraphAppRoleOptions): AppRoleLookup {
  const ttl = options.ttlMs ?? 5 * 60_000;
  const roleId = options.appRoleId.toLowerCase();

  async function readHolders(): Promise<Holders> {
    const users = new Set<string>();
    const groups = new Set<string>();
    let next: string | undefined =
      `/servicePrincipals/${encodeURIComponent(options.resourceId)}/appRoleAssignedTo` +
      "?$select=principalId,principalType,appRoleId&$top=999";
    for (let page = 0; next && page < MAX_PAGES; page++) {
      const res = (await options.graph.api(next).get()) as {
        value?: { principalId?: string; principalType?: string; appRoleId?: string }[];
        "@odata.nextLink"?: string;
      };
      for (const a of res.value ?? []) {
        if (a.appRoleId?.toLowerCase() !== roleId || !a.principalId) continue;
        if (a.principalType === "User") users.add(a.principalId.toLowerCase());
        if (a.principalType === "Group") groups.add(a.principalId.toLowerCase());
      }
      next = res["@odata.nextLink"] && relativeLink(res["@odata.nextLink"]);
    }
    return { users, groups: [...groups] };
  }

  const holders = new LRUCache<"holders", Holders>({ max: 1, ttl, fetchMethod: readHolders });

  async function inGroups(userId: string, groups: string[]): Promise<boolean> {
    for (let i = 0; i < groups.length; i += GROUPS_PER_CHECK) {
      const res = (await options.graph
        .api(`/users/${encodeURIComponent(userId)}/checkMemberGroups`)
        .post({ groupIds: groups.slice(i, i + GROUPS_PER_CHECK) })) as { value?: string[] };
      if (res.value?.length) return true;
    }
    return false;
  }

  const answers = new LRUCache<string, { holds: boolean }>({
    max: 5000,
    ttl,
    fetchMethod: async (userId) => {
      const h = (await holders.fetch("holders"))!;
      if (h.users.has(userId)) return { holds: true };
      try {
        return { holds: h.groups.length > 0 && (await inGroups(userId, h.groups)) };
      } catch (err) {
        // Someone Graph does not know (another tenant's user, a deleted account) holds nothing.
        if (graphFailure(err) === "notFound") return { holds: false };
        throw err;
      }
    },
  });

  return {
    async holds(userId) {
      if (!userId) return false;
      try {
        return (await answers.fetch(userId.toLowerCase()))?.holds === true;
      } catch (err) {
        options.logger.warn("app role not read from Graph; treated as not held", {
          status: graphStatus(err),
          failure: graphFailure(err),
          ...errorFields(err),
        });
        return false;
      }
    },
  };
}
