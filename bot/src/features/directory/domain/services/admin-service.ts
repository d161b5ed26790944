import { createHash } from "node:crypto";
import type { AccessRequest, GrantResult, MembershipView, MergeResult } from "@dialogi/contracts";
import { ForbiddenError, NotFoundError, ValidationError } from "../../../../platform/errors";
import { FieldChecker } from "../../../../platform/validation/field-checker";
import type { DirectoryNotifier, NewEntry, UserResolver } from "../ports";
import type { Identity } from "../roles";
import type { Membership, Principal } from "../types";
import { checkId } from "../validation/entry-input";
import { LIMITS } from "../validation/limits";
import { actorOf, audit, auditView, type DirectoryContext } from "./context";
import { MEMBERSHIP_AUDIT_ORG } from "./membership-service";

/** Key prefix of a grant stored by e-mail until the person's first sign-in. */
export const PENDING_PREFIX = "email:";
/** Audit partition of access requests. */
export const REQUEST_AUDIT_ORG = "_requests";
/**
 * Open access requests one person may have at a time: enough to ask for every organisation one
 * works with, few enough that one account cannot fill the coordinators' queue.
 */
export const MAX_OPEN_REQUESTS = 5;
const EMAIL = /^[^\s@:/\\#?]{1,64}@[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;
const OBJECT_ID = /^[a-z0-9][a-z0-9._+-]{0,199}$/;

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

const requestId = (userId: string, orgId: string) =>
  createHash("sha256").update(`${userId.toLowerCase()}\n${orgId}`).digest("hex").slice(0, 24);

/**
 * Coordinators' directory administration: grants by e-mail or object id (resolved through
 * Microsoft Graph when configured, else kept pending by e-mail and bound at the person's first
 * sign-in), revocation per organisation, merging organisations, and the access-request queue
 * (staff ask from the tab; a coordinator approves or declines; the bot tells the requester).
 */
export function createAdminService(ctx: DirectoryContext, options: AdminOptions = {}) {
  const { stores, readModel } = ctx;
  const requireCoordinator = (p: Principal) => {
    if (!p.coordinator) throw new ForbiddenError("coordinators only");
  };

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

  async function addOrg(p: Principal, userId: string, orgId: string, name?: string) {
    const s = await readModel.snapshot(p.tenantId);
    const current = s.memberships.get(userId)?.orgIds ?? [];
    return saveMembership({ tenantId: p.tenantId, actor: actorOf(p) }, userId, [...current, orgId], name);
  }

  const checkOrg = async (c: FieldChecker, tenantId: string, raw: unknown, path = "orgId") => {
    const id = checkId(c, path, raw, "org");
    if (id && !(await readModel.snapshot(tenantId)).orgs.has(id)) c.fail(path, "unknownOrg");
    return id;
  };

  async function decide(p: Principal, rawId: unknown, approve: boolean) {
    requireCoordinator(p);
    const id = typeof rawId === "string" && /^[0-9a-f]{24}$/.test(rawId) ? rawId : undefined;
    const request = id ? await stores.accessRequests.get(p.tenantId, id) : undefined;
    if (!request) throw new NotFoundError("access request");
    const s = await readModel.snapshot(p.tenantId);
    const org = s.orgs.get(request.orgId);
    if (approve && org) await addOrg(p, request.userId, request.orgId, request.name);
    await stores.accessRequests.delete(p.tenantId, request.id);
    await audit(ctx, p.tenantId, [
      {
        orgId: REQUEST_AUDIT_ORG,
        at: ctx.now().toISOString(),
        by: actorOf(p),
        action: approve ? "approve" : "reject",
        entity: "accessRequest",
        entityId: request.id,
        before: request,
      },
    ]);
    const name = org ? org.names[request.language as "fi" | "sv" | "en"] || org.names.fi : request.orgId;
    const notified = options.notifier ? await options.notifier.accessDecided(request, approve, name) : false;
    return { decision: approve ? ("approved" as const) : ("declined" as const), notified };
  }

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

    /** A staff member asks for rights to an organisation (one open request per person and organisation). */
    async request(p: Principal, body: unknown, language: string): Promise<AccessRequest> {
      const c = new FieldChecker();
      const b = c.object("body", body) ?? {};
      c.knownKeys("", b, ["orgId", "note"]);
      const orgId = await checkOrg(c, p.tenantId, b.orgId);
      const note = c.line("note", b.note, { max: LIMITS.moderationNote });
      if (orgId && (p.coordinator || p.staffOf.includes(orgId))) c.fail("orgId", "alreadyStaff");
      c.throwIfAny();
      const id = requestId(p.userId, orgId!);
      const existing = await stores.accessRequests.get(p.tenantId, id);
      if (existing) return existing;
      const userId = p.userId.toLowerCase();
      const open = (await stores.accessRequests.list(p.tenantId)).filter((r) => r.userId === userId);
      if (open.length >= MAX_OPEN_REQUESTS) {
        throw new ValidationError({ orgId: { code: "tooManyRequests", params: { max: MAX_OPEN_REQUESTS } } });
      }
      const request: AccessRequest = {
        id,
        orgId: orgId!,
        userId,
        name: p.name,
        ...(p.email ? { email: p.email } : {}),
        ...(note ? { note } : {}),
        language,
        createdAt: ctx.now().toISOString(),
      };
      await stores.accessRequests.put(p.tenantId, request);
      await audit(ctx, p.tenantId, [
        {
          orgId: REQUEST_AUDIT_ORG,
          at: request.createdAt,
          by: actorOf(p),
          action: "create",
          entity: "accessRequest",
          entityId: id,
          after: request,
        },
      ]);
      return request;
    },

    /** Coordinators: every open request, with whether the bot can tell the requester. Others: their own. */
    async requests(p: Principal): Promise<AccessRequest[]> {
      const all = await stores.accessRequests.list(p.tenantId);
      const mine = p.coordinator ? all : all.filter((r) => r.userId === p.userId.toLowerCase());
      const sorted = mine.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      if (!p.coordinator) return sorted;
      return Promise.all(
        sorted.map(async (r) => ({
          ...r,
          reachable: options.notifier ? await options.notifier.reachable(r.userId) : false,
        })),
      );
    },

    approve: (p: Principal, id: unknown) => decide(p, id, true),
    decline: (p: Principal, id: unknown) => decide(p, id, false),

    /**
     * Merges organisation `rawId` into `body.into`: its entries move (same ids, new partition),
     * memberships and open requests point to the target, the source is deleted. Audited in both.
     */
    async merge(p: Principal, rawId: unknown, body: unknown): Promise<MergeResult> {
      requireCoordinator(p);
      const c = new FieldChecker();
      const fromId = await checkOrg(c, p.tenantId, rawId, "id");
      const b = c.object("body", body) ?? {};
      c.knownKeys("", b, ["into"]);
      const into = await checkOrg(c, p.tenantId, b.into, "into");
      if (fromId && into && fromId === into) c.fail("into", "sameOrg");
      c.throwIfAny();
      const tenantId = p.tenantId;
      const source = (await stores.organisations.get(tenantId, fromId!))!;
      const target = (await stores.organisations.get(tenantId, into!))!;
      const now = ctx.now().toISOString();
      const all = await stores.entries.list(tenantId);
      const moving = all.filter((e) => e.orgId === fromId);
      const taken = new Set(all.filter((e) => e.orgId === into).map((e) => e.id));
      if (moving.some((e) => taken.has(e.id))) {
        throw new ValidationError({
          into: { code: "invalidValue", params: { allowed: "no shared entry ids" } },
        });
      }
      const base = Math.max(-1, ...all.filter((e) => e.orgId === into).map((e) => e.order)) + 1;
      const moved: NewEntry[] = moving
        .sort((a, b) => a.order - b.order)
        .map(({ etag: _etag, ...e }, i) => ({
          ...e,
          orgId: into!,
          order: base + i,
          updatedAt: now,
          updatedBy: p.name,
        }));
      // Create in the target first: an interrupted merge leaves copies, never lost entries.
      if (moved.length > 0)
        await stores.entries.writeBatch(
          tenantId,
          into!,
          moved.map((value) => ({ kind: "create", value })),
        );
      for (const e of moving) await stores.entries.delete(tenantId, fromId!, e.id, e.etag);

      const s = await readModel.snapshot(tenantId);
      let movedMemberships = 0;
      for (const m of [...s.memberships.values()]) {
        if (!m.orgIds.includes(fromId!)) continue;
        const orgIds = m.orgIds.map((o) => (o === fromId ? into! : o));
        await saveMembership({ tenantId, actor: actorOf(p) }, m.userId, orgIds, undefined);
        movedMemberships++;
      }
      for (const r of await stores.accessRequests.list(tenantId)) {
        if (r.orgId !== fromId) continue;
        await stores.accessRequests.delete(tenantId, r.id);
        if (!s.memberships.get(r.userId)?.orgIds.includes(into!))
          await stores.accessRequests.put(tenantId, { ...r, id: requestId(r.userId, into!), orgId: into! });
      }
      if (target.listingMissing && moved.length > 0) {
        const { etag, ...rest } = target;
        await stores.organisations.replace(
          tenantId,
          { ...rest, listingMissing: false, updatedAt: now },
          etag,
        );
      }
      await stores.organisations.delete(tenantId, fromId!, source.etag);
      readModel.invalidate(tenantId);
      const record = { at: now, by: actorOf(p), action: "merge" as const, entity: "organisation" as const };
      await audit(ctx, tenantId, [
        {
          ...record,
          orgId: fromId!,
          entityId: fromId!,
          before: auditView(source),
          after: { mergedInto: into },
        },
        {
          ...record,
          orgId: into!,
          entityId: into!,
          after: { mergedFrom: fromId, entries: moved.map((e) => e.id) },
        },
      ]);
      return { into: into!, movedEntries: moved.length, movedMemberships };
    },
  };
}

/** The administration service's interface. */
export type AdminService = ReturnType<typeof createAdminService>;
