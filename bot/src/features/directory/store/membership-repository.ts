import { odata, type TableClient } from "@azure/data-tables";
import type { MembershipRepository } from "../domain/ports";
import type { Membership } from "../domain/types";
import { statusOf } from "../../../platform/tables/errors";
import { encodeKey } from "../../../platform/tables/keys";
import { listAll, tenantPartition } from "./directory-keys";

/** Table `Memberships`: PK = tenant, RK = user (object id or email, lowercase, key-escaped). */
interface MembershipEntity {
  partitionKey: string;
  rowKey: string;
  data: string;
}

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
    async put(tenantId, m) {
      // Last write wins: a membership is one coordinator decision, not a merge of edits.
      await table.upsertEntity(
        {
          partitionKey: tenantPartition(tenantId),
          rowKey: encodeKey(m.userId.toLowerCase()),
          data: JSON.stringify(m),
        },
        "Replace",
      );
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
