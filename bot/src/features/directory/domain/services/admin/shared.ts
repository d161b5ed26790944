import { createHash } from "node:crypto";
import type { MembershipView } from "@dialogi/contracts";
import { ForbiddenError } from "../../../../../platform/errors";
import type { FieldChecker } from "../../../../../platform/validation/field-checker";
import type { DirectoryNotifier, UserResolver } from "../../ports";
import type { Membership, Principal } from "../../types";
import { checkId } from "../../validation/entry-input";
import { actorOf, audit, type DirectoryContext } from "../context";
import { MEMBERSHIP_AUDIT_ORG } from "../membership-service";

/** Key prefix of a grant stored by e-mail until the person's first sign-in. */
export const PENDING_PREFIX = "email:";
/** Audit partition of access requests. */
export const REQUEST_AUDIT_ORG = "_requests";

/** What the administration needs besides the stores. */
export interface AdminOptions {
  notifier?: DirectoryNotifier;
  resolveUser?: UserResolver;
}

/** The membership as the admin view shows it. */
export function membershipView(m: Membership): MembershipView {
  const pending = m.userId.startsWith(PENDING_PREFIX);
  return { ...m, ...(pending ? { pending: true, email: m.userId.slice(PENDING_PREFIX.length) } : {}) };
}

/** An access request's id: one open request per person and organisation. */
export const requestId = (userId: string, orgId: string) =>
  createHash("sha256").update(`${userId.toLowerCase()}\n${orgId}`).digest("hex").slice(0, 24);

/** Refuses everyone but coordinators. */
export function requireCoordinator(p: Principal): void {
  if (!p.coordinator) throw new ForbiddenError("coordinators only");
}

/**
 * What grants, access requests and merges share: writing memberships (with audit rows and the
 * read model kept current) and checking an organisation id against the directory.
 */
export function createAdminBase(ctx: DirectoryContext) {
  const { stores, readModel } = ctx;

  /** Writes a membership (or removes it when it has no organisations left) with an audit row. */
  async function saveMembership(
    p: { tenantId: string; actor: { userId: string; name: string } },
    userId: string,
    orgIds: string[],
    name: string | undefined,
  ): Promise<Membership | undefined> {
    const s = await readModel.snapshot(p.tenantId);
    const before = s.memberships.get(userId);
    const now = ctx.now().toISOString();
    let after: Membership | undefined;
    if (orgIds.length === 0) {
      await stores.memberships.delete(p.tenantId, userId);
      readModel.removeMembership(p.tenantId, userId);
    } else {
      after = {
        userId,
        orgIds: [...new Set(orgIds)].sort(),
        ...((name ?? before?.name) ? { name: name ?? before?.name } : {}),
        updatedAt: now,
        updatedBy: p.actor.name,
      };
      await stores.memberships.put(p.tenantId, after);
      readModel.putMembership(p.tenantId, after);
    }
    await audit(ctx, p.tenantId, [
      {
        orgId: MEMBERSHIP_AUDIT_ORG,
        at: now,
        by: p.actor,
        action: after ? (before ? "update" : "create") : "delete",
        entity: "membership",
        entityId: userId,
        ...(before ? { before } : {}),
        ...(after ? { after } : {}),
      },
    ]);
    return after;
  }

  /** Adds an organisation to a person's (or a pending grant's) rights. */
  async function addOrg(p: Principal, userId: string, orgId: string, name?: string) {
    const s = await readModel.snapshot(p.tenantId);
    const current = s.memberships.get(userId)?.orgIds ?? [];
    return saveMembership({ tenantId: p.tenantId, actor: actorOf(p) }, userId, [...current, orgId], name);
  }

  /** Checks an organisation id and that the organisation exists (a field error otherwise). */
  const checkOrg = async (c: FieldChecker, tenantId: string, raw: unknown, path = "orgId") => {
    const id = checkId(c, path, raw, "org");
    if (id && !(await readModel.snapshot(tenantId)).orgs.has(id)) c.fail(path, "unknownOrg");
    return id;
  };

  return { saveMembership, addOrg, checkOrg };
}

/** The shared part of the administration services. */
export type AdminBase = ReturnType<typeof createAdminBase>;
