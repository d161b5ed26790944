import { attributesWith, normaliseValue } from "./population";
import type { AttributeKey, GroupPlan } from "./types";

/** How well a plan mixes people; shown to the facilitator next to the groups. */
export interface QualityReport {
  diversity: {
    /**
     * Mean absolute deviation of each group's shares of each diversified attribute's values from
     * the whole event's shares (averaged over values, groups of all rounds and attributes); 0 = every
     * group mirrors the event.
     */
    score: number;
    /** What integer group sizes allow at best (ignoring that people are finite): the score cannot go below it. */
    lowerBound: number;
    /**
     * A tighter lower bound: also each round has exactly the event's people of each value to
     * place (with many groups, most cannot get their rounded share). No plan scores below it;
     * see {@link attainableDeviation}.
     */
    attainableBound: number;
    byAttribute: Partial<
      Record<AttributeKey, { score: number; lowerBound: number; attainableBound: number }>
    >;
  };
  repeats: {
    /** Encounters of a pair that had already met in an earlier round (a pair meeting thrice counts 2). */
    repeatedPairs: number;
    /** All pair encounters in all groups of all rounds. */
    pairMeetings: number;
    /** repeatedPairs / pairMeetings (0 when nobody meets). */
    rate: number;
  };
  /** Groups whose scribe had been scribe before. */
  scribeRepeats: number;
}

/** Counts pair encounters and repeats with per-person Maps (linear in the encounters, no n×n matrix). */
export function countRepeats(plan: GroupPlan): QualityReport["repeats"] {
  const met = new Map<string, Set<string>>();
  let repeatedPairs = 0;
  let pairMeetings = 0;
  for (const round of plan.rounds) {
    const fresh: [string, string][] = [];
    for (const g of round.groups) {
      const ids = g.memberIds;
      for (let a = 0; a < ids.length; a++)
        for (let b = a + 1; b < ids.length; b++) {
          pairMeetings++;
          if (met.get(ids[a]!)?.has(ids[b]!)) repeatedPairs++;
          else fresh.push([ids[a]!, ids[b]!]);
        }
    }
    // Recorded after the round so a pair listed twice in one round is not its own repeat.
    for (const [x, y] of fresh) {
      (met.get(x) ?? met.set(x, new Set()).get(x)!).add(y);
      (met.get(y) ?? met.set(y, new Set()).get(y)!).add(x);
    }
  }
  return { repeatedPairs, pairMeetings, rate: pairMeetings === 0 ? 0 : repeatedPairs / pairMeetings };
}

/**
 * The least total deviation Σ_g |c_g/s_g − p| of one value over groups of the given sizes (as
 * `size → number of groups`) when exactly `total` people of the value are placed, each c_g a
 * whole number ≥ 0. A relaxation of the real problem (the values of one group must also add
 * up to its size), so a lower bound of any plan. Each term is convex in c_g, so taking the
 * cheapest unit changes from the rounded-down counts is optimal: up from ⌊s·p⌋ costs
 * (1 − 2·frac)/s once per group, then 1/s; down costs 1/s.
 */
export function attainableDeviation(share: number, total: number, sizes: Map<number, number>): number {
  let cost = 0;
  let placed = 0;
  const up: [number, number][] = [];
  const down: [number, number][] = [];
  for (const [size, groups] of sizes) {
    const exact = share * size;
    const floor = Math.floor(exact + 1e-9);
    const frac = Math.max(0, exact - floor);
    cost += (groups * frac) / size;
    placed += groups * floor;
    up.push([(1 - 2 * frac) / size, groups], [1 / size, Number.POSITIVE_INFINITY]);
    if (floor > 0) down.push([1 / size, groups * floor]);
  }
  let left = total - placed;
  const steps = left >= 0 ? up : down;
  left = Math.abs(left);
  steps.sort((a, b) => a[0] - b[0]);
  for (const [unit, available] of steps) {
    if (left <= 0) break;
    const take = Math.min(left, available);
    cost += take * unit;
    left -= take;
  }
  return cost;
}

