import type { TableClient } from "@azure/data-tables";
import type { EntryRepository, NewEntry } from "../domain/ports";
import type { Entry } from "../domain/types";
import {
  getRow,
  listAll,
  mapWriteError,
  orgPartition,
  submitBatch,
  tenantPartitionRanges,
} from "./directory-keys";

/**
 * Table `Entries`: PK = `tenant:orgId`, RK = entry id. `data` holds the entry as JSON; status
 * and section are also columns so the table can be inspected and filtered by hand.
 */
interface EntryEntity {
  partitionKey: string;
  rowKey: string;
  status: string;
  section: string;
  data: string;
  etag?: string;
}

const toEntity = (tenantId: string) => (e: NewEntry) => ({
  partitionKey: orgPartition(tenantId, e.orgId),
  rowKey: e.id,
  status: e.status,
  section: e.section,
  data: JSON.stringify(e),
});

const fromEntity = (e: EntryEntity): Entry => ({ ...(JSON.parse(e.data) as NewEntry), etag: e.etag! });

/** Creates the entry repository over the `Entries` table. */
export function createEntryRepository(table: TableClient): EntryRepository {
  return {
    async list(tenantId) {
      // A tenant's entries span many partitions: read ranges of them in parallel (the whole
      // directory is read when an instance loads its snapshot), and only the JSON column — the
      // status and section columns repeat what it holds (~20% less to send and decode).
      const parts = await Promise.all(
        tenantPartitionRanges(tenantId).map((filter) => listAll<EntryEntity>(table, filter, ["data"])),
      );
      return parts.flat().map(fromEntity);
    },
    async get(tenantId, orgId, id) {
      const row = await getRow<EntryEntity>(table, orgPartition(tenantId, orgId), id);
      return row ? fromEntity(row) : undefined;
    },
    async create(tenantId, entry) {
      try {
        const res = await table.createEntity(toEntity(tenantId)(entry));
        return { ...entry, etag: res.etag! };
      } catch (err) {
        throw mapWriteError(err);
      }
    },
    async replace(tenantId, entry, ifMatch) {
      try {
        const res = await table.updateEntity(toEntity(tenantId)(entry), "Replace", { etag: ifMatch });
        return { ...entry, etag: res.etag! };
      } catch (err) {
        throw mapWriteError(err);
      }
    },
    async delete(tenantId, orgId, id, ifMatch) {
      try {
        await table.deleteEntity(orgPartition(tenantId, orgId), id, { etag: ifMatch });
      } catch (err) {
        throw mapWriteError(err);
      }
    },
    writeBatch: (tenantId, _orgId, writes) => submitBatch(table, writes, toEntity(tenantId)),
  };
}
