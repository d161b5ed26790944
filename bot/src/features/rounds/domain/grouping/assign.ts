import type { Random } from "./prng";
import { shuffleInPlace } from "./prng";

/**
 * Assignment of one cluster's people to groups of fixed sizes for one round: a greedy deal that
 * spreads equal values, then bounded swap improvement. The cost of a group is the sum over its
 * pairs of (shared diversified values × weight) + (met before × REPEAT_WEIGHT); lower is better.
 * Memory stays linear: "met before" is a small Map per person (index → times met), never an n×n
 * matrix.
 */

/** A repeated pair costs more than sharing one attribute: new encounters are the point of rounds. */
export const REPEAT_WEIGHT = 3;

/** Clusters up to this size get exhaustive swap search and restarts (cheap, and small events notice). */
const SMALL = 40;
const RESTARTS_SMALL = 40;
/** Greedy looks at this many open groups per person in large clusters. */
const WINDOW = 12;
/** Partners tried per person and pass in large clusters, and the number of passes (one: the
 * deviation polish of polish.ts, run after, does the rest more cheaply). */
const PARTNERS_LARGE = 6;
const PASSES_LARGE = 1;

/** What the cost needs to know about people. */
export interface CostModel {
  dims: Int32Array[];
  weights: number[];
  /** Person index → (index met in earlier rounds → how many times). */
  met: Map<number, number>[];
}

/** Cost of one pair. */
export function pairCost(model: CostModel, i: number, j: number): number {
  let c = 0;
  for (let d = 0; d < model.dims.length; d++) {
    const codes = model.dims[d]!;
    if (codes[i] === codes[j]) c += model.weights[d]!;
  }
  // Once or thrice the same: a repeat costs one non-new encounter either way (see quality.ts).
  if (model.met[i]!.has(j)) c += REPEAT_WEIGHT;
  return c;
}

/** Cost person `i` adds to `group` (ignoring `i` itself and `except`). */
export function costIn(model: CostModel, i: number, group: readonly number[], except = -1): number {
  let c = 0;
  for (const j of group) if (j !== i && j !== except) c += pairCost(model, i, j);
  return c;
}

/** Total cost of a partition. */
export function partitionCost(model: CostModel, groups: readonly (readonly number[])[]): number {
  let c = 0;
  for (const g of groups)
    for (let a = 0; a < g.length; a++)
      for (let b = a + 1; b < g.length; b++) c += pairCost(model, g[a]!, g[b]!);
  return c;
}

/** People ordered so equal values sit next to each other (random within), which a round-robin deal spreads. */
function dealOrder(model: CostModel, members: readonly number[], random: Random): number[] {
  const order = shuffleInPlace([...members], random);
  const dims = model.dims;
  if (dims.length === 0) return order;
  const first = Math.floor(random() * dims.length);
  return order.sort((a, b) => {
    for (let t = 0; t < dims.length; t++) {
      const codes = dims[(first + t) % dims.length]!;
      // Negative codes are unique "unknown" values: equal for ordering, so the shuffle decides.
      const d = Math.max(-1, codes[a]!) - Math.max(-1, codes[b]!);
      if (d !== 0) return d;
    }
    return 0;
  });
}

function greedy(
  model: CostModel,
  members: readonly number[],
  sizes: readonly number[],
  random: Random,
): number[][] {
  const groups: number[][] = sizes.map(() => []);
  const open = shuffleInPlace(
    sizes.map((_, g) => g),
    random,
  ).filter((g) => sizes[g]! > 0);
  const window = members.length <= SMALL ? Number.MAX_SAFE_INTEGER : WINDOW;
  let pointer = 0;
  for (const i of dealOrder(model, members, random)) {
    const span = Math.min(window, open.length);
    let bestSlot = pointer % open.length;
    let bestCost = Infinity;
    for (let t = 0; t < span; t++) {
      const slot = (pointer + t) % open.length;
      const c = costIn(model, i, groups[open[slot]!]!);
      if (c < bestCost) {
        bestCost = c;
        bestSlot = slot;
      }
    }
    const g = open[bestSlot]!;
    groups[g]!.push(i);
    if (groups[g]!.length >= sizes[g]!) {
      open[bestSlot] = open[open.length - 1]!;
      open.pop();
    }
    pointer = open.length > 0 ? (bestSlot + 1) % open.length : 0;
  }
  return groups;
}

/** Swap improvement; `exhaustive` tries every partner, otherwise a few random ones per person. */
function improve(model: CostModel, groups: number[][], random: Random, exhaustive: boolean): void {
  if (groups.length < 2) return;
  const everyone = groups.flat();
  // Person indices are dense (0…n−1 of the population), so a typed array beats a Map here.
  const groupOf = new Int32Array(everyone.reduce((m, i) => Math.max(m, i), 0) + 1);
  groups.forEach((g, gi) => g.forEach((i) => (groupOf[i] = gi)));
  const passes = exhaustive ? 50 : PASSES_LARGE;
  for (let pass = 0; pass < passes; pass++) {
    let improved = false;
    for (const i of shuffleInPlace([...everyone], random)) {
      const gi = groupOf[i]!;
      const own = costIn(model, i, groups[gi]!);
      if (own === 0) continue;
      const tries = exhaustive ? everyone.length : PARTNERS_LARGE;
      let best = 0;
      let bestJ = -1;
      for (let t = 0; t < tries; t++) {
        const j = exhaustive ? everyone[t]! : everyone[Math.floor(random() * everyone.length)]!;
        const gj = groupOf[j]!;
        if (gj === gi) continue;
        const delta =
          costIn(model, i, groups[gj]!, j) +
          costIn(model, j, groups[gi]!, i) -
          own -
          costIn(model, j, groups[gj]!);
        if (delta < best) {
          best = delta;
          bestJ = j;
        }
      }
      if (bestJ < 0) continue;
      const gj = groupOf[bestJ]!;
      const a = groups[gi]!;
      const b = groups[gj]!;
      a[a.indexOf(i)] = bestJ;
      b[b.indexOf(bestJ)] = i;
      groupOf[i] = gj;
      groupOf[bestJ] = gi;
      improved = true;
    }
    if (!improved) break;
  }
}

/**
 * Assigns `members` to groups of exactly `sizes` (same order). Small clusters are solved several
 * times from different deals and the cheapest result kept; the work is bounded either way.
 */
export function assignCluster(
  model: CostModel,
  members: readonly number[],
  sizes: readonly number[],
  random: Random,
): number[][] {
  const small = members.length <= SMALL;
  const restarts = small ? RESTARTS_SMALL : 1;
  let best: number[][] = [];
  let bestCost = Infinity;
  for (let r = 0; r < restarts && bestCost > 0; r++) {
    const groups = greedy(model, members, sizes, random);
    improve(model, groups, random, small);
    const c = restarts > 1 ? partitionCost(model, groups) : 0;
    if (c < bestCost || r === 0) {
      best = groups;
      bestCost = c;
    }
  }
  return best;
}
