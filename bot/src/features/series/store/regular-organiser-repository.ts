import type { TableClient } from "@azure/data-tables";
import { SeriesConflictError } from "../domain/errors";
import type { RegularOrganiserStore } from "../domain/ports";
import type { RegularOrganiser } from "../domain/types";
import { statusOf } from "../../../platform/tables/errors";
import { fromChunks, toChunks } from "../../../platform/tables/chunked-json";

/** Table `Series`, PK `organisers`, RK organiser id: the regular organisers list (a few hundred rows). */
const PK = "organisers";

type Entity = Record<string, unknown> & {
  partitionKey: string;
  rowKey: string;
  etag?: string;
  version?: number;
};

/** Creates the {@link RegularOrganiserStore}. */
export function createRegularOrganiserRepository(table: TableClient): RegularOrganiserStore {
  async function read(id: string): Promise<Entity | undefined> {
    try {
      return await table.getEntity<Entity>(PK, id);
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }
  return {
    async list() {
      const out: RegularOrganiser[] = [];
      for await (const e of table.listEntities<Entity>({
        queryOptions: { filter: `PartitionKey eq '${PK}'` },
      }))
        out.push(fromChunks<RegularOrganiser>(e));
      return out;
    },
    async get(id) {
      const e = /^[\w-]{1,64}$/.test(id) ? await read(id) : undefined;
      return e && fromChunks<RegularOrganiser>(e);
    },
    async create(o) {
      try {
        await table.createEntity({ partitionKey: PK, rowKey: o.id, version: o.version, ...toChunks(o) });
      } catch (err) {
        if (statusOf(err) === 409) throw new SeriesConflictError("exists");
        throw err;
      }
    },
    async update(o, expected) {
      const current = await read(o.id);
      if (!current || current.version !== expected) throw new SeriesConflictError("changed");
      try {
        await table.updateEntity(
          { partitionKey: PK, rowKey: o.id, version: o.version, ...toChunks(o) },
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
