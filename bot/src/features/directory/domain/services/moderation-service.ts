import { ForbiddenError, NotFoundError } from "../../../../platform/errors";
import type { Entry, Principal } from "../types";
import { FieldChecker } from "../../../../platform/validation/field-checker";
import { LIMITS } from "../validation/limits";
import { actorOf, audit, auditView, whenCurrent, type DirectoryContext } from "./context";
import { checkTarget } from "./entry-service";

/**
 * Review of entries of organisations that require it: coordinators see the pending queue and
 * approve (publish) or reject (with an optional reason shown to the authors).
 */
export function createModerationService(ctx: DirectoryContext) {
  const { stores, readModel } = ctx;

  const requireCoordinator = (p: Principal) => {
    if (!p.coordinator) throw new ForbiddenError("coordinators only");
  };

  async function decide(
    p: Principal,
    rawOrgId: unknown,
    rawId: unknown,
    decision: "approve" | "reject",
    body: unknown,
    ifMatch: unknown,
  ): Promise<Entry> {
    requireCoordinator(p);
    // If-Match is optional here: when given, the decision applies only to the version reviewed.
    const { orgId, id, etag: given } = checkTarget(rawOrgId, rawId, ifMatch, false);
    const c = new FieldChecker();
    const b = c.object("body", body ?? {}) ?? {};
    c.knownKeys("", b, ["reason"]);
    const reason = c.text("reason", b.reason, { max: LIMITS.moderationNote });
    c.throwIfAny();

    const current = await stores.entries.get(p.tenantId, orgId, id);
    if (!current) throw new NotFoundError("entry");
    const { moderationNote: _old, ...rest } = current;
    const next = {
      ...rest,
      status: decision === "approve" ? ("published" as const) : ("rejected" as const),
      ...(decision === "reject" && reason ? { moderationNote: reason } : {}),
      updatedAt: ctx.now().toISOString(),
      updatedBy: p.name,
    };
    const etag = given ?? current.etag;
    const saved = await whenCurrent(
      () => stores.entries.replace(p.tenantId, next, etag),
      () => stores.entries.get(p.tenantId, orgId, id),
    );
    readModel.putEntry(p.tenantId, saved);
    await audit(ctx, p.tenantId, [
      {
        orgId,
        at: next.updatedAt,
        by: actorOf(p),
        action: decision,
        entity: "entry",
        entityId: id,
        before: auditView(current),
        after: auditView(saved),
      },
    ]);
    return saved;
  }

  return {
    /** Pending entries, oldest change first. */
    async queue(p: Principal): Promise<Entry[]> {
      requireCoordinator(p);
      const s = await readModel.snapshot(p.tenantId);
      return [...s.entries.values()]
        .filter((e) => e.status === "pending")
        .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
    },
    approve: (p: Principal, orgId: unknown, id: unknown, body: unknown, ifMatch: unknown) =>
      decide(p, orgId, id, "approve", body, ifMatch),
    reject: (p: Principal, orgId: unknown, id: unknown, body: unknown, ifMatch: unknown) =>
      decide(p, orgId, id, "reject", body, ifMatch),
  };
}

/** The moderation service's interface. */
export type ModerationService = ReturnType<typeof createModerationService>;
