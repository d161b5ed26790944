import { REPEAT_WEIGHT, type CostModel } from "./assign";
import { shuffleInPlace, type Random } from "./prng";

/**
 * The event's shares of each diversified attribute's values, as the quality report measures
 * them (quality.ts): every missing value counts as one value, "unknown".
 */
export interface ShareModel {
  /** Per diversified dimension (the first `shares.length` of the model's dims): share by key. */
  shares: Float64Array[];
  /** Per dimension: 1 / number of distinct values (the report averages over values). */
  valueWeight: number[];
}

/** Key of a person's value in a dimension: 0 for missing (negative codes), code + 1 otherwise. */
const keyOf = (codes: Int32Array, i: number) => (codes[i]! < 0 ? 0 : codes[i]! + 1);

/** Shares of the first `count` dimensions over people `0…n−1`. */
export function shareModel(dims: readonly Int32Array[], count: number): ShareModel {
  const shares: Float64Array[] = [];
  const valueWeight: number[] = [];
  for (let d = 0; d < count; d++) {
    const codes = dims[d]!;
    let max = 0;
    for (let i = 0; i < codes.length; i++) max = Math.max(max, keyOf(codes, i));
    const share = new Float64Array(max + 1);
    for (let i = 0; i < codes.length; i++) share[keyOf(codes, i)]! += 1 / codes.length;
    shares.push(share);
    valueWeight.push(1 / share.reduce((n, p) => n + (p > 0 ? 1 : 0), 0));
  }
  return { shares, valueWeight };
}

/** A present value's part of a group's deviation (|count/size − share| − share; absent values add 0). */
const part = (count: number, share: number, size: number) =>
  count > 0 ? Math.abs(count / size - share) - share : 0;

/**
 * Swap search on the quality report's own measure. The pair cost `assign.ts` minimises (shared
 * values per pair) is a squared measure; the report scores each group's absolute deviation of
 * value shares from the event's. With thousands of people and many rare values (organisations)
 * the two part ways, and the pair cost leaves the report well above its bound. This pass swaps
 * two people of different groups when that lowers the report's deviation, never raising the
 * rest of the pair cost (repeated pairs, the volunteer and fresh-scribe dimensions). A swap's
 * effect is computed from per-group value counts in O(dimensions), so many partners can be
 * tried: `tries` random partners per person whose value is over-represented in their group.
 */
export function polish(
  model: CostModel,
  metric: ShareModel,
  groups: number[][],
  random: Random,
  options: { tries: number; passes: number },
): void {
  if (groups.length < 2) return;
  const k = metric.shares.length;
  const everyone = groups.flat();
  const groupOf = new Int32Array(everyone.reduce((m, i) => Math.max(m, i), 0) + 1);
  const counts: Map<number, number>[] = [];
  groups.forEach((g, gi) => {
    for (const i of g) groupOf[i] = gi;
    for (let d = 0; d < k; d++) {
      const m = new Map<number, number>();
      for (const i of g) {
        const key = keyOf(model.dims[d]!, i);
        m.set(key, (m.get(key) ?? 0) + 1);
      }
      counts[gi * k + d] = m;
    }
  });

  /** Change of group `g`'s deviation when `out` leaves it and `into` takes the place. */
  const deviationDelta = (g: number, out: number, into: number): number => {
    const size = groups[g]!.length;
    let delta = 0;
    for (let d = 0; d < k; d++) {
      const codes = model.dims[d]!;
      const a = keyOf(codes, out);
      const b = keyOf(codes, into);
      if (a === b) continue;
      const m = counts[g * k + d]!;
      const p = metric.shares[d]!;
      const ca = m.get(a) ?? 0;
      const cb = m.get(b) ?? 0;
      delta +=
        (part(ca - 1, p[a]!, size) -
          part(ca, p[a]!, size) +
          part(cb + 1, p[b]!, size) -
          part(cb, p[b]!, size)) *
        metric.valueWeight[d]!;
    }
    return delta;
  };

  /** Pair cost of `i` in group `g` (except `except`) on what the deviation does not measure. */
  const sideCost = (i: number, g: number, except: number): number => {
    let c = 0;
    for (const j of groups[g]!) {
      if (j === i || j === except) continue;
      for (let d = k; d < model.dims.length; d++)
        if (model.dims[d]![i] === model.dims[d]![j]) c += model.weights[d]!;
      if (model.met[i]!.has(j)) c += REPEAT_WEIGHT;
    }
    return c;
  };

  /** Whether `i`'s value is over-represented in its group in some dimension (a reason to move). */
  const crowded = (i: number): boolean => {
    const g = groupOf[i]!;
    const size = groups[g]!.length;
    for (let d = 0; d < k; d++) {
      const key = keyOf(model.dims[d]!, i);
      // Above its share — except one person of a rare value (share·size < 1), who is where
      // every group would have them: moving them cannot help that dimension.
      if (counts[g * k + d]!.get(key)! > Math.max(1, metric.shares[d]![key]! * size) + 1e-9) return true;
    }
    return false;
  };

  const move = (g: number, out: number, into: number) => {
    for (let d = 0; d < k; d++) {
      const m = counts[g * k + d]!;
      const a = keyOf(model.dims[d]!, out);
      const b = keyOf(model.dims[d]!, into);
      const left = m.get(a)! - 1;
      if (left === 0) m.delete(a);
      else m.set(a, left);
      m.set(b, (m.get(b) ?? 0) + 1);
    }
    const members = groups[g]!;
    members[members.indexOf(out)] = into;
    groupOf[into] = g;
  };

  for (let pass = 0; pass < options.passes; pass++) {
    let improved = false;
    for (const i of shuffleInPlace([...everyone], random)) {
      if (!crowded(i)) continue;
      const gi = groupOf[i]!;
      let best = -1e-12;
      let bestJ = -1;
      for (let t = 0; t < options.tries; t++) {
        const j = everyone[Math.floor(random() * everyone.length)]!;
        const gj = groupOf[j]!;
        if (gj === gi) continue;
        const delta = deviationDelta(gi, i, j) + deviationDelta(gj, j, i);
        if (delta >= best) continue;
        const side = sideCost(j, gi, i) + sideCost(i, gj, j) - sideCost(i, gi, -1) - sideCost(j, gj, -1);
        if (side > 0) continue;
        best = delta;
        bestJ = j;
      }
      if (bestJ < 0) continue;
      const gj = groupOf[bestJ]!;
      move(gi, i, bestJ);
      move(gj, bestJ, i);
      improved = true;
    }
    if (!improved) break;
  }
}
