import { odata, type TableClient } from "@azure/data-tables";
import type { ListingSource } from "@dialogi/contracts";
import type { NewOrganisation, OrganisationRepository } from "../domain/ports";
import type { Organisation } from "../domain/types";
import { getRow, listAll, mapWriteError, submitBatch, tenantPartition } from "./directory-keys";

/** Table `Organisations`: PK = tenant, RK = organisation id, `data` = the organisation as JSON. */
interface OrgEntity {
  partitionKey: string;
  rowKey: string;
  data: string;
  etag?: string;
}

const toEntity = (tenantId: string) => (org: NewOrganisation) => ({
  partitionKey: tenantPartition(tenantId),
  rowKey: org.id,
  data: JSON.stringify(org),
});

const fromEntity = (e: OrgEntity): Organisation => ({
  ...(JSON.parse(e.data) as NewOrganisation),
  etag: e.etag!,
});

/** Creates the organisation repository over the `Organisations` table. */
export function createOrganisationRepository(table: TableClient): OrganisationRepository {
  return {
    async list(tenantId) {
      const rows = await listAll<OrgEntity>(table, odata`PartitionKey eq ${tenantPartition(tenantId)}`);
      return rows.map(fromEntity);
    },
    async get(tenantId, id) {
      const row = await getRow<OrgEntity>(table, tenantPartition(tenantId), id);
      return row ? fromEntity(row) : undefined;
    },
    async create(tenantId, org) {
      try {
        const res = await table.createEntity(toEntity(tenantId)(org));
        return { ...org, etag: res.etag! };
      } catch (err) {
        throw mapWriteError(err);
      }
    },
    async replace(tenantId, org, ifMatch) {
      try {
        const res = await table.updateEntity(toEntity(tenantId)(org), "Replace", { etag: ifMatch });
        return { ...org, etag: res.etag! };
      } catch (err) {
        throw mapWriteError(err);
      }
    },
    writeBatch: (tenantId, writes) => submitBatch(table, writes, toEntity(tenantId)),
    async delete(tenantId, id, ifMatch) {
      try {
        await table.deleteEntity(tenantPartition(tenantId), id, { etag: ifMatch });
      } catch (err) {
        throw mapWriteError(err);
      }
    },
    // Listing sources: PK = `tenant:sources` (organisation rows use PK = tenant, so lists never mix).
    async putSource(tenantId, source) {
      const partitionKey = `${tenantPartition(tenantId)}:sources`;
      await table.upsertEntity({ partitionKey, rowKey: source.id, data: JSON.stringify(source) }, "Replace");
    },
    async getSource(tenantId, id) {
      const row = await getRow<OrgEntity>(table, `${tenantPartition(tenantId)}:sources`, id);
      return row ? (JSON.parse(row.data) as ListingSource) : undefined;
    },
  };
}
