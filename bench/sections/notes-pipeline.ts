import { randomUUID } from "node:crypto";
import { executeActivity } from "../../bot/testing/activities";
import { arrangeRunningRound, memberId } from "../../bot/testing/arrange";
import type { BenchContext } from "../lib/context";
import { startBotHarness } from "../lib/bot-harness";
import type { Figure } from "../lib/report";
import { postInWorker } from "../lib/load";
import { percentile, round } from "../lib/stats";
import { measureRawUpsert } from "./raw-upsert";

const GROUPS = 8;
const MEMBERS = 8;

/**
 * 64 concurrent note saves (Action.Execute `notes.save`) through the whole path — HTTP → JWT
 * check → adapter → handler → Tables → invoke response with the refreshed card — beside raw
 * Azurite upserts of a note-sized row measured in the same run. The client runs in a worker
 * thread, as Teams would be another machine.
 */
export async function notesPipelineBench(ctx: BenchContext): Promise<Figure[]> {
  const total = ctx.quick ? 256 : 2000;
  const concurrency = 64;
  const raw = await measureRawUpsert(ctx, total, concurrency);
  const h = await startBotHarness(ctx);
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
    const load = (n: number) =>
      postInWorker({
        url: `${h.app.url}/api/messages`,
        token: h.token,
        bodies: Array.from({ length: n }, (_, i) => body(i)),
        concurrency,
        expectType: "application/vnd.microsoft.card.adaptive",
      });
    // Warm-up: conversation references, group cache, JIT.
    await load(GROUPS * MEMBERS);
    const { latencies, wallMs, failures } = await load(total);
    if (failures.length > 0) throw new Error(`${failures.length} failed saves, e.g. ${failures[0]}`);
    const throughput = round((total / wallMs) * 1000, 1);
    const p99 = round(percentile(latencies, 99));
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
    ];
  } finally {
    await h.close();
  }
}
