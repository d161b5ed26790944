import { ForbiddenError, NotFoundError } from "../../../../platform/errors";
import { hasKeyIllegalChars } from "../../../../platform/text/text-rules";
import type { Membership, Principal } from "../types";
import { FieldChecker } from "../../../../platform/validation/field-checker";
import { LIMITS } from "../validation/limits";
import { actorOf, type DirectoryContext } from "./context";
import { changeMembership } from "./membership-change";

export { MEMBERSHIP_AUDIT_ORG } from "./membership-change";
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
  const { readModel } = ctx;
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

    // A coordinator sets the whole list: decided on the stored row, written by its ETag.
    return changeMembership(
      ctx,
      p.tenantId,
      userId!,
      () =>
        orgIds.length === 0
          ? undefined
          : {
              userId: userId!,
              orgIds: [...orgIds].sort(),
              ...(name ? { name } : {}),
              updatedAt: ctx.now().toISOString(),
              updatedBy: p.name,
            },
      actorOf(p),
    );
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
      // Checked against the store: the snapshot may not have another instance's grant yet.
      if (!(await ctx.stores.memberships.get(p.tenantId, userId!))) throw new NotFoundError("membership");
      await put(p, userId, { orgIds: [] });
    },
  };
}

/** The membership service's interface. */
export type MembershipService = ReturnType<typeof createMembershipService>;
