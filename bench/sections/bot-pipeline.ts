import { messageActivity } from "../../bot/testing/activities";
import type { BenchContext } from "../lib/context";
import { startBotHarness } from "../lib/bot-harness";
import { floorFigures, measureWarm } from "../lib/floor";
import type { Figure } from "../lib/report";
import { round } from "../lib/stats";
import { startStockBot } from "../lib/stock-bot";
import { measureRawUpsert } from "./raw-upsert";

/**
 * A message through the whole bot path (HTTP → JWT check → adapter → handler → card → reply to
 * the connector) at 64 concurrent, beside raw Azurite upserts and beside a stock botbuilder bot
 * replying with a text (the framework floor, measured before and after ours), all in the same run.
 */
export async function botPipelineBench(ctx: BenchContext): Promise<Figure[]> {
  const total = ctx.quick ? 200 : 2000;
  const warmup = ctx.quick ? 64 : 400;
  const concurrency = 64;
  const raw = await measureRawUpsert(ctx, total, concurrency);
  const h = await startBotHarness(ctx);
  const floor = await startStockBot(ctx);
  try {
    const bodiesFor = (serviceUrl: string, n: number) =>
      Array.from({ length: n }, (_, i) =>
        JSON.stringify(messageActivity({ serviceUrl, text: "help", userId: `bench-user-${i % 50}` })),
      );
    const measureFloor = () =>
      measureWarm(
        {
          url: `${floor.url}/api/messages`,
          token: floor.token,
          bodies: bodiesFor(floor.serviceUrl, total),
          concurrency,
        },
        bodiesFor(floor.serviceUrl, warmup),
        "floor",
      );
    const before = await measureFloor();
    const ours = await measureWarm(
      {
        url: `${h.app.url}/api/messages`,
        token: h.token,
        bodies: bodiesFor(h.connector.serviceUrl, total),
        concurrency,
      },
      bodiesFor(h.connector.serviceUrl, warmup),
      "ours",
    );
    const after = await measureFloor();
    return [
      {
        section: "bot path",
        name: "help message, 64 concurrent: throughput",
        value: ours.throughput,
        unit: "req/s",
        baseline: { name: "raw upsert req/s", value: raw.throughput },
        ratio: round(ours.throughput / raw.throughput),
      },
      {
        section: "bot path",
        name: "help message, 64 concurrent: p99 latency",
        value: ours.p99,
        unit: "ms",
        baseline: { name: "raw upsert p99 ms", value: raw.p99 },
        ratio: round(ours.p99 / raw.p99),
      },
      ...floorFigures("bot path", "help message (floor: text reply)", ours, before, after),
    ];
  } finally {
    await floor.close();
    await h.close();
  }
}
