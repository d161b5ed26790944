import { odata, type TableClient } from "@azure/data-tables";
import type { AccessRequest } from "@dialogi/contracts";
import type { AccessRequestRepository } from "../domain/ports";
import { statusOf } from "../../../platform/tables/errors";
import { getRow, listAll, tenantPartition } from "./directory-keys";

/**
 * Access requests live in the `Memberships` table under PK = `tenant:requests`, RK = request id
 * (membership rows use PK = tenant, so neither list sees the other's rows).
 */
interface RequestEntity {
  partitionKey: string;
  rowKey: string;
  data: string;
}

const partition = (tenantId: string) => `${tenantPartition(tenantId)}:requests`;

/** Creates the access-request repository over the `Memberships` table. */
export function createAccessRequestRepository(table: TableClient): AccessRequestRepository {
  return {
    async list(tenantId) {
      const rows = await listAll<RequestEntity>(table, odata`PartitionKey eq ${partition(tenantId)}`);
      return rows.map((r) => JSON.parse(r.data) as AccessRequest);
    },
    async get(tenantId, id) {
      const row = await getRow<RequestEntity>(table, partition(tenantId), id);
      return row ? (JSON.parse(row.data) as AccessRequest) : undefined;
    },
    async put(tenantId, request) {
      const entity = { partitionKey: partition(tenantId), rowKey: request.id, data: JSON.stringify(request) };
      await table.upsertEntity(entity, "Replace");
    },
    async delete(tenantId, id) {
      try {
        await table.deleteEntity(partition(tenantId), id);
      } catch (err) {
        if (statusOf(err) !== 404) throw err;
      }
    },
  };
}
