import {
  clonePlan,
  groupOf,
  isRoundIndex,
  metOf,
  personCost,
  reassignScribe,
  refreshFlags,
  renumber,
  roundsFrom,
} from "./plan-edit";
import { buildPopulation, type Population } from "./population";
import type { GroupingResult, GroupingWarning, GroupPlan, PlannedGroup, RoundPlan } from "./types";
import { warn } from "./warnings";

/** Moves `id` from one group to another and keeps both scribes valid. */
function transfer(
  plan: GroupPlan,
  pop: Population,
  round: RoundPlan,
  id: string,
  from: PlannedGroup,
  to: PlannedGroup,
) {
  from.memberIds = from.memberIds.filter((m) => m !== id);
  to.memberIds.push(id);
  if (from.scribeId === id) reassignScribe(plan, pop, round, from);
  refreshFlags(plan, from);
  refreshFlags(plan, to);
}

/**
 * Repairs one round after `group` lost a member, moving as few people as possible: one person
 * from the largest group of the cluster when sizes now differ by two, or — when the group is
 * below the minimum and no donor can spare anyone — its members into the other groups.
 */
function rebalance(
  plan: GroupPlan,
  pop: Population,
  round: RoundPlan,
  group: PlannedGroup,
): GroupingWarning[] {
  const { minSize, maxSize } = plan.options;
  const siblings = round.groups.filter((g) => g !== group && g.cluster === group.cluster);
  const size = group.memberIds.length;
  const donor = siblings.reduce<PlannedGroup | undefined>(
    (best, g) =>
      g.memberIds.length >= size + 2 && (!best || g.memberIds.length > best.memberIds.length) ? g : best,
    undefined,
  );
  if (donor) {
    // The donor gives the non-scribe who fits the receiving group best relative to where they are.
    let pick: string | undefined;
    let pickGain = Infinity;
    for (const id of donor.memberIds) {
      if (id === donor.scribeId) continue;
      const met = metOf(plan, id, round.index);
      const gain = personCost(pop, id, group.memberIds, met) - personCost(pop, id, donor.memberIds, met);
      if (gain < pickGain) {
        pick = id;
        pickGain = gain;
      }
    }
    if (pick) transfer(plan, pop, round, pick, donor, group);
    return [];
  }
  if (size >= minSize) return [];
  const room = siblings.reduce((sum, g) => sum + Math.max(0, maxSize - g.memberIds.length), 0);
  if (siblings.length === 0 || room < size) {
    return [warn("groupBelowMin", { round: round.index, group: group.number, size, minSize })];
  }
  const number = group.number;
  for (const id of [...group.memberIds]) {
    const smallest = Math.min(...siblings.map((g) => g.memberIds.length));
    const met = metOf(plan, id, round.index);
    let to = siblings.find((g) => g.memberIds.length === smallest)!;
    let toCost = Infinity;
    for (const g of siblings) {
      if (g.memberIds.length !== smallest) continue;
      const c = personCost(pop, id, g.memberIds, met);
      if (c < toCost) {
        to = g;
        toCost = c;
      }
    }
    transfer(plan, pop, round, id, group, to);
  }
  round.groups = round.groups.filter((g) => g !== group);
  renumber(round);
  return [warn("groupDissolved", { round: round.index, group: number })];
}

/**
 * Takes a person who did not come out of every round from `fromRound` on. Their group keeps its
 * other members; a new scribe is chosen if they were it; sizes are repaired minimally.
 */
export function removeNoShow(plan: GroupPlan, id: string, fromRound = 1): GroupingResult {
  if (!plan.registrants.some((r) => r.id === id)) return { plan, warnings: [warn("unknownPerson", { id })] };
  if (!isRoundIndex(plan, fromRound))
    return { plan, warnings: [warn("unknownRound", { round: String(fromRound) })] };
  const next = clonePlan(plan);
  const pop = buildPopulation(next.registrants, next.options);
  const warnings: GroupingWarning[] = [];
  for (const round of roundsFrom(next, fromRound)) {
    const group = groupOf(round, id);
    if (!group) continue;
    group.memberIds = group.memberIds.filter((m) => m !== id);
    if (group.memberIds.length === 0) {
      warnings.push(warn("groupRemoved", { round: round.index, group: group.number }));
      round.groups = round.groups.filter((g) => g !== group);
      renumber(round);
      continue;
    }
    if (group.scribeId === id) reassignScribe(next, pop, round, group);
    refreshFlags(next, group);
    warnings.push(...rebalance(next, pop, round, group));
  }
  // Someone who attended earlier rounds stays in the event's records; a full no-show leaves them.
  if (fromRound <= (next.rounds[0]?.index ?? 1))
    next.registrants = next.registrants.filter((r) => r.id !== id);
  return { plan: next, warnings };
}
