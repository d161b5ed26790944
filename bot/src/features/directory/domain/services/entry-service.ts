import {
  ForbiddenError,
  HasChildrenError,
  NotFoundError,
  StaleWriteError,
} from "../../../../platform/errors";
import { newEntryId } from "../ids";
import { canEditOrg, canSeeEntry } from "../roles";
import { parseEntryQuery, runEntryQuery } from "../search/entry-query";
import type { TenantSnapshot } from "../snapshot";
import type { AuditRecord, Entry, EntryStatus, Principal } from "../types";
import { checkId, parseEntryInput, type EntryLookups } from "../validation/entry-input";
import { FieldChecker } from "../../../../platform/validation/field-checker";
import { actorOf, audit, auditView, whenCurrent, type DirectoryContext } from "./context";
import { entryFieldsOf } from "../drafts";

const lookupsFor = (s: TenantSnapshot): EntryLookups => ({
  orgExists: (orgId) => s.orgs.has(orgId),
  parentOf: (orgId, id) => {
    const parent = s.getEntry(orgId, id);
    return parent ? parent.parentId : null;
  },
  hasChildren: (orgId, id) => s.childCount(orgId, id) > 0,
});

/** Validates URL ids and the If-Match header of a write; throws one ValidationError for all. */
export function checkTarget(orgId: unknown, id: unknown, ifMatch?: unknown, needIfMatch = true) {
  const c = new FieldChecker();
  const o = checkId(c, "orgId", orgId, "org");
  const e = checkId(c, "id", id, "entry");
  const etag = c.ifMatch(ifMatch, needIfMatch);
  c.throwIfAny();
  return { orgId: o!, id: e!, etag };
}

/**
 * "Listing missing" clears itself when the organisation gets an entry (coordinators can set it
 * again). A lost race is ignored: the next entry clears it.
 */
async function clearListingMissing(ctx: DirectoryContext, p: Principal, orgId: string): Promise<void> {
  const org = await ctx.stores.organisations.get(p.tenantId, orgId);
  if (!org?.listingMissing) return;
  const { etag, ...rest } = org;
  const now = ctx.now().toISOString();
  try {
    const saved = await ctx.stores.organisations.replace(
      p.tenantId,
      { ...rest, listingMissing: false, updatedAt: now, updatedBy: p.name },
      etag,
    );
    ctx.readModel.putOrganisation(p.tenantId, saved);
    await audit(ctx, p.tenantId, [
      {
        orgId,
        at: now,
        by: actorOf(p),
        action: "update",
        entity: "organisation",
        entityId: orgId,
        before: auditView(org),
        after: auditView(saved),
      },
    ]);
  } catch (err) {
    if (!(err instanceof StaleWriteError)) throw err;
  }
}

