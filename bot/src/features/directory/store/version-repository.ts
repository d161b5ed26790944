import type { TableClient } from "@azure/data-tables";
import { AlreadyExistsError, StaleWriteError } from "../../../platform/errors";
import type { VersionRepository } from "../domain/ports";
import { getRow, mapWriteError, tenantPartition } from "./directory-keys";

/**
 * The directory's change marker: one row per tenant in the `Organisations` table, PK =
 * `tenant:version` (organisations use PK = tenant, sources `tenant:sources`: neither list sees
 * it), RK = `directory`, holding a counter every directory write increments.
 */
interface VersionEntity {
  partitionKey: string;
  rowKey: string;
  version: number;
  etag?: string;
}

const ROW = "directory";
const partition = (tenantId: string) => `${tenantPartition(tenantId)}:version`;
/** Two instances bumping at once: the loser re-reads; a handful of rounds always suffices. */
const ATTEMPTS = 20;

/** Creates the version repository over the `Organisations` table. */
export function createVersionRepository(table: TableClient): VersionRepository {
  const read = async (tenantId: string) => getRow<VersionEntity>(table, partition(tenantId), ROW);
  return {
    async read(tenantId) {
      return (await read(tenantId))?.version ?? 0;
    },
    async bump(tenantId) {
      for (let attempt = 0; ; attempt++) {
        const row = await read(tenantId);
        const from = row?.version ?? 0;
        const next = { partitionKey: partition(tenantId), rowKey: ROW, version: from + 1 };
        try {
          if (row) await table.updateEntity(next, "Replace", { etag: row.etag });
          else await table.createEntity(next);
          return { from, to: from + 1 };
        } catch (err) {
          const mapped = mapWriteError(err);
          const lost = mapped instanceof StaleWriteError || mapped instanceof AlreadyExistsError;
          if (!lost || attempt + 1 >= ATTEMPTS) throw mapped;
          await new Promise((r) => setTimeout(r, Math.random() * 5 * (attempt + 1)));
        }
      }
    },
  };
}
