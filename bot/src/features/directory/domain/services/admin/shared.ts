import { createHash } from "node:crypto";
import type { MembershipView } from "@dialogi/contracts";
import { ForbiddenError } from "../../../../../platform/errors";
import type { FieldChecker } from "../../../../../platform/validation/field-checker";
import type { DirectoryNotifier, UserResolver } from "../../ports";
import type { Membership, Principal } from "../../types";
import { checkId } from "../../validation/entry-input";
import { actorOf, type DirectoryContext } from "../context";
import { changeMembership } from "../membership-change";

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
 * What grants, access requests and merges share: changing memberships (read from the store and
 * written back ETag-conditionally, with audit rows and the read model kept current) and
 * checking an organisation id against the directory.
 */
export function createAdminBase(ctx: DirectoryContext) {
  const { readModel } = ctx;

  /**
   * Changes a person's (or a pending grant's) organisations: `edit` gets the stored membership
   * and returns the organisations it should have (an empty list removes the membership). The
   * row is read from the store and written back only if unchanged since (ETag); when another
   * coordinator's change won meanwhile — on any instance — it is read again and `edit` applied
   * to that, so two grants at once both stay.
   */
  async function saveMembership(
    p: { tenantId: string; actor: { userId: string; name: string } },
    userId: string,
    edit: (current: Membership | undefined) => string[],
    name: string | undefined,
  ): Promise<Membership | undefined> {
    return changeMembership(
      ctx,
      p.tenantId,
      userId,
      (before) => {
        const orgIds = edit(before);
        if (orgIds.length === 0) return undefined;
        return {
          userId,
          orgIds: [...new Set(orgIds)].sort(),
          ...((name ?? before?.name) ? { name: name ?? before?.name } : {}),
          updatedAt: ctx.now().toISOString(),
          updatedBy: p.actor.name,
        };
      },
      p.actor,
    );
  }

  /** Adds an organisation to a person's (or a pending grant's) rights. */
  async function addOrg(p: Principal, userId: string, orgId: string, name?: string) {
    const add = (current: Membership | undefined) => [...(current?.orgIds ?? []), orgId];
    return saveMembership({ tenantId: p.tenantId, actor: actorOf(p) }, userId, add, name);
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
