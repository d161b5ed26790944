import { odata, type TableClient } from "@azure/data-tables";
import { bucketOf, DUE_PREFIX, INDEX_PARTITION, type DueEntity, type IndexEntity } from "./job-table";

/** A due row as read, with the ETag a claim is conditional on. */
export type DueRow = DueEntity & { etag: string };
/** An index row as read, with the ETag its conditional delete needs. */
export type IndexRow = IndexEntity & { etag: string };

/** Reads of the `Jobs` table the runner needs: the due rows of a poll and one job's index row. */
export function createDueRows(table: TableClient, batchSize: number) {
  return {
    /** Up to `batchSize` unleased rows due at `at`. */
    async findDue(at: Date): Promise<DueRow[]> {
      // One range query over every bucket up to the current minute; buckets are deleted as
      // their jobs complete, so the range is short. Leased rows are filtered out server-side.
      const filter = odata`PartitionKey ge ${DUE_PREFIX} and PartitionKey le ${bucketOf(at)} and runAt le ${at} and leaseUntil le ${at}`;
      const rows: DueRow[] = [];
      const pages = table
        .listEntities<DueEntity>({ queryOptions: { filter } })
        .byPage({ maxPageSize: batchSize });
      for await (const page of pages) {
        for (const e of page) rows.push(e as DueRow);
        if (rows.length >= batchSize) break;
      }
      return rows.slice(0, batchSize);
    },

    /** The index row of a job, or undefined when it has none (cancelled, or never committed). */
    async readIndex(rowKey: string): Promise<IndexRow | undefined> {
      try {
        return (await table.getEntity<IndexEntity>(INDEX_PARTITION, rowKey)) as IndexRow;
      } catch (err) {
        if ((err as { statusCode?: number }).statusCode === 404) return undefined;
        throw err;
      }
    },
  };
}
