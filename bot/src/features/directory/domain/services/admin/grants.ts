import type { GrantResult, MembershipView } from "@dialogi/contracts";
import { NotFoundError } from "../../../../../platform/errors";
import { FieldChecker } from "../../../../../platform/validation/field-checker";
import type { Identity } from "../../roles";
import type { Principal } from "../../types";
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
  const { readModel } = ctx;
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
      const s = await readModel.snapshot(p.tenantId);
      const current = s.memberships.get(userId!);
      if (!current || !current.orgIds.includes(orgId!)) throw new NotFoundError("membership");
      const left = current.orgIds.filter((o) => o !== orgId);
      const after = await saveMembership(
        { tenantId: p.tenantId, actor: actorOf(p) },
        userId!,
        left,
        undefined,
      );
      return after && membershipView(after);
    },

    /**
     * At sign-in: a proven member of the tenant whose verified UPN has a pending grant gets it
     * moved to their object id (guests and unverified e-mail claims never bind). Returns true
     * when something was bound.
     */
    async bindPending(identity: Identity): Promise<boolean> {
      const upn = identity.member?.upn;
      if (!upn) return false;
      const s = await readModel.snapshot(identity.tenantId);
      const pending = s.memberships.get(`${PENDING_PREFIX}${upn}`);
      if (!pending) return false;
      const userId = identity.userId.toLowerCase();
      const system = { tenantId: identity.tenantId, actor: { userId, name: identity.name } };
      const own = s.memberships.get(userId)?.orgIds ?? [];
      await saveMembership(system, userId, [...own, ...pending.orgIds], pending.name ?? identity.name);
      await saveMembership(system, pending.userId, [], undefined);
      return true;
    },
  };
}
