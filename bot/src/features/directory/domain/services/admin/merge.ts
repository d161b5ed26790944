import type { MergeResult } from "@dialogi/contracts";
import { ValidationError } from "../../../../../platform/errors";
import { FieldChecker } from "../../../../../platform/validation/field-checker";
import type { NewEntry } from "../../ports";
import type { Membership, Principal } from "../../types";
import { actorOf, audit, auditView, type DirectoryContext } from "../context";
import { requestId, requireCoordinator, type AdminBase } from "./shared";

/** Merging one organisation into another (coordinators). */
export function createMergeService(ctx: DirectoryContext, base: AdminBase) {
  const { stores, readModel } = ctx;
  const { saveMembership, checkOrg } = base;
  return {
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
      // From the store, not the snapshot: a grant made a moment ago on another instance moves too.
      for (const m of await stores.memberships.list(tenantId)) {
        if (!m.orgIds.includes(fromId!)) continue;
        // Applied to the stored row: a grant made meanwhile on another instance stays.
        const moveOrg = (current: Membership | undefined) =>
          (current?.orgIds ?? []).map((o) => (o === fromId ? into! : o));
        await saveMembership({ tenantId, actor: actorOf(p) }, m.userId, moveOrg, undefined);
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
