import { formGroups, sanitiseRegistrants } from "./form-groups";
import { clonePlan, groupOf, personCost, reassignScribe, refreshFlags, roundAt } from "./plan-edit";
import { buildPopulation, clusterKeyOf, likeness } from "./population";
import type {
  GroupingResult,
  GroupingWarning,
  GroupPlan,
  PlannedGroup,
  Registrant,
  RoundPlan,
} from "./types";
import { warn } from "./warnings";

/** One person's change in the running round: left a group, joined one, or both (a move). */
export interface SeatMove {
  personId: string;
  fromGroup?: number;
  toGroup?: number;
}

/**
 * An attendance change and what it does, so the facilitator can be told before it happens:
 * the moves in the running round (nobody else changes room) and the round from which the later
 * groups are formed afresh (0: none).
 */
export interface AttendanceOutcome extends GroupingResult {
  moves: SeatMove[];
  reformedFrom: number;
  /** People the later rounds are formed with. */
  present: number;
  /** A late joiner who found no group with room in the running round: they join from the next. */
  waits?: boolean;
  /** Nothing could be done (e.g. every group full and no later round); the plan is unchanged. */
  refused?: "groupsFull";
}

/**
 * Forms the rounds from `fromRound` on afresh, within the plan's size limits, with exactly the
 * people in `ids` (the earlier rounds are history and stay). Warnings name the plan's rounds.
 */
export function reformFrom(plan: GroupPlan, fromRound: number, ids: ReadonlySet<string>): GroupingResult {
  const later = plan.rounds.filter((r) => r.index >= fromRound);
  if (later.length === 0) return { plan, warnings: [] };
  const { options } = plan;
  const people = plan.registrants.filter((r) => ids.has(r.id));
  const formed = formGroups(people, {
    minSize: options.minSize,
    maxSize: options.maxSize,
    targetSize: options.targetSize,
    policies: options.policies,
    rounds: later.length,
    // Same change → same groups; a different round start gives different pairs.
    seed: (options.seed + fromRound) >>> 0,
  });
  const shift = fromRound - 1;
  const rounds: RoundPlan[] = [
    ...plan.rounds.filter((r) => r.index < fromRound),
    ...formed.plan.rounds.map((r) => ({ index: r.index + shift, groups: r.groups })),
  ];
  const warnings = formed.warnings
    .filter((w) => w.code !== "emptyInput")
    .map((w) =>
      typeof w.params.round === "number"
        ? { ...w, params: { ...w.params, round: w.params.round + shift } }
        : w,
    );
  return { plan: { ...plan, rounds }, warnings };
}

const idsOf = (round: RoundPlan | undefined) => new Set(round?.groups.flatMap((g) => g.memberIds) ?? []);

/** The group-below-minimum warning of a group, if it is below and has not been kept on purpose. */
function belowMin(plan: GroupPlan, round: number, g: PlannedGroup): GroupingWarning[] {
  const { minSize } = plan.options;
  return g.memberIds.length < minSize && !g.flags.includes("keptSmall")
    ? [warn("groupBelowMin", { round, group: g.number, size: g.memberIds.length, minSize })]
    : [];
}

/**
 * A person is absent from round `from` on. In a running round only their own group changes (it
 * keeps its room and gets a new scribe if needed; below the minimum it is warned about, never
 * merged silently); the rounds after it — or, when `from` has not started, `from` itself on — are
 * formed afresh with the people present.
 */
export function markAbsent(plan: GroupPlan, id: string, from: number, running: boolean): AttendanceOutcome {
  const next = clonePlan(plan);
  const round = roundAt(next, from);
  const moves: SeatMove[] = [];
  const warnings: GroupingWarning[] = [];
  let present: Set<string>;
  if (running && round) {
    const group = groupOf(round, id);
    if (group) {
      moves.push({ personId: id, fromGroup: group.number });
      group.memberIds = group.memberIds.filter((m) => m !== id);
      if (group.memberIds.length === 0) {
        // The other groups keep their numbers: a number is a room people are sitting in.
        round.groups = round.groups.filter((g) => g !== group);
      } else {
        if (group.scribeId === id)
          reassignScribe(next, buildPopulation(next.registrants, next.options), round, group);
        refreshFlags(next, group);
        warnings.push(...belowMin(next, from, group));
      }
    }
    present = idsOf(round);
  } else {
    present = idsOf(round);
    present.delete(id);
  }
  const reformedFrom = running ? from + 1 : from;
  const reformed = reformFrom(next, reformedFrom, present);
  // Someone who never came leaves the event's records; someone who attended earlier rounds stays.
  const first = next.rounds[0]?.index ?? 1;
  const registrants =
    from <= first ? reformed.plan.registrants.filter((r) => r.id !== id) : reformed.plan.registrants;
  return {
    plan: { ...reformed.plan, registrants },
    warnings: [...warnings, ...reformed.warnings],
    moves,
    reformedFrom: roundAt(next, reformedFrom) ? reformedFrom : 0,
    present: present.size,
  };
}

