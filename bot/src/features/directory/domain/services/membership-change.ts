import { AlreadyExistsError, StaleWriteError } from "../../../../platform/errors";
import type { Actor, Membership } from "../types";
import { audit, type DirectoryContext } from "./context";

/** Audit partition for membership changes (not an organisation id: ids never start with `_`). */
export const MEMBERSHIP_AUDIT_ORG = "_memberships";
/** Rounds of read–decide–write when other coordinators keep winning (each round is one read). */
const ATTEMPTS = 10;

/**
 * Read–decide–write of one membership row against the store, never a cache: `decide` gets the
 * stored membership and returns the next one (undefined: remove it). The write is conditional
 * on the row read (create when absent, replace/delete by ETag); when another write — on any
 * instance — got there first, the row is read again and `decide` runs on it, so concurrent
 * grants and revokes compose instead of the last one silently undoing the others. `decide` may
 * throw (e.g. NotFound) to refuse. Writes one audit row; returns the stored membership.
 */
export async function changeMembership(
  ctx: DirectoryContext,
  tenantId: string,
  userId: string,
  decide: (current: Membership | undefined) => Membership | undefined,
  actor: Actor,
): Promise<Membership | undefined> {
  const { stores, readModel } = ctx;
  for (let attempt = 1; ; attempt++) {
    const row = await stores.memberships.get(tenantId, userId);
    const before = row?.membership;
    const after = decide(before);
    if (!before && !after) return undefined;
    try {
      if (after) await stores.memberships.write(tenantId, after, row?.etag);
      else await stores.memberships.remove(tenantId, userId, row!.etag);
    } catch (err) {
      const lost = err instanceof StaleWriteError || err instanceof AlreadyExistsError;
      if (lost && attempt < ATTEMPTS) continue;
      throw err;
    }
    if (after) readModel.putMembership(tenantId, after);
    else readModel.removeMembership(tenantId, userId);
    await audit(ctx, tenantId, [
      {
        orgId: MEMBERSHIP_AUDIT_ORG,
        at: after?.updatedAt ?? ctx.now().toISOString(),
        by: actor,
        action: after ? (before ? "update" : "create") : "delete",
        entity: "membership",
        entityId: userId,
        ...(before ? { before } : {}),
        ...(after ? { after } : {}),
      },
    ]);
    return after;
  }
}
