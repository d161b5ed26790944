import { messageActivity } from "../../bot/testing/activities";
import type { BenchContext } from "../lib/context";
import { startBotHarness } from "../lib/bot-harness";
import type { Figure } from "../lib/report";
import { postInWorker } from "../lib/load";
import { percentile, round } from "../lib/stats";
import { measureRawUpsert } from "./raw-upsert";

/**
 * A message through the whole bot path (HTTP → JWT check → adapter → handler → card → reply to
 * the connector) at 64 concurrent, beside raw Azurite upserts measured in the same run.
 */
export async function botPipelineBench(ctx: BenchContext): Promise<Figure[]> {
  const total = ctx.quick ? 200 : 2000;
  const concurrency = 64;
  const raw = await measureRawUpsert(ctx, total, concurrency);
  const h = await startBotHarness(ctx);
  try {
    const bodies = Array.from({ length: total }, (_, i) =>
      JSON.stringify(
        messageActivity({ serviceUrl: h.connector.serviceUrl, text: "help", userId: `bench-user-${i % 50}` }),
      ),
    );
    const { latencies, wallMs, failures } = await postInWorker({
      url: `${h.app.url}/api/messages`,
      token: h.token,
      bodies,
      concurrency,
    });
    if (failures.length > 0) throw new Error(`${failures.length} failed, e.g. ${failures[0]}`);
    const throughput = round((total / wallMs) * 1000, 1);
    const p99 = round(percentile(latencies, 99));
    return [
      {
        section: "bot path",
        name: "help message, 64 concurrent: throughput",
        value: throughput,
        unit: "req/s",
        baseline: { name: "raw upsert req/s", value: raw.throughput },
        ratio: round(throughput / raw.throughput),
      },
      {
        section: "bot path",
        name: "help message, 64 concurrent: p99 latency",
        value: p99,
        unit: "ms",
        baseline: { name: "raw upsert p99 ms", value: raw.p99 },
        ratio: round(p99 / raw.p99),
      },
    ];
  } finally {
    await h.close();
  }
}
