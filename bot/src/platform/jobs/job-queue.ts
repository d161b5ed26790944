import type { TableClient } from "@azure/data-tables";
import { randomUUID } from "node:crypto";
import { encodeKey } from "../tables/keys";
import type { JobQueue, JobSpec } from "./job-types";
import { bucketOf, INDEX_PARTITION, isLostRace, NEVER, type DueEntity, type IndexEntity } from "./job-table";

/** Options for {@link createJobQueue}. */
export interface JobQueueOptions {
  /** The clock (stamps rows so orphan clean-up can wait a grace period). */
  now?: () => Date;
}

/** Payload JSON limit: a string property holds 64 KiB (32 K UTF-16 characters); stay well below. */
const MAX_PAYLOAD_CHARS = 16_000;
/** Concurrent schedules of one id retry this often before giving up. */
const MAX_CONTENTION_RETRIES = 8;

/** Short random pause before retry `i` so contenders on one id stop colliding in lockstep. */
const contentionPause = (i: number) =>
  i === 0
    ? Promise.resolve()
    : new Promise<void>((r) => setTimeout(r, Math.random() * 10 * 2 ** Math.min(i, 6)));

interface Indexed {
  entity: IndexEntity;
  etag: string;
}

/**
 * The durable {@link JobQueue} on the `Jobs` table (layout in `job-table.ts`).
 * `schedule` writes the new due row first and then commits the index row with an ETag
 * condition, so a crash in between leaves the old schedule in force (the new row is an orphan
 * the runner discards); the old due row is then removed when its generation still matches.
 */
export function createJobQueue(table: TableClient, options: JobQueueOptions = {}): JobQueue {
  const now = options.now ?? (() => new Date());

  const readIndex = async (rowKey: string): Promise<Indexed | undefined> => {
    try {
      const e = await table.getEntity<IndexEntity>(INDEX_PARTITION, rowKey);
      return { entity: e, etag: e.etag };
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return undefined;
      throw err;
    }
  };

  /** Deletes a superseded due row, but only if it still is the generation we replaced. */
  const deleteDueRow = async (bucket: string, rowKey: string, gen: string): Promise<void> => {
    try {
      const row = await table.getEntity<DueEntity>(bucket, rowKey, { queryOptions: { select: ["gen"] } });
      if (row.gen !== gen) return;
      await table.deleteEntity(bucket, rowKey, { etag: row.etag });
    } catch (err) {
      if (!isLostRace(err)) throw err;
    }
  };

  return {
    async schedule(job: JobSpec): Promise<void> {
      if (!job.id) throw new TypeError("job id is required");
      if (Number.isNaN(job.dueAt.getTime())) throw new TypeError(`job ${job.id}: invalid dueAt`);
      const payload = JSON.stringify(job.payload ?? {});
      if (payload.length > MAX_PAYLOAD_CHARS) throw new RangeError(`job ${job.id}: payload too large`);
      const rowKey = encodeKey(job.id);
      const bucket = bucketOf(job.dueAt);
      for (let i = 0; i < MAX_CONTENTION_RETRIES; i++) {
        await contentionPause(i);
        const old = await readIndex(rowKey);
        const gen = randomUUID();
        const due: DueEntity = {
          partitionKey: bucket,
          rowKey,
          id: job.id,
          kind: job.kind,
          dueAt: job.dueAt,
          runAt: job.dueAt,
          payload,
          failures: 0,
          gen,
          leaseOwner: "",
          leaseUntil: NEVER,
          scheduledAt: now(),
        };
        const written = await table.upsertEntity(due, "Replace");
        const index: IndexEntity = {
          partitionKey: INDEX_PARTITION,
          rowKey,
          bucket,
          gen,
          kind: job.kind,
          dueAt: job.dueAt,
        };
        try {
          if (old) await table.updateEntity(index, "Replace", { etag: old.etag });
          else await table.createEntity(index);
        } catch (err) {
          if (!isLostRace(err)) throw err;
          // Another schedule/cancel of this id committed first: drop our row (unless the
          // winner already overwrote it) and try again on top of theirs.
          await table
            .deleteEntity(bucket, rowKey, { etag: written.etag ?? "*" })
            .catch((e: unknown) => (isLostRace(e) ? undefined : Promise.reject(e)));
          continue;
        }
        if (old && old.entity.bucket !== bucket)
          await deleteDueRow(old.entity.bucket, rowKey, old.entity.gen);
        return;
      }
      throw new Error(`job ${job.id}: too many concurrent schedules`);
    },

    async cancel(id: string): Promise<void> {
      const rowKey = encodeKey(id);
      for (let i = 0; i < MAX_CONTENTION_RETRIES; i++) {
        await contentionPause(i);
        const old = await readIndex(rowKey);
        if (!old) return;
        try {
          await table.deleteEntity(INDEX_PARTITION, rowKey, { etag: old.etag });
        } catch (err) {
          if ((err as { statusCode?: number }).statusCode === 404) return;
          if (isLostRace(err)) continue;
          throw err;
        }
        await deleteDueRow(old.entity.bucket, rowKey, old.entity.gen);
        return;
      }
      throw new Error(`job ${id}: too many concurrent changes`);
    },
  };
}
