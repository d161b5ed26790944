import { buildPopulation, clusterKeyOf } from "./population";
import { clonePlan, groupOf, reassignScribe, refreshFlags, renumber, roundAt } from "./plan-edit";
import type { GroupingResult, GroupingWarning, GroupPlan } from "./types";
import { warn } from "./warnings";

/**
 * The facilitator's manual move of one person into group `toGroup` of a round. Exactly that
 * happens (a deliberate choice is not second-guessed): the old group gets a new scribe if it
 * lost its scribe and disappears if it became empty; sizes or clusters out of line are warned.
 */
export function movePerson(
  plan: GroupPlan,
  round: number,
  personId: string,
  toGroup: number,
): GroupingResult {
  const original = roundAt(plan, round);
  if (!original) return { plan, warnings: [warn("unknownRound", { round: String(round) })] };
  if (!groupOf(original, personId)) return { plan, warnings: [warn("unknownPerson", { id: personId })] };
  if (!original.groups.some((g) => g.number === toGroup)) {
    return { plan, warnings: [warn("unknownGroup", { round, group: String(toGroup) })] };
  }
  const next = clonePlan(plan);
  const r = roundAt(next, round)!;
  const from = groupOf(r, personId)!;
  const to = r.groups.find((g) => g.number === toGroup)!;
  if (from === to) return { plan, warnings: [] };

  const warnings: GroupingWarning[] = [];
  const pop = buildPopulation(next.registrants, next.options);
  from.memberIds = from.memberIds.filter((m) => m !== personId);
  to.memberIds.push(personId);
  refreshFlags(next, to);
  const person = next.registrants.find((p) => p.id === personId);
  const key = person ? clusterKeyOf(person, next.options) : to.cluster;
  if (key !== to.cluster) {
    if (!to.flags.includes("clusterMismatch")) to.flags.push("clusterMismatch");
    warnings.push(warn("clusterMismatch", { round, group: to.number, cluster: to.cluster }));
  }
  if (to.memberIds.length > next.options.maxSize) {
    warnings.push(
      warn("groupAboveMax", {
        round,
        group: to.number,
        size: to.memberIds.length,
        maxSize: next.options.maxSize,
      }),
    );
  }
  if (from.memberIds.length === 0) {
    warnings.push(warn("groupRemoved", { round, group: from.number }));
    r.groups = r.groups.filter((g) => g !== from);
    renumber(r);
  } else {
    if (from.scribeId === personId) reassignScribe(next, pop, r, from);
    refreshFlags(next, from);
    if (from.memberIds.length < next.options.minSize) {
      warnings.push(
        warn("groupBelowMin", {
          round,
          group: from.number,
          size: from.memberIds.length,
          minSize: next.options.minSize,
        }),
      );
    }
  }
  return { plan: next, warnings };
}