function attributeDiversity(
  plan: GroupPlan,
  key: AttributeKey,
): { score: number; lowerBound: number; attainableBound: number } {
  const valueOf = new Map(plan.registrants.map((r) => [r.id, normaliseValue(r.attributes[key])]));
  const total = plan.registrants.length;
  const share = new Map<string, number>();
  for (const v of valueOf.values()) share.set(v, (share.get(v) ?? 0) + 1 / total);
  const valueCount = share.size;
  const boundCache = new Map<number, number>();
  const boundFor = (size: number): number => {
    let b = boundCache.get(size);
    if (b === undefined) {
      b = 0;
      for (const p of share.values()) b += Math.abs(Math.round(p * size) - p * size) / size;
      b /= valueCount;
      boundCache.set(size, b);
    }
    return b;
  };
  let score = 0;
  let lowerBound = 0;
  let attainable = 0;
  let groups = 0;
  for (const round of plan.rounds) {
    const sizes = new Map<number, number>();
    const totals = new Map<string, number>();
    for (const g of round.groups) {
      if (g.memberIds.length === 0) continue;
      sizes.set(g.memberIds.length, (sizes.get(g.memberIds.length) ?? 0) + 1);
      for (const id of g.memberIds) {
        const v = valueOf.get(id) ?? "";
        totals.set(v, (totals.get(v) ?? 0) + 1);
      }
    }
    for (const [v, p] of share) attainable += attainableDeviation(p, totals.get(v) ?? 0, sizes) / valueCount;
    for (const g of round.groups) {
      const size = g.memberIds.length;
      if (size === 0) continue;
      const counts = new Map<string, number>();
      for (const id of g.memberIds) {
        const v = valueOf.get(id) ?? "";
        counts.set(v, (counts.get(v) ?? 0) + 1);
      }
      // Values absent from the group deviate by their whole share: 1 − Σ(shares present).
      let deviation = 1;
      for (const [v, c] of counts) {
        const p = share.get(v) ?? 0;
        deviation += Math.abs(c / size - p) - p;
      }
      score += deviation / valueCount;
      lowerBound += boundFor(size);
      groups++;
    }
  }
  return groups === 0
    ? { score: 0, lowerBound: 0, attainableBound: 0 }
    : { score: score / groups, lowerBound: lowerBound / groups, attainableBound: attainable / groups };
}

/** The quality report of a plan (diversity on the plan's diversified attributes, repeats, scribe repeats). */
export function assessPlan(plan: GroupPlan): QualityReport {
  const byAttribute: QualityReport["diversity"]["byAttribute"] = {};
  let score = 0;
  let lowerBound = 0;
  let attainableBound = 0;
  const keys = plan.registrants.length > 0 ? attributesWith(plan.options, "diversify") : [];
  for (const key of keys) {
    const d = attributeDiversity(plan, key);
    byAttribute[key] = d;
    score += d.score;
    lowerBound += d.lowerBound;
    attainableBound += d.attainableBound;
  }
  const scribes = new Set<string>();
  let scribeRepeats = 0;
  for (const round of plan.rounds)
    for (const g of round.groups) {
      if (scribes.has(g.scribeId)) scribeRepeats++;
      scribes.add(g.scribeId);
    }
  return {
    diversity: {
      score: keys.length ? score / keys.length : 0,
      lowerBound: keys.length ? lowerBound / keys.length : 0,
      attainableBound: keys.length ? attainableBound / keys.length : 0,
      byAttribute,
    },
    repeats: countRepeats(plan),
    scribeRepeats,
  };
}

/** How well a plan mixes people, in words a facilitator can act on (the raw score means nothing to them). */
export type MixRating = "good" | "fair" | "uneven" | "none";

/**
 * Rates the mix by how far the score is above what the group sizes allow at best
 * ({@link QualityReport} `attainableBound`). The score is a mean deviation of shares (0–1): within
 * 5 percentage points of the best is as good as it gets, beyond 15 some groups are lopsided.
 */
export function rateMix(diversity: QualityReport["diversity"]): MixRating {
  if (Object.keys(diversity.byAttribute).length === 0) return "none";
  const gap = diversity.score - diversity.attainableBound;
  return gap <= 0.05 ? "good" : gap <= 0.15 ? "fair" : "uneven";
}
