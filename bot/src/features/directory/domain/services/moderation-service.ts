import { ForbiddenError, NotFoundError } from "../../../../platform/errors";
import type { Entry, Principal } from "../types";
import { FieldChecker } from "../../../../platform/validation/field-checker";
import { LIMITS } from "../validation/limits";
import { actorOf, audit, auditView, whenCurrent, type DirectoryContext } from "./context";
import { checkTarget } from "./entry-service";
import { awaitsReview, entryFieldsOf, fieldChanges, withFields, type FieldChange } from "../drafts";

/** A queue item: a new entry, or an edit of a published entry and the fields it changes. */
export type ModerationItem = Entry & { kind: "new" | "edit" | "delete"; changes: FieldChange[] };

/**
 * A decision on an edit of a published entry: approving publishes the edit's fields; rejecting
 * keeps the published version and leaves the edit, with the reason, for its author to revise.
 */
function decideEdit(
  current: Entry,
  decision: "approve" | "reject",
  reason: string | undefined,
  now: string,
  by: string,
) {
  const { draft, etag: _etag, ...published } = current;
  if (decision === "approve") {
    const { moderationNote: _note, ...rest } = published;
    return { ...withFields(rest, draft!.fields), updatedAt: now, updatedBy: by };
  }
  const { moderationNote: _old, ...kept } = draft!;
  return {
    ...published,
    draft: { ...kept, status: "rejected" as const, ...(reason ? { moderationNote: reason } : {}) },
  };
}

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
    const now = ctx.now().toISOString();
    if (current.draft?.deletion && current.draft.status === "pending" && decision === "approve") {
      // An approved deletion removes the entry; the published version stayed until now.
      await whenCurrent(
        () => stores.entries.delete(p.tenantId, orgId, id, given ?? current.etag),
        () => stores.entries.get(p.tenantId, orgId, id),
      );
      readModel.removeEntry(p.tenantId, orgId, id);
      await audit(ctx, p.tenantId, [
        {
          orgId,
          at: now,
          by: actorOf(p),
          action: "delete",
          entity: "entry",
          entityId: id,
          before: auditView(current),
        },
      ]);
      return current;
    }
    const next = current.draft ? decideEdit(current, decision, reason, now, p.name) : decideNew();
    function decideNew() {
      const { moderationNote: _old, etag: _etag, draft: _draft, ...rest } = current!;
      return {
        ...rest,
        status: decision === "approve" ? ("published" as const) : ("rejected" as const),
        ...(decision === "reject" && reason ? { moderationNote: reason } : {}),
        updatedAt: now,
        updatedBy: p.name,
      };
    }
    const etag = given ?? current.etag;
    const saved = await whenCurrent(
      () => stores.entries.replace(p.tenantId, next, etag),
      () => stores.entries.get(p.tenantId, orgId, id),
    );
    readModel.putEntry(p.tenantId, saved);
    await audit(ctx, p.tenantId, [
      {
        orgId,
        at: now,
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
    /**
     * What waits for review, oldest change first: new entries, and edits of published entries
     * with the fields they change (published value → proposed value).
     */
    async queue(p: Principal): Promise<ModerationItem[]> {
      requireCoordinator(p);
      const s = await readModel.snapshot(p.tenantId);
      const changedAt = (e: Entry) => (e.draft?.status === "pending" ? e.draft.updatedAt : e.updatedAt);
      return [...s.entries.values()]
        .filter(awaitsReview)
        .sort((a, b) => changedAt(a).localeCompare(changedAt(b)))
        .map((e) =>
          e.draft?.status === "pending"
            ? e.draft.deletion
              ? { ...e, kind: "delete" as const, changes: [] }
              : { ...e, kind: "edit" as const, changes: fieldChanges(entryFieldsOf(e), e.draft.fields) }
            : { ...e, kind: "new" as const, changes: [] },
        );
    },
    approve: (p: Principal, orgId: unknown, id: unknown, body: unknown, ifMatch: unknown) =>
      decide(p, orgId, id, "approve", body, ifMatch),
    reject: (p: Principal, orgId: unknown, id: unknown, body: unknown, ifMatch: unknown) =>
      decide(p, orgId, id, "reject", body, ifMatch),
  };
}

/** The moderation service's interface. */
export type ModerationService = ReturnType<typeof createModerationService>;
