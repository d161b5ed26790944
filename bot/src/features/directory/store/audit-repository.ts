import { randomBytes } from "node:crypto";
import { odata, type TableClient, type TransactionAction } from "@azure/data-tables";
import type { AuditRepository } from "../domain/ports";
import type { AuditRecord } from "../domain/types";
import { listAll, orgPartition } from "./directory-keys";

/**
 * Table `Audit`: PK = `tenant:orgId`, RK = inverted timestamp + random suffix, so a partition
 * reads newest first and two changes in the same millisecond never collide.
 */
type AuditEntity = {
  partitionKey: string;
  rowKey: string;
  at: string;
  byId: string;
  byName: string;
  action: string;
  entity: string;
  entityId: string;
  before?: string;
  after?: string;
};

const MAX_MS = 9_999_999_999_999;
/** A table string property holds 32 K UTF-16 characters; entries are far smaller. */
const MAX_SNAPSHOT = 30_000;

/** Row key for a change at `at`: newest sorts first. */
export function auditRowKey(at: string): string {
  const inverted = String(MAX_MS - new Date(at).getTime()).padStart(13, "0");
  return `${inverted}-${randomBytes(4).toString("hex")}`;
}

const snapshot = (v: unknown) => {
  if (v === undefined) return undefined;
  const json = JSON.stringify(v);
  return json.length <= MAX_SNAPSHOT ? json : JSON.stringify({ truncated: true });
};

function toEntity(tenantId: string, r: AuditRecord): AuditEntity {
  const e: AuditEntity = {
    partitionKey: orgPartition(tenantId, r.orgId),
    rowKey: auditRowKey(r.at),
    at: r.at,
    byId: r.by.userId,
    byName: r.by.name,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
  };
  const before = snapshot(r.before);
  const after = snapshot(r.after);
  if (before) e.before = before;
  if (after) e.after = after;
  return e;
}

function fromEntity(orgId: string, e: AuditEntity): AuditRecord {
  return {
    orgId,
    at: e.at,
    by: { userId: e.byId, name: e.byName },
    action: e.action as AuditRecord["action"],
    entity: e.entity as AuditRecord["entity"],
    entityId: e.entityId,
    ...(e.before ? { before: JSON.parse(e.before) as unknown } : {}),
    ...(e.after ? { after: JSON.parse(e.after) as unknown } : {}),
  };
}

/** Creates the audit repository over the `Audit` table. */
export function createAuditRepository(table: TableClient): AuditRepository {
  return {
    async append(tenantId, records) {
      const byPartition = new Map<string, AuditEntity[]>();
      for (const r of records) {
        const e = toEntity(tenantId, r);
        byPartition.set(e.partitionKey, [...(byPartition.get(e.partitionKey) ?? []), e]);
      }
      for (const rows of byPartition.values()) {
        for (let i = 0; i < rows.length; i += 100) {
          const actions = rows.slice(i, i + 100).map((e): TransactionAction => ["create", e]);
          await table.submitTransaction(actions);
        }
      }
    },
    async history(tenantId, orgId, entityId) {
      const filter = odata`PartitionKey eq ${orgPartition(tenantId, orgId)} and entityId eq ${entityId}`;
      const rows = await listAll<AuditEntity>(table, filter);
      return rows.map((e) => fromEntity(orgId, e));
    },
  };
}