/** The group of a running round with room that fits a person best (same cluster, smallest, least met). */
function groupWithRoom(plan: GroupPlan, round: RoundPlan, person: Registrant): PlannedGroup | undefined {
  const open = round.groups.filter((g) => g.memberIds.length < plan.options.maxSize);
  if (open.length === 0) return undefined;
  const key = clusterKeyOf(person, plan.options);
  const best = Math.max(...open.map((g) => likeness(key, g.cluster)));
  const near = open.filter((g) => likeness(key, g.cluster) === best);
  const smallest = Math.min(...near.map((g) => g.memberIds.length));
  const pop = buildPopulation(plan.registrants, plan.options);
  let target: PlannedGroup | undefined;
  let cost = Infinity;
  for (const g of near) {
    if (g.memberIds.length !== smallest) continue;
    const c = personCost(pop, person.id, g.memberIds, new Map());
    if (c < cost) [target, cost] = [g, c];
  }
  return target;
}

/**
 * A late joiner from round `from` on. In a running round they join a group with room (never
 * above the maximum; nobody else moves), or — every group full — wait for the next round; the
 * later rounds are formed afresh with them.
 */
export function addJoiner(
  plan: GroupPlan,
  registrant: Registrant,
  from: number,
  running: boolean,
): AttendanceOutcome {
  const person = sanitiseRegistrants([registrant]).registrants[0];
  const none = { plan, warnings: [], moves: [], reformedFrom: 0, present: 0 };
  if (!person) return none;
  const next = clonePlan(plan);
  next.registrants = [...next.registrants.filter((r) => r.id !== person.id), person];
  const round = roundAt(next, from);
  const moves: SeatMove[] = [];
  const present = idsOf(round);
  let waits = false;
  if (running && round) {
    const target = groupWithRoom(next, round, person);
    if (target) {
      target.memberIds.push(person.id);
      refreshFlags(next, target);
      moves.push({ personId: person.id, toGroup: target.number });
    } else waits = true;
  }
  present.add(person.id);
  const reformedFrom = running ? from + 1 : from;
  if (!roundAt(next, reformedFrom) && (waits || !round)) return { ...none, refused: "groupsFull" };
  const reformed = reformFrom(next, reformedFrom, present);
  return {
    plan: reformed.plan,
    warnings: reformed.warnings,
    moves,
    reformedFrom: roundAt(next, reformedFrom) ? reformedFrom : 0,
    present: present.size,
    waits,
  };
}

/**
 * The facilitator's choice for a group below the minimum in a running round: its members move
 * into the other groups with room (each to a smallest one, never above the maximum) and the
 * group closes. Refused when the others have too little room; no other group changes members.
 */
export function dissolveGroup(plan: GroupPlan, roundIndex: number, groupNumber: number): AttendanceOutcome {
  const next = clonePlan(plan);
  const round = roundAt(next, roundIndex);
  const group = round?.groups.find((g) => g.number === groupNumber);
  const none = { plan, warnings: [], moves: [], reformedFrom: 0, present: 0 };
  if (!round || !group) return none;
  // Only into groups that talk the same way (language, attendance): a room with space elsewhere is no help.
  const others = round.groups.filter((g) => g !== group && g.cluster === group.cluster);
  const room = others.reduce((sum, g) => sum + Math.max(0, next.options.maxSize - g.memberIds.length), 0);
  if (others.length === 0 || room < group.memberIds.length) return { ...none, refused: "groupsFull" };
  const moves: SeatMove[] = [];
  const byId = new Map(next.registrants.map((r) => [r.id, r]));
  for (const id of group.memberIds) {
    const person = byId.get(id) ?? { id, firstName: "", attributes: { language: "" } };
    const to = groupWithRoom(next, { index: roundIndex, groups: others }, person)!;
    to.memberIds.push(id);
    refreshFlags(next, to);
    moves.push({ personId: id, fromGroup: group.number, toGroup: to.number });
  }
  round.groups = round.groups.filter((g) => g !== group);
  return { plan: next, warnings: [], moves, reformedFrom: 0, present: idsOf(round).size };
}

/** The facilitator keeps a small group as it is: it is no longer offered for merging. */
export function keepGroup(plan: GroupPlan, roundIndex: number, groupNumber: number): GroupPlan {
  const next = clonePlan(plan);
  const group = roundAt(next, roundIndex)?.groups.find((g) => g.number === groupNumber);
  if (group && !group.flags.includes("keptSmall")) group.flags.push("keptSmall");
  return next;
}

/** Groups of a round below the minimum that the facilitator has not chosen to keep. */
export function smallGroups(plan: GroupPlan, roundIndex: number): PlannedGroup[] {
  const round = roundAt(plan, roundIndex);
  return (round?.groups ?? []).filter(
    (g) => g.memberIds.length < plan.options.minSize && !g.flags.includes("keptSmall"),
  );
}
