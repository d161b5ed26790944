import { ConflictError, NotFoundError, StaleWriteError } from "../../../../platform/errors";
import type { DirectoryStores } from "../ports";
import type { DirectoryReadModel } from "../read-model";
import type { RolePolicy } from "../roles";
import type { Actor, AuditRecord, Entry, Organisation, Principal } from "../types";

/** What every directory service needs. */
export interface DirectoryContext {
  stores: DirectoryStores;
  readModel: DirectoryReadModel;
  policy: RolePolicy;
  now: () => Date;
  /**
   * Called when an audit row could not be written after the change itself was saved (the two
   * live in different tables, so they cannot share a transaction). Log it with ids.
   */
  onAuditFailure?: (err: unknown, record: AuditRecord) => void;
}

/** The actor recorded for a principal. */
export const actorOf = (p: Principal): Actor => ({ userId: p.userId, name: p.name });

/** A JSON snapshot for audit rows: the ETag is storage detail, not content. */
export function auditView<T extends { etag?: string }>(value: T): Omit<T, "etag"> {
  const { etag: _etag, ...rest } = value;
  return rest;
}

/** Appends audit rows, retrying once; a second failure is reported, not thrown. */
export async function audit(ctx: DirectoryContext, tenantId: string, records: AuditRecord[]): Promise<void> {
  try {
    await ctx.stores.audit.append(tenantId, records);
  } catch {
    try {
      await ctx.stores.audit.append(tenantId, records);
    } catch (err) {
      for (const r of records) ctx.onAuditFailure?.(err, r);
    }
  }
}

/**
 * Runs a conditional write; when it lost the race, throws {@link ConflictError} carrying the
 * version stored now (or NotFound when it was deleted meanwhile).
 */
export async function whenCurrent<T>(
  write: () => Promise<T>,
  reload: () => Promise<Entry | Organisation | undefined>,
): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!(err instanceof StaleWriteError)) throw err;
    const current = await reload();
    if (!current) throw new NotFoundError("deleted meanwhile");
    throw new ConflictError(current);
  }
}
