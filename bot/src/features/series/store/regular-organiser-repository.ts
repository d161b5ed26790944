import { odata, type TableClient } from "@azure/data-tables";
import { SeriesConflictError } from "../domain/errors";
import type { RegularOrganiserStore } from "../domain/ports";
import type { RegularOrganiser } from "../domain/types";
import { statusOf } from "../../../platform/tables/errors";
import { fromChunks, toChunks } from "../../../platform/tables/chunked-json";
import { encodeKey } from "../../../platform/tables/keys";

/**
 * Table `Series`, PK `organisers|<tenant>`, RK organiser id: each tenant's regular organisers list
 * (a few hundred rows). Rows of the former tenant-less partition `organisers` are not read.
 */
const pk = (tenantId: string) => `organisers|${encodeKey(tenantId.toLowerCase())}`;

type Entity = Record<string, unknown> & {
  partitionKey: string;
  rowKey: string;
  etag?: string;
  version?: number;
};

/** Creates the {@link RegularOrganiserStore}. */
export function createRegularOrganiserRepository(table: TableClient): RegularOrganiserStore {
  async function read(tenantId: string, id: string): Promise<Entity | undefined> {
    try {
      return await table.getEntity<Entity>(pk(tenantId), id);
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }
  return {
    async list(tenantId) {
      const out: RegularOrganiser[] = [];
      for await (const e of table.listEntities<Entity>({
        queryOptions: { filter: odata`PartitionKey eq ${pk(tenantId)}` },
      }))
        out.push(fromChunks<RegularOrganiser>(e));
      return out;
    },
    async get(tenantId, id) {
      const e = /^[\w-]{1,64}$/.test(id) ? await read(tenantId, id) : undefined;
      return e && fromChunks<RegularOrganiser>(e);
    },
    async create(tenantId, o) {
      try {
        await table.createEntity({
          partitionKey: pk(tenantId),
          rowKey: o.id,
          version: o.version,
          ...toChunks(o),
        });
      } catch (err) {
        if (statusOf(err) === 409) throw new SeriesConflictError("exists");
        throw err;
      }
    },
    async update(tenantId, o, expected) {
      const current = await read(tenantId, o.id);
      if (!current || current.version !== expected) throw new SeriesConflictError("changed");
      try {
        await table.updateEntity(
          { partitionKey: pk(tenantId), rowKey: o.id, version: o.version, ...toChunks(o) },
          "Replace",
          {
            etag: current.etag,
          },
        );
      } catch (err) {
        if (statusOf(err) === 412) throw new SeriesConflictError("changed");
        throw err;
      }
    },
  };
}
