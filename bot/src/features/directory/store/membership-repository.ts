import { odata, type TableClient } from "@azure/data-tables";
import type { MembershipRepository } from "../domain/ports";
import type { Membership } from "../domain/types";
import { statusOf } from "../../../platform/tables/errors";
import { encodeKey } from "../../../platform/tables/keys";
import { getRow, listAll, mapWriteError, tenantPartition } from "./directory-keys";

/** Table `Memberships`: PK = tenant, RK = user (object id or email, lowercase, key-escaped). */
interface MembershipEntity {
  partitionKey: string;
  rowKey: string;
  data: string;
  etag?: string;
}

const toEntity = (tenantId: string, m: Membership): MembershipEntity => ({
  partitionKey: tenantPartition(tenantId),
  rowKey: encodeKey(m.userId.toLowerCase()),
  data: JSON.stringify(m),
});

/** Creates the membership repository over the `Memberships` table. */
export function createMembershipRepository(table: TableClient): MembershipRepository {
  return {
    async list(tenantId) {
      const rows = await listAll<MembershipEntity>(
        table,
        odata`PartitionKey eq ${tenantPartition(tenantId)}`,
      );
      return rows.map((r) => JSON.parse(r.data) as Membership);
    },
    async get(tenantId, userId) {
      const row = await getRow<MembershipEntity>(
        table,
        tenantPartition(tenantId),
        encodeKey(userId.toLowerCase()),
      );
      return row && { membership: JSON.parse(row.data) as Membership, etag: row.etag! };
    },
    async write(tenantId, m, ifMatch) {
      try {
        if (ifMatch === undefined) await table.createEntity(toEntity(tenantId, m));
        else await table.updateEntity(toEntity(tenantId, m), "Replace", { etag: ifMatch });
      } catch (err) {
        throw mapWriteError(err);
      }
    },
    async remove(tenantId, userId, ifMatch) {
      try {
        await table.deleteEntity(tenantPartition(tenantId), encodeKey(userId.toLowerCase()), {
          etag: ifMatch,
        });
      } catch (err) {
        throw mapWriteError(err);
      }
    },
    async put(tenantId, m) {
      await table.upsertEntity(toEntity(tenantId, m), "Replace");
    },
    async delete(tenantId, userId) {
      try {
        await table.deleteEntity(tenantPartition(tenantId), encodeKey(userId.toLowerCase()));
      } catch (err) {
        if (statusOf(err) !== 404) throw err;
      }
    },
  };
}
