import type { BenchContext } from "../lib/context";
import { runDialogueDay, type DialogueDayResult } from "../lib/dialogue-day";
import type { Figure } from "../lib/report";
import { round } from "../lib/stats";

/** The last card within this factor of the least time Teams' limits allow (issue #25). */
const GOAL = 1.15;

function figures(name: string, r: DialogueDayResult): Figure[] {
  const section = "dialogue day";
  const ratio = round(r.sendMs / r.minimumMs);
  return [
    {
      section,
      name: `${name}: first to last card (${r.delivered} activities)`,
      value: round(r.sendMs / 1000),
      unit: "s",
      baseline: { name: "limits' minimum, s", value: round(r.minimumMs / 1000) },
      ratio,
      goal: `≤ ${GOAL}× minimum`,
      met: ratio <= GOAL,
    },
    {
      section,
      name: `${name}: schedule to last card (job pick-up and recording included)`,
      value: round(r.totalMs / 1000),
      unit: "s",
    },
    {
      section,
      name: `${name}: lost / given up / duplicates`,
      value: r.lost + r.gaveUp + r.duplicates,
      unit: `(${r.lost}/${r.gaveUp}/${r.duplicates} of ${r.members} members)`,
      goal: "0",
      met: r.lost + r.gaveUp + r.duplicates === 0,
    },
    {
      section,
      name: `${name}: 429s (conversation ${r.throttledBy.conversation}, tenant ${r.throttledBy.tenant})`,
      value: r.throttled,
      unit: "×",
    },
  ];
}

/**
 * A national dialogue day: dialogues × people whose round 1 starts in the same minute, group
 * cards through the durable outbox. One app process (what one instance draws today) beside
 * three processes on one Azurite (one sender under the lease sends for all), each against a
 * connector that enforces Teams' limits, both compared with the least time the limits allow.
 * Full size 30 × 100; `--quick` 6 × 30.
 */
export async function dialogueDayBench(ctx: BenchContext): Promise<Figure[]> {
  const dialogues = ctx.quick ? 6 : 30;
  const people = ctx.quick ? 30 : 100;
  const base = { connectionString: ctx.azurite.connectionString, dialogues, people, timeoutMs: 600_000 };
  const one = await runDialogueDay({ ...base, instances: 1 });
  const three = await runDialogueDay({ ...base, instances: 3 });
  const out = [
    ...figures(`${dialogues}×${people}, 1 instance`, one),
    ...figures(`${dialogues}×${people}, 3 instances`, three),
  ];
  out.push({
    section: "dialogue day",
    name: "429s of 3 instances beside 1 instance",
    value: three.throttled,
    unit: "×",
    baseline: { name: "1 instance", value: one.throttled },
    goal: "≤ 1 instance's",
    met: three.throttled <= one.throttled,
  });
  return out;
}
