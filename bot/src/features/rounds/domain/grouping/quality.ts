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
    byAttribute: Partial<Record<AttributeKey, { score: number; lowerBound: number }>>;
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

function attributeDiversity(plan: GroupPlan, key: AttributeKey): { score: number; lowerBound: number } {
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
  let groups = 0;
  for (const round of plan.rounds)
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
  return groups === 0
    ? { score: 0, lowerBound: 0 }
    : { score: score / groups, lowerBound: lowerBound / groups };
}

/** The quality report of a plan (diversity on the plan's diversified attributes, repeats, scribe repeats). */
export function assessPlan(plan: GroupPlan): QualityReport {
  const byAttribute: QualityReport["diversity"]["byAttribute"] = {};
  let score = 0;
  let lowerBound = 0;
  const keys = plan.registrants.length > 0 ? attributesWith(plan.options, "diversify") : [];
  for (const key of keys) {
    const d = attributeDiversity(plan, key);
    byAttribute[key] = d;
    score += d.score;
    lowerBound += d.lowerBound;
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
      byAttribute,
    },
    repeats: countRepeats(plan),
    scribeRepeats,
  };
}
