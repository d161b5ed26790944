import { assignCluster, type CostModel } from "./assign";
import { balancedSizes, resolveOptions } from "./options";
import { buildClusters, buildPopulation, type Population } from "./population";
import { polish, shareModel } from "./polish";
import { deriveSeed, mulberry32 } from "./prng";
import { chooseScribe } from "./scribes";
import type {
  GroupFlag,
  GroupingOptions,
  GroupingResult,
  GroupingWarning,
  GroupPlan,
  PlannedGroup,
  Registrant,
  ResolvedGroupingOptions,
  RoundPlan,
} from "./types";
import { warn } from "./warnings";

/** Keeps registrants with a usable id (first of duplicates), explaining what was dropped. */
export function sanitiseRegistrants(input: unknown): {
  registrants: Registrant[];
  warnings: GroupingWarning[];
} {
  const warnings: GroupingWarning[] = [];
  const registrants: Registrant[] = [];
  if (!Array.isArray(input)) return { registrants, warnings };
  const seen = new Set<string>();
  input.forEach((r: unknown, index) => {
    const candidate = r as Partial<Registrant> | null;
    if (!candidate || typeof candidate !== "object" || typeof candidate.id !== "string" || !candidate.id) {
      warnings.push(warn("invalidRegistrant", { index: index + 1 }));
      return;
    }
    if (seen.has(candidate.id)) {
      warnings.push(warn("duplicateRegistrant", { id: candidate.id }));
      return;
    }
    seen.add(candidate.id);
    const attributes = (candidate.attributes ?? {}) as Partial<Registrant["attributes"]>;
    registrants.push({
      ...(candidate as Registrant),
      attributes: {
        ...attributes,
        language: typeof attributes.language === "string" ? attributes.language : "",
      },
    });
  });
  return { registrants, warnings };
}

/** Group flags from size and membership. */
export function sizeFlags(size: number, options: ResolvedGroupingOptions): GroupFlag[] {
  if (size < options.minSize) return ["belowMinSize"];
  if (size > options.maxSize) return ["aboveMaxSize"];
  return [];
}

/** Counts every pair of a round's groups into the people's met maps. */
export function recordMeetings(met: Map<number, number>[], groups: readonly (readonly number[])[]): void {
  for (const g of groups)
    for (const i of g)
      for (const j of g) {
        if (i !== j) met[i]!.set(j, (met[i]!.get(j) ?? 0) + 1);
      }
}

/** Partners tried per crowded person and passes of the deviation polish (polish.ts). */
const POLISH = { tries: 16, passes: 3 };

/** Weight of keeping people who have not been scribe yet apart, so each group has one to take the turn. */
const FRESH_SCRIBE_WEIGHT = 2;

/**
 * The cost model of one round and cluster: the population's dimensions plus, once some people
 * have been scribe, a dimension that spreads those who have not.
 */
function roundModel(
  pop: Population,
  met: Map<number, number>[],
  members: readonly number[],
  groupCount: number,
  counts: Map<string, number>,
): CostModel {
  const fresh = members.filter((i) => !counts.has(pop.ids[i]!)).length;
  // Plenty of fresh people (more than two per group) find their way into every group anyway.
  if (fresh === 0 || fresh > 2 * groupCount) return { dims: pop.dims, weights: pop.weights, met };
  const dim = new Int32Array(pop.ids.length);
  pop.ids.forEach((id, i) => (dim[i] = counts.has(id) ? -1 - i : 0));
  return { dims: [...pop.dims, dim], weights: [...pop.weights, FRESH_SCRIBE_WEIGHT], met };
}

/** A seeded tiebreak per (round, person), stable under incremental changes. */
export function scribeTiebreak(seed: number, round: number, id: string): number {
  return deriveSeed(seed, "scribe", round, id);
}

/** Picks the scribe of a group of person indices and counts it. */
export function pickScribe(
  pop: Population,
  members: readonly number[],
  counts: Map<string, number>,
  seed: number,
  round: number,
): { id: string; repeated: boolean } {
  const best = chooseScribe(
    members.map((i) => ({
      id: pop.ids[i]!,
      timesScribe: counts.get(pop.ids[i]!) ?? 0,
      volunteer: pop.volunteer[i]!,
      hasNeed: pop.hasNeed[i]!,
      tiebreak: scribeTiebreak(seed, round, pop.ids[i]!),
    })),
  )!;
  counts.set(best.id, best.timesScribe + 1);
  return { id: best.id, repeated: best.timesScribe > 0 };
}

