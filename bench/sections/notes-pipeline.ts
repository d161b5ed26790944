import { randomUUID } from "node:crypto";
import { executeActivity } from "../../bot/testing/activities";
import { arrangeRunningRound, memberId } from "../../bot/testing/arrange";
import type { BenchContext } from "../lib/context";
import { startBotHarness } from "../lib/bot-harness";
import type { Figure } from "../lib/report";
import { floorFigures, measureWarm } from "../lib/floor";
import { round } from "../lib/stats";
import { startStockBot } from "../lib/stock-bot";
import { measureRawUpsert } from "./raw-upsert";

const GROUPS = 8;
const MEMBERS = 8;

/**
 * 64 concurrent note saves (Action.Execute `notes.save`) through the whole path — HTTP → JWT
 * check → adapter → handler → Tables → invoke response with the refreshed card — beside raw
 * Azurite upserts of a note-sized row measured in the same run. The client runs in a worker
 * thread, as Teams would be another machine. Beside a stock botbuilder bot doing one upsert per
 * invoke (the framework floor), measured before and after ours in the same run.
 */
export async function notesPipelineBench(ctx: BenchContext): Promise<Figure[]> {
  const total = ctx.quick ? 256 : 2000;
  const concurrency = 64;
  const raw = await measureRawUpsert(ctx, total, concurrency);
  const warmup = ctx.quick ? 64 : 400;
  const h = await startBotHarness(ctx);
  const floor = await startStockBot(ctx);
  try {
    // Round 1 running with 8 groups of 8 (members may write), stored directly.
    const { dialogue, groupOf } = await arrangeRunningRound(h.app.app.store, GROUPS, MEMBERS);
    const text = "Keskustelimme luottamuksesta ja siitä, miten palvelut selitetään. ".repeat(8);
    const body = (i: number) => {
      const user = i % (GROUPS * MEMBERS);
      return JSON.stringify(
        executeActivity({
          serviceUrl: h.connector.serviceUrl,
          userId: memberId(dialogue.id, user),
          verb: "notes.save",
          data: {
            dialogueId: dialogue.id,
            round: 1,
            group: groupOf(user),
            noteId: randomUUID(),
            text,
            themes: "luottamus, selkeä kieli",
            insights: "",
          },
        }),
      );
    };
    const saves = (n: number) => Array.from({ length: n }, (_, i) => body(i));
    const floorBodies = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        JSON.stringify(
          executeActivity({
            serviceUrl: floor.serviceUrl,
            userId: `floor-user-${i % (GROUPS * MEMBERS)}`,
            verb: "notes.save",
            data: { dialogueId: "floor", noteId: randomUUID(), text, themes: "luottamus, selkeä kieli" },
          }),
        ),
      );
    const expectType = "application/vnd.microsoft.card.adaptive";
    const measureFloor = () =>
      measureWarm(
        {
          url: `${floor.url}/api/messages`,
          token: floor.token,
          bodies: floorBodies(total),
          concurrency,
          expectType,
        },
        floorBodies(warmup),
        "floor",
      );
    const before = await measureFloor();
    // Warm-up: conversation references, group cache, JIT.
    const ours = await measureWarm(
      { url: `${h.app.url}/api/messages`, token: h.token, bodies: saves(total), concurrency, expectType },
      saves(warmup),
      "ours",
    );
    const after = await measureFloor();
    const { throughput, p99 } = ours;
    const ratio = round(throughput / raw.throughput);
    const p99Ratio = round(p99 / raw.p99);
    return [
      {
        section: "notes",
        name: "note save, 64 concurrent: throughput",
        value: throughput,
        unit: "req/s",
        baseline: { name: "raw upsert req/s", value: raw.throughput },
        ratio,
        goal: "≥ 0.7× raw",
        met: ratio >= 0.7,
      },
      {
        section: "notes",
        name: "note save, 64 concurrent: p99 latency",
        value: p99,
        unit: "ms",
        baseline: { name: "raw upsert p99 ms", value: raw.p99 },
        ratio: p99Ratio,
        goal: "≤ 4× raw",
        met: p99Ratio <= 4,
      },
      ...floorFigures("notes", "note save (floor: one upsert per invoke)", ours, before, after),
    ];
  } finally {
    await floor.close();
    await h.close();
  }
}
