import type { GrantResult, MembershipView } from "@dialogi/contracts";
import { NotFoundError } from "../../../../../platform/errors";
import { FieldChecker } from "../../../../../platform/validation/field-checker";
import type { Identity } from "../../roles";
import type { Membership, Principal } from "../../types";
import { checkId } from "../../validation/entry-input";
import { LIMITS } from "../../validation/limits";
import { actorOf, type DirectoryContext } from "../context";
import {
  membershipView,
  PENDING_PREFIX,
  requireCoordinator,
  type AdminBase,
  type AdminOptions,
} from "./shared";

const EMAIL = /^[^\s@:/\\#?]{1,64}@[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;
const OBJECT_ID = /^[a-z0-9][a-z0-9._+-]{0,199}$/;

/**
 * Grants by e-mail or object id (resolved through Microsoft Graph when configured, else kept
 * pending by e-mail and bound at the person's first sign-in) and revocation per organisation.
 */
export function createGrantService(ctx: DirectoryContext, base: AdminBase, options: AdminOptions) {
  const { saveMembership, addOrg, checkOrg } = base;
  return {
    /**
     * Grants `user` (an e-mail address/UPN or an object id) staff rights to an organisation.
     * An e-mail is looked up in Microsoft Graph when configured; otherwise (or when Graph does
     * not know it) the grant is kept under the address and bound at first sign-in.
     */
    async grant(p: Principal, body: unknown): Promise<GrantResult> {
      requireCoordinator(p);
      const c = new FieldChecker();
      const b = c.object("body", body) ?? {};
      c.knownKeys("", b, ["user", "orgId", "name"]);
      const raw = c.line("user", b.user, { required: true, max: 254 })?.toLowerCase();
      const orgId = await checkOrg(c, p.tenantId, b.orgId);
      const name = c.line("name", b.name, { max: LIMITS.membershipName });
      const isEmail = raw !== undefined && raw.includes("@");
      if (raw !== undefined && (isEmail ? !EMAIL.test(raw) : !OBJECT_ID.test(raw)))
        c.fail("user", "invalidEmail");
      c.throwIfAny();
      let userId = raw!;
      let resolvedBy: GrantResult["resolvedBy"] = "objectId";
      let resolvedName = name;
      if (isEmail) {
        const found = options.resolveUser ? await options.resolveUser(raw!, p.tenantId) : undefined;
        if (found && OBJECT_ID.test(found.id.toLowerCase())) {
          userId = found.id.toLowerCase();
          resolvedBy = "graph";
          resolvedName ??= found.name;
        } else {
          userId = `${PENDING_PREFIX}${raw}`;
          resolvedBy = "pending";
        }
      }
      const membership = (await addOrg(p, userId, orgId!, resolvedName))!;
      return {
        membership: membershipView(membership),
        status: resolvedBy === "pending" ? "pending" : "granted",
        resolvedBy,
      };
    },

    /** Removes one organisation from a person's (or a pending e-mail grant's) rights. */
    async revoke(p: Principal, body: unknown): Promise<MembershipView | undefined> {
      requireCoordinator(p);
      const c = new FieldChecker();
      const b = c.object("body", body) ?? {};
      c.knownKeys("", b, ["userId", "orgId"]);
      const userId = c.line("userId", b.userId, { required: true, max: 260 })?.toLowerCase();
      const orgId = checkId(c, "orgId", b.orgId, "org");
      c.throwIfAny();
      // Decided on the stored row (not the snapshot): a grant made meanwhile on another
      // instance is kept, and a membership that is gone there answers 404 here too.
      const without = (current: Membership | undefined) => {
        if (!current || !current.orgIds.includes(orgId!)) throw new NotFoundError("membership");
        return current.orgIds.filter((o) => o !== orgId);
      };
      const after = await saveMembership(
        { tenantId: p.tenantId, actor: actorOf(p) },
        userId!,
        without,
        undefined,
      );
      return after && membershipView(after);
    },

    /**
     * At sign-in: a proven member of the tenant whose verified UPN has a pending grant gets it
     * moved to their object id (guests and unverified e-mail claims never bind). Returns true
     * when something was bound.
     */
    async bindPending(identity: Identity, fromStore: boolean): Promise<boolean> {
      const upn = identity.member?.upn;
      if (!upn) return false;
      const pendingId = `${PENDING_PREFIX}${upn}`;
      // Reads look in the snapshot (no store round trip per search); writes in the store.
      const pending = fromStore
        ? (await ctx.stores.memberships.get(identity.tenantId, pendingId))?.membership
        : (await ctx.readModel.snapshot(identity.tenantId)).memberships.get(pendingId);
      if (!pending) return false;
      const userId = identity.userId.toLowerCase();
      const system = { tenantId: identity.tenantId, actor: { userId, name: identity.name } };
      // Own rights first, then the pending row: an interruption leaves a grant twice, never none.
      const merged = (own: Membership | undefined) => [...(own?.orgIds ?? []), ...pending.orgIds];
      await saveMembership(system, userId, merged, pending.name ?? identity.name);
      await saveMembership(system, pendingId, () => [], undefined);
      return true;
    },
  };
}
