import { createTableStore } from "../../bot/src/platform/tables/table-store";
import { uniquePrefix } from "../../bot/testing/azurite";
import type { BenchContext } from "../lib/context";
import { percentile, round, runConcurrent } from "../lib/stats";

/** Raw `upsertEntity` on the same Azurite: the baseline the full-path figures are compared with. */
export async function measureRawUpsert(ctx: BenchContext, total: number, concurrency: number) {
  const store = createTableStore({
    target: { connectionString: ctx.azurite.connectionString },
    prefix: uniquePrefix(),
  });
  await store.ensureTables(["Raw"]);
  const table = store.table("Raw");
  const text = "x".repeat(500);
  const { latencies, wallMs } = await runConcurrent(total, concurrency, async (i) => {
    await table.upsertEntity({ partitionKey: `d${i % 8}`, rowKey: `n${i}`, text }, "Replace");
  });
  return {
    throughput: round((total / wallMs) * 1000, 1),
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    perOpMs: round(wallMs / total, 3),
  };
}
