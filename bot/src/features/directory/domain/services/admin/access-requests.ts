import type { AccessRequest } from "@dialogi/contracts";
import { NotFoundError, ValidationError } from "../../../../../platform/errors";
import { FieldChecker } from "../../../../../platform/validation/field-checker";
import type { Principal } from "../../types";
import { LIMITS } from "../../validation/limits";
import { actorOf, audit, type DirectoryContext } from "../context";
import {
  REQUEST_AUDIT_ORG,
  requestId,
  requireCoordinator,
  type AdminBase,
  type AdminOptions,
} from "./shared";

/**
 * Open access requests one person may have at a time: enough to ask for every organisation one
 * works with, few enough that one account cannot fill the coordinators' queue.
 */
export const MAX_OPEN_REQUESTS = 5;

/** The access-request queue: staff ask from the tab; a coordinator approves or declines; the bot tells the requester. */
export function createAccessRequestService(ctx: DirectoryContext, base: AdminBase, options: AdminOptions) {
  const { stores, readModel } = ctx;
  const { addOrg, checkOrg } = base;

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
  };
}