/** Entries: search, read, create, update, delete, history — with roles and audit. */
export function createEntryService(ctx: DirectoryContext) {
  const { stores, readModel } = ctx;

  const statusAfterEdit = (p: Principal, s: TenantSnapshot, orgId: string, current?: EntryStatus) =>
    p.coordinator ? (current ?? "published") : s.orgs.get(orgId)?.requiresReview ? "pending" : "published";

  async function loadEditable(p: Principal, orgId: string, id: string): Promise<Entry> {
    const current = await stores.entries.get(p.tenantId, orgId, id);
    if (!current || !canSeeEntry(p, current)) throw new NotFoundError("entry");
    if (!canEditOrg(p, orgId)) throw new ForbiddenError("not staff of this organisation");
    return current;
  }

  const record = (
    p: Principal,
    e: { orgId: string; id: string },
    extra: Partial<AuditRecord>,
  ): AuditRecord => ({
    orgId: e.orgId,
    at: ctx.now().toISOString(),
    by: actorOf(p),
    action: "update",
    entity: "entry",
    entityId: e.id,
    ...extra,
  });

  /**
   * Replaces an edited entry, conditional on the caller's ETag (a lost race throws ConflictError
   * with the version stored now), then updates the read model and audits the change.
   */
  async function replaceAudited(
    p: Principal,
    current: Entry,
    next: Parameters<typeof stores.entries.replace>[1],
    etag: string,
  ): Promise<Entry> {
    const saved = await whenCurrent(
      () => stores.entries.replace(p.tenantId, next, etag),
      () => stores.entries.get(p.tenantId, current.orgId, current.id),
    );
    readModel.putEntry(p.tenantId, saved);
    await audit(ctx, p.tenantId, [record(p, saved, { before: auditView(current), after: auditView(saved) })]);
    return saved;
  }

  return {
    /** Full-text search and filters over the entries the caller may see. */
    async search(p: Principal, params: Record<string, unknown>, unlimited = false) {
      const s = await readModel.snapshot(p.tenantId);
      const query = parseEntryQuery(params, (id) => s.orgs.has(id), unlimited);
      return { ...runEntryQuery(s, p, query), snapshot: s };
    },

    async create(p: Principal, body: unknown): Promise<Entry> {
      if (!p.coordinator && p.staffOf.length === 0) throw new ForbiddenError("readers cannot add entries");
      const s = await readModel.snapshot(p.tenantId);
      const { orgId, fields } = parseEntryInput(body, lookupsFor(s));
      if (!canEditOrg(p, orgId)) throw new ForbiddenError("not staff of this organisation");
      const now = ctx.now().toISOString();
      const order =
        Math.max(-1, ...[...s.entries.values()].filter((e) => e.orgId === orgId).map((e) => e.order)) + 1;
      const entry = await stores.entries.create(p.tenantId, {
        id: newEntryId(),
        orgId,
        ...fields,
        order,
        status: statusAfterEdit(p, s, orgId),
        createdAt: now,
        updatedAt: now,
        updatedBy: p.name,
      });
      readModel.putEntry(p.tenantId, entry);
      await audit(ctx, p.tenantId, [record(p, entry, { action: "create", after: auditView(entry) })]);
      await clearListingMissing(ctx, p, orgId);
      return entry;
    },

    async update(
      p: Principal,
      rawOrgId: unknown,
      rawId: unknown,
      body: unknown,
      ifMatch: unknown,
    ): Promise<Entry> {
      const { orgId, id, etag } = checkTarget(rawOrgId, rawId, ifMatch);
      const s = await readModel.snapshot(p.tenantId);
      if (!s.orgs.has(orgId)) throw new NotFoundError("organisation");
      const current = await loadEditable(p, orgId, id);
      const { fields } = parseEntryInput(body, lookupsFor(s), { orgId, entryId: id });
      const now = ctx.now().toISOString();
      // A staff edit of a published entry under review is held as a draft: readers keep the
      // published version until a coordinator approves the edit.
      const holdAsDraft =
        !p.coordinator && current.status === "published" && Boolean(s.orgs.get(orgId)?.requiresReview);
      const { draft: _draft, etag: _etag, ...published } = current;
      const next = holdAsDraft
        ? {
            ...published,
            draft: { fields, status: "pending" as const, updatedAt: now, updatedBy: p.name },
          }
        : {
            id,
            orgId,
            ...fields,
            order: current.order,
            status: statusAfterEdit(p, s, orgId, current.status),
            createdAt: current.createdAt,
            updatedAt: now,
            updatedBy: p.name,
            // Provenance survives edits: "listed 8.6.2021" stays true after an update.
            ...(current.listedAt ? { listedAt: current.listedAt } : {}),
            ...(current.sourceId ? { sourceId: current.sourceId } : {}),
            ...(p.coordinator && current.moderationNote ? { moderationNote: current.moderationNote } : {}),
          };
      return replaceAudited(p, current, next, etag!);
    },

    /**
     * Deletes an entry; returns the entry when the deletion is held for review instead (staff,
     * a published entry, an organisation that requires review: like an edit, readers keep the
     * published version until a coordinator approves).
     */
    async remove(
      p: Principal,
      rawOrgId: unknown,
      rawId: unknown,
      ifMatch: unknown,
    ): Promise<Entry | undefined> {
      const { orgId, id, etag } = checkTarget(rawOrgId, rawId, ifMatch);
      const current = await loadEditable(p, orgId, id);
      const s = await readModel.snapshot(p.tenantId);
      if (s.childCount(orgId, id) > 0) throw new HasChildrenError("entry has sub-entries");
      if (!p.coordinator && current.status === "published" && s.orgs.get(orgId)?.requiresReview) {
        const { draft: _draft, etag: _etag, ...published } = current;
        const now = ctx.now().toISOString();
        const next = {
          ...published,
          draft: {
            fields: entryFieldsOf(current),
            deletion: true,
            status: "pending" as const,
            updatedAt: now,
            updatedBy: p.name,
          },
        };
        return replaceAudited(p, current, next, etag!);
      }
      await whenCurrent(
        () => stores.entries.delete(p.tenantId, orgId, id, etag!),
        () => stores.entries.get(p.tenantId, orgId, id),
      );
      readModel.removeEntry(p.tenantId, orgId, id);
      await audit(ctx, p.tenantId, [record(p, current, { action: "delete", before: auditView(current) })]);
      return undefined;
    },

    /** Change history of an entry (its editors and coordinators only: it names people). */
    async history(p: Principal, rawOrgId: unknown, rawId: unknown): Promise<AuditRecord[]> {
      const { orgId, id } = checkTarget(rawOrgId, rawId, undefined, false);
      if (!canEditOrg(p, orgId)) throw new ForbiddenError("history is for the organisation's staff");
      const rows = await stores.audit.history(p.tenantId, orgId, id);
      if (rows.length === 0 && !(await stores.entries.get(p.tenantId, orgId, id))) {
        throw new NotFoundError("entry");
      }
      return rows;
    },
  };
}

/** The entry service's interface. */
export type EntryService = ReturnType<typeof createEntryService>;
