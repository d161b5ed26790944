import { graphFailure, type GraphClient } from "./graph-client";

/** A directory user as `GET /users/{id | userPrincipalName}?$select=id,displayName` returns it. */
export interface GraphUser {
  id: string;
  displayName?: string;
}

/**
 * Looks a person up in the directory Graph reads, by object id or UPN/e-mail (User.Read.All).
 * Unknown people answer undefined; every other failure is thrown, so callers choose between
 * "keep it pending" and "tell the user" rather than mistaking an outage for "no such person".
 */
export async function findGraphUser(graph: GraphClient, idOrUpn: string): Promise<GraphUser | undefined> {
  try {
    const user = (await graph
      .api(`/users/${encodeURIComponent(idOrUpn)}`)
      .select("id,displayName")
      .get()) as { id?: string; displayName?: string } | undefined;
    if (!user?.id) return undefined;
    return { id: user.id, ...(user.displayName ? { displayName: user.displayName } : {}) };
  } catch (err) {
    if (graphFailure(err) === "notFound") return undefined;
    throw err;
  }
}
