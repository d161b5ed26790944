import { sanitiseRegistrants } from "./form-groups";
import { clonePlan, isRoundIndex, personCost, refreshFlags, roundsFrom } from "./plan-edit";
import { buildPopulation, clusterKeyOf, likeness } from "./population";
import type { GroupingResult, GroupPlan, PlannedGroup, Registrant } from "./types";
import { warn } from "./warnings";

/**
 * Puts a late registrant into the best existing group of each round from `fromRound` on (the
 * upcoming round; earlier rounds are history). Nobody else moves: the joiner goes to one of the
 * smallest groups of their cluster (keeping sizes balanced), the one they fit best by diversity
 * and fewest people already met in this plan.
 */
export function addLateJoiner(plan: GroupPlan, registrant: Registrant, fromRound = 1): GroupingResult {
  const checked = sanitiseRegistrants([registrant]);
  const person = checked.registrants[0];
  if (!person) return { plan, warnings: checked.warnings };
  if (plan.registrants.some((r) => r.id === person.id)) {
    return { plan, warnings: [warn("alreadyInPlan", { id: person.id })] };
  }
  if (!isRoundIndex(plan, fromRound))
    return { plan, warnings: [warn("unknownRound", { round: String(fromRound) })] };

  const next = clonePlan(plan);
  next.registrants.push(person);
  const pop = buildPopulation(next.registrants, next.options);
  const key = clusterKeyOf(person, next.options);
  const warnings: GroupingResult["warnings"] = [];
  const met = new Map<string, number>();
  for (const round of roundsFrom(next, fromRound)) {
    if (round.groups.length === 0) {
      // Nobody to join: the person opens the round's first group.
      round.groups.push({ number: 1, cluster: key, memberIds: [person.id], scribeId: person.id, flags: [] });
      refreshFlags(next, round.groups[0]!);
      continue;
    }
    let candidates = round.groups.filter((g) => g.cluster === key);
    const matched = candidates.length > 0;
    if (!matched) {
      const best = Math.max(...round.groups.map((g) => likeness(key, g.cluster)));
      candidates = round.groups.filter((g) => likeness(key, g.cluster) === best);
    }
    const smallest = Math.min(...candidates.map((g) => g.memberIds.length));
    let target: PlannedGroup | undefined;
    let targetCost = Infinity;
    for (const g of candidates) {
      if (g.memberIds.length !== smallest) continue;
      const c = personCost(pop, person.id, g.memberIds, met);
      if (c < targetCost) {
        target = g;
        targetCost = c;
      }
    }
    const group = target!;
    for (const id of group.memberIds) met.set(id, (met.get(id) ?? 0) + 1);
    group.memberIds.push(person.id);
    refreshFlags(next, group);
    if (!matched) {
      if (!group.flags.includes("clusterMismatch")) group.flags.push("clusterMismatch");
      warnings.push(warn("noMatchingCluster", { cluster: key, round: round.index, group: group.number }));
    }
    if (group.memberIds.length > next.options.maxSize) {
      warnings.push(
        warn("groupAboveMax", {
          round: round.index,
          group: group.number,
          size: group.memberIds.length,
          maxSize: next.options.maxSize,
        }),
      );
    }
  }
  return { plan: next, warnings };
}