function emptyPlan(options: ResolvedGroupingOptions, registrants: Registrant[]): GroupPlan {
  return {
    options,
    registrants,
    rounds: Array.from({ length: options.rounds }, (_, r) => ({ index: r + 1, groups: [] })),
  };
}

function form(input: unknown, rawOptions: Partial<GroupingOptions> | undefined): GroupingResult {
  const { options, warnings } = resolveOptions(rawOptions);
  const cleaned = sanitiseRegistrants(input);
  warnings.push(...cleaned.warnings);
  const registrants = cleaned.registrants;
  if (registrants.length === 0) {
    warnings.push(warn("emptyInput"));
    return { plan: emptyPlan(options, registrants), warnings };
  }

  const pop = buildPopulation(registrants, options);
  const { clusters, merges } = buildClusters(pop, options.minSize);
  for (const m of merges) {
    warnings.push(warn("clusterTooSmall", { cluster: m.from, count: m.count, mergedInto: m.into }));
  }
  if (registrants.length < options.minSize) {
    warnings.push(warn("tooFewPeople", { count: registrants.length, minSize: options.minSize }));
  }
  const sizesOf = clusters.map((c) => {
    const { sizes, outOfRange } = balancedSizes(
      c.members.length,
      options.minSize,
      options.maxSize,
      options.targetSize,
    );
    if (outOfRange && c.members.length >= options.minSize) {
      const distinct = [...new Set(sizes)].sort((a, b) => a - b).join("–");
      warnings.push(
        warn("sizesOutOfRange", {
          cluster: c.key,
          count: c.members.length,
          minSize: options.minSize,
          maxSize: options.maxSize,
          size: distinct,
        }),
      );
    }
    return sizes;
  });

  const shares = shareModel(pop.dims, pop.attributeDims);
  const met = pop.ids.map(() => new Map<number, number>());
  const counts = new Map<string, number>();
  const rounds: RoundPlan[] = [];
  for (let r = 1; r <= options.rounds; r++) {
    const groups: PlannedGroup[] = [];
    const all: number[][] = [];
    let repeatedScribes = 0;
    clusters.forEach((c, ci) => {
      const random = mulberry32(deriveSeed(options.seed, "round", r, c.key));
      const model = roundModel(pop, met, c.members, sizesOf[ci]!.length, counts);
      const assigned = assignCluster(model, c.members, sizesOf[ci]!, random);
      polish(model, shares, assigned, random, POLISH);
      for (const members of assigned) {
        all.push(members);
        const scribe = pickScribe(pop, members, counts, options.seed, r);
        if (scribe.repeated) repeatedScribes++;
        const flags = sizeFlags(members.length, options);
        if (members.some((i) => c.merged.has(i))) flags.unshift("mergedCluster");
        groups.push({
          number: groups.length + 1,
          cluster: c.key,
          memberIds: members.map((i) => pop.ids[i]!),
          scribeId: scribe.id,
          flags,
        });
      }
    });
    if (repeatedScribes > 0) warnings.push(warn("scribeRepeated", { round: r, count: repeatedScribes }));
    recordMeetings(met, all);
    rounds.push({ index: r, groups });
  }
  return { plan: { options, registrants, rounds }, warnings };
}

/**
 * Forms breakout groups for every round: balanced sizes within each cluster (e.g. language),
 * diverse on diversified attributes, few repeated pairs across rounds, a scribe in each group.
 * Deterministic for a seed. Never throws: problems come back as warnings with a best-effort plan.
 */
export function formGroups(registrants: readonly Registrant[], options: GroupingOptions): GroupingResult {
  try {
    return form(registrants, options);
  } catch {
    // Last resort so a bug never takes down the facilitator's flow; the code tells them to retry.
    const { options: resolved } = resolveOptions(options);
    return { plan: emptyPlan(resolved, []), warnings: [warn("internalError")] };
  }
}
