import { odata, type TableClient, type TransactionAction } from "@azure/data-tables";
import { AlreadyExistsError, StaleWriteError } from "../../../platform/errors";
import type { BatchWrite } from "../domain/ports";
import { statusOf } from "../../../platform/tables/errors";
import { encodeKey } from "../../../platform/tables/keys";

/**
 * Key layout of the directory tables (see docs/directory-api.md, "Storage"):
 * Organisations and Memberships: PK = tenant; Entries and Audit: PK = `tenant:orgId`.
 * Tenant ids (GUIDs) and organisation ids (slugs) never contain `:`, so the prefix query
 * `tenant:` … `tenant;` selects exactly one tenant's partitions.
 */
export const tenantPartition = (tenantId: string) => encodeKey(tenantId);
export const orgPartition = (tenantId: string, orgId: string) => `${encodeKey(tenantId)}:${orgId}`;

/** OData filter for every `tenant:*` partition. */
export function tenantPartitionsFilter(tenantId: string): string {
  const prefix = `${encodeKey(tenantId)}:`;
  const upper = `${encodeKey(tenantId)};`;
  return odata`PartitionKey ge ${prefix} and PartitionKey lt ${upper}`;
}

/**
 * The same partitions as {@link tenantPartitionsFilter}, cut into disjoint ranges by the first
 * character of the organisation id, so a full read can run as several queries at once instead
 * of one page after another. The cuts follow the initials of Finnish agencies' slugs (many
 * begin with m, o, s, t or v) to spread the partitions; together the ranges cover the whole
 * `tenant:` … `tenant;` range, whatever the ids — an entry whose organisation is missing or was
 * created meanwhile by another instance is still read.
 */
export function tenantPartitionRanges(tenantId: string): string[] {
  const prefix = `${encodeKey(tenantId)}:`;
  const cuts = ["h", "m", "o", "p", "s", "t", "v"].map((c) => prefix + c);
  const bounds = [prefix, ...cuts, `${encodeKey(tenantId)};`];
  return bounds
    .slice(0, -1)
    .map((lower, i) => odata`PartitionKey ge ${lower} and PartitionKey lt ${bounds[i + 1]!}`);
}

/** Maps table errors of a conditional write to the domain's errors. */
export function mapWriteError(err: unknown): unknown {
  const status = statusOf(err);
  const code = (err as { details?: { errorCode?: string }; code?: string })?.details?.errorCode;
  if (status === 409 && code === "EntityAlreadyExists") return new AlreadyExistsError("row exists");
  if (status === 412 || status === 404 || status === 409) return new StaleWriteError("stale ETag");
  return err;
}

/**
 * Reads all rows of a query; `select` limits the columns sent (the ETag always comes along, as
 * metadata).
 */
export async function listAll<T extends object>(
  table: TableClient,
  filter: string,
  select?: string[],
): Promise<T[]> {
  const out: T[] = [];
  for await (const e of table.listEntities<T>({ queryOptions: { filter, select } })) out.push(e);
  return out;
}

/** Gets a row or undefined. */
export async function getRow<T extends object>(table: TableClient, pk: string, rk: string) {
  try {
    return await table.getEntity<T>(pk, rk);
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}

/**
 * Submits writes of one partition as transactions of at most 100 rows (the service limit).
 * Each chunk is atomic; a listing has far fewer rows per organisation than that.
 */
export async function submitBatch<T>(
  table: TableClient,
  writes: BatchWrite<T>[],
  toEntity: (value: T) => { partitionKey: string; rowKey: string },
): Promise<void> {
  for (let i = 0; i < writes.length; i += 100) {
    const actions: TransactionAction[] = writes
      .slice(i, i + 100)
      .map((w) =>
        w.kind === "create"
          ? ["create", toEntity(w.value)]
          : ["update", toEntity(w.value), "Replace", { etag: w.etag }],
      );
    try {
      await table.submitTransaction(actions);
    } catch (err) {
      throw mapWriteError(err);
    }
  }
}
