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

/** What only a rolling restart shows: the stops, the handovers and who sent the rest. */
function restartFigures(name: string, r: DialogueDayResult, instances: number): Figure[] {
  const section = "dialogue day";
  const steps = r.restarts;
  const orderly = steps.filter((s) => s.exit.graceful).length;
  const midSend = steps.filter((s) => s.cardsAtStop < r.members).length;
  const starts = steps.flatMap((s) => (s.replacementStartMs === undefined ? [] : [s.replacementStartMs]));
  const out: Figure[] = [
    {
      section,
      name: `${name}: stops orderly (exit 0) / while cards went out / of the lease holder`,
      value: orderly,
      unit:
        `(${orderly}/${midSend}/${steps.filter((s) => s.wasHolder).length} of ${instances})` +
        steps
          .flatMap((s) =>
            s.replacementError ? [` — a replacement did not start: ${s.replacementError}`] : [],
          )
          .join(""),
      goal: "all orderly, all mid-send",
      met: orderly === instances && midSend === instances,
    },
    {
      section,
      name: `${name}: longest stop, SIGTERM to exit`,
      value: round(Math.max(0, ...steps.map((s) => s.exit.ms)) / 1000),
      unit: "s",
    },
    {
      section,
      name: `${name}: longest pause between two cards (a handover)`,
      value: round(r.longestGapMs / 1000),
      unit: "s",
    },
    {
      section,
      name: `${name}: 429s from the lease holder's SIGTERM to 2 s after its exit`,
      value: r.throttledAtHandovers,
      unit: "×",
    },
    {
      section,
      name: `${name}: rows sent by the new processes`,
      value: r.sentByReplacements,
      unit: `of ${r.delivered}`,
    },
  ];
  if (starts.length > 0)
    out.push({
      section,
      name: `${name}: longest replacement start (to /api/health 200)`,
      value: round(Math.max(...starts) / 1000),
      unit: "s",
    });
  return out;
}

/**
 * A national dialogue day: dialogues × people whose round 1 starts in the same minute, group
 * cards through the durable outbox. One app process (what one instance draws today) beside
 * three processes on one Azurite (one sender under the lease sends for all), each against a
 * connector that enforces Teams' limits, both compared with the least time the limits allow.
 * Then three instances again, each restarted once while the cards go out (SIGTERM, as a deploy
 * stops an instance): at full size in place (stop, then start its replacement), with `--quick`
 * as a slot swap (new processes up first), since a start takes longer than a quick run's sending.
 * Full size 30 × 100; `--quick` 6 × 30.
 */
export async function dialogueDayBench(ctx: BenchContext): Promise<Figure[]> {
  const dialogues = ctx.quick ? 6 : 30;
  const people = ctx.quick ? 30 : 100;
  const base = { connectionString: ctx.azurite.connectionString, dialogues, people, timeoutMs: 600_000 };
  const one = await runDialogueDay({ ...base, instances: 1 });
  const three = await runDialogueDay({ ...base, instances: 3 });
  const restart = ctx.quick ? "surge" : "in-place";
  const rolling = await runDialogueDay({ ...base, instances: 3, restart });
  const rollingName = `${dialogues}×${people}, 3 instances, rolling restart (${restart === "surge" ? "new first" : "in place"})`;
  const out = [
    ...figures(`${dialogues}×${people}, 1 instance`, one),
    ...figures(`${dialogues}×${people}, 3 instances`, three),
    ...figures(rollingName, rolling),
    ...restartFigures(rollingName, rolling, 3),
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
  out.push({
    section: "dialogue day",
    name: "429s of the rolling restart beside 1 instance",
    value: rolling.throttled,
    unit: "×",
    baseline: { name: "1 instance", value: one.throttled },
    goal: "≤ 1 instance's",
    met: rolling.throttled <= one.throttled,
  });
  return out;
}
