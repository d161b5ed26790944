import { REPEAT_WEIGHT } from "./assign";
import { sizeFlags, scribeTiebreak } from "./form-groups";
import type { Population } from "./population";
import { chooseScribe } from "./scribes";
import type { GroupFlag, GroupPlan, PlannedGroup, RoundPlan } from "./types";

/**
 * Shared helpers of the incremental operations. They edit a deep copy of the plan, so callers'
 * plans never change under them and a failed step leaves nothing half-done.
 */

/** A deep copy (plans are plain JSON data). */
export function clonePlan(plan: GroupPlan): GroupPlan {
  return structuredClone(plan);
}

/** The round with a 1-based index, if any. */
export function roundAt(plan: GroupPlan, index: number): RoundPlan | undefined {
  return Number.isInteger(index) ? plan.rounds.find((r) => r.index === index) : undefined;
}

/** The group of a round that holds a person, if any. */
export function groupOf(round: RoundPlan, id: string): PlannedGroup | undefined {
  return round.groups.find((g) => g.memberIds.includes(id));
}

/** Everyone a person meets in the plan's rounds other than `exceptRound`, with how many times. */
export function metOf(plan: GroupPlan, id: string, exceptRound: number): Map<string, number> {
  const met = new Map<string, number>();
  for (const r of plan.rounds) {
    if (r.index === exceptRound) continue;
    const g = groupOf(r, id);
    if (g) for (const other of g.memberIds) if (other !== id) met.set(other, (met.get(other) ?? 0) + 1);
  }
  return met;
}

/** The cost a person adds to a member list: shared diversified values plus people met before. */
export function personCost(
  pop: Population,
  id: string,
  memberIds: readonly string[],
  met: ReadonlyMap<string, number>,
): number {
  const i = pop.indexOf.get(id);
  if (i === undefined) return 0;
  let c = 0;
  for (const other of memberIds) {
    const j = pop.indexOf.get(other);
    if (j === undefined || j === i) continue;
    for (let d = 0; d < pop.dims.length; d++) if (pop.dims[d]![i] === pop.dims[d]![j]) c += pop.weights[d]!;
    if (met.has(other)) c += REPEAT_WEIGHT;
  }
  return c;
}

/** Numbers a round's groups 1…n again after one was removed. */
export function renumber(round: RoundPlan): void {
  round.groups.forEach((g, i) => (g.number = i + 1));
}

/** Recomputes the size flags of a group, keeping the others. */
export function refreshFlags(plan: GroupPlan, group: PlannedGroup): void {
  const kept = group.flags.filter((f): f is GroupFlag => f !== "belowMinSize" && f !== "aboveMaxSize");
  group.flags = [...kept, ...sizeFlags(group.memberIds.length, plan.options)];
}

/** Chooses a group's scribe again by the usual rule, counting scribe turns in the rest of the plan. */
export function reassignScribe(
  plan: GroupPlan,
  pop: Population,
  round: RoundPlan,
  group: PlannedGroup,
): void {
  const counts = new Map<string, number>();
  for (const r of plan.rounds)
    for (const g of r.groups) if (g !== group) counts.set(g.scribeId, (counts.get(g.scribeId) ?? 0) + 1);
  const best = chooseScribe(
    group.memberIds.map((id) => {
      const i = pop.indexOf.get(id) ?? -1;
      return {
        id,
        timesScribe: counts.get(id) ?? 0,
        volunteer: pop.volunteer[i] ?? false,
        hasNeed: pop.hasNeed[i] ?? false,
        tiebreak: scribeTiebreak(plan.options.seed, round.index, id),
      };
    }),
  );
  if (best) group.scribeId = best.id;
}

/** Rounds from `fromRound` on (all when it is 1). */
export function roundsFrom(plan: GroupPlan, fromRound: number): RoundPlan[] {
  return plan.rounds.filter((r) => r.index >= fromRound);
}

/** True when `fromRound` names a round of the plan. */
export function isRoundIndex(plan: GroupPlan, fromRound: number): boolean {
  return roundAt(plan, fromRound) !== undefined;
}
