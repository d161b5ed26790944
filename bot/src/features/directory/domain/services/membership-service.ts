import { ForbiddenError, NotFoundError } from "../../../../platform/errors";
import { hasKeyIllegalChars } from "../../../../platform/text/text-rules";
import type { Membership, Principal } from "../types";
import { FieldChecker } from "../../../../platform/validation/field-checker";
import { LIMITS } from "../validation/limits";
import { actorOf, audit, type DirectoryContext } from "./context";

/** Audit partition for membership changes (not an organisation id: ids never start with `_`). */
export const MEMBERSHIP_AUDIT_ORG = "_memberships";
/** An Entra object id (e-mail addresses are mutable and grant nothing). */
const USER_ID = /^[a-z0-9][a-z0-9._+-]{0,199}$/;

function checkUserId(c: FieldChecker, raw: unknown): string | undefined {
  if (typeof raw !== "string" || raw === "") return c.fail("userId", "required");
  if (hasKeyIllegalChars(raw)) return c.fail("userId", "invalidChars");
  const id = raw.trim().toLowerCase();
  if (id.includes("@")) return c.fail("userId", "emailNotId");
  return USER_ID.test(id) ? id : c.fail("userId", "invalidId");
}

/** Staff memberships (coordinators only): who may edit which organisations' entries. */
export function createMembershipService(ctx: DirectoryContext) {
  const { stores, readModel } = ctx;
  const requireCoordinator = (p: Principal) => {
    if (!p.coordinator) throw new ForbiddenError("coordinators only");
  };

  /** Sets a user's organisations (replaces the list; an empty list removes the membership). */
  async function put(p: Principal, rawUserId: unknown, body: unknown): Promise<Membership | undefined> {
    requireCoordinator(p);
    const c = new FieldChecker();
    const userId = checkUserId(c, rawUserId);
    const b = c.object("body", body) ?? {};
    c.knownKeys("", b, ["orgIds", "name"], ["userId", "updatedAt", "updatedBy"]);
    const s = await readModel.snapshot(p.tenantId);
    const orgIds = c.list("orgIds", b.orgIds, { maxItems: LIMITS.membershipOrgs, maxLength: 64 });
    if (b.orgIds === undefined) c.fail("orgIds", "required");
    orgIds.forEach((id, i) => {
      if (!s.orgs.has(id)) c.fail(`orgIds.${i}`, "unknownOrg");
    });
    const name = c.line("name", b.name, { max: LIMITS.membershipName });
    c.throwIfAny();

    const before = s.memberships.get(userId!);
    const now = ctx.now().toISOString();
    let after: Membership | undefined;
    if (orgIds.length === 0) {
      await stores.memberships.delete(p.tenantId, userId!);
      readModel.removeMembership(p.tenantId, userId!);
    } else {
      after = {
        userId: userId!,
        orgIds: [...orgIds].sort(),
        ...(name ? { name } : {}),
        updatedAt: now,
        updatedBy: p.name,
      };
      await stores.memberships.put(p.tenantId, after);
      readModel.putMembership(p.tenantId, after);
    }
    await audit(ctx, p.tenantId, [
      {
        orgId: MEMBERSHIP_AUDIT_ORG,
        at: now,
        by: actorOf(p),
        action: after ? (before ? "update" : "create") : "delete",
        entity: "membership",
        entityId: userId!,
        ...(before ? { before } : {}),
        ...(after ? { after } : {}),
      },
    ]);
    return after;
  }

  return {
    put,
    /** Memberships and the configured email-domain rules (read-only here). */
    async list(p: Principal): Promise<{ items: Membership[]; domainRules: Record<string, string> }> {
      requireCoordinator(p);
      const s = await readModel.snapshot(p.tenantId);
      const items = [...s.memberships.values()].sort((a, b) => a.userId.localeCompare(b.userId));
      return { items, domainRules: { ...ctx.policy.membershipDomainRules } };
    },

    async remove(p: Principal, rawUserId: unknown): Promise<void> {
      requireCoordinator(p);
      const c = new FieldChecker();
      const userId = checkUserId(c, rawUserId);
      c.throwIfAny();
      const s = await readModel.snapshot(p.tenantId);
      if (!s.memberships.has(userId!)) throw new NotFoundError("membership");
      await put(p, userId, { orgIds: [] });
    },
  };
}

/** The membership service's interface. */
export type MembershipService = ReturnType<typeof createMembershipService>;
