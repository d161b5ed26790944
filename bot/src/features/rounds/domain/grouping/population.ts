import { deriveSeed, mulberry32, shuffleInPlace } from "./prng";
import { ATTRIBUTE_KEYS, type AttributeKey, type Registrant, type ResolvedGroupingOptions } from "./types";

/**
 * Registrants turned into small integer codes so cost checks in the hot loops are array reads,
 * not string compares. Person `i` is `ids[i]`.
 */
export interface Population {
  ids: string[];
  indexOf: Map<string, number>;
  /** One code array per diversified dimension; equal codes mean "same value" (missing never equals). */
  dims: Int32Array[];
  /** Weight of each dimension in the cost. */
  weights: number[];
  /** The first this many dims are the diversified attributes (then the volunteer dimension, if any). */
  attributeDims: number;
  volunteer: boolean[];
  /** People with an accessibility need are asked to scribe last. */
  hasNeed: boolean[];
  /** Cluster key each person asked for (before tiny clusters were merged). */
  clusterKey: string[];
}

/** How a value is compared: trimmed, case- and whitespace-insensitive. */
export function normaliseValue(value: string | undefined): string {
  return (value ?? "").trim().replace(/\s+/g, " ").toLocaleLowerCase("fi");
}

/** The attributes with a given policy, in a fixed order. */
export function attributesWith(
  options: ResolvedGroupingOptions,
  policy: "diversify" | "cluster",
): AttributeKey[] {
  return ATTRIBUTE_KEYS.filter((k) => options.policies[k] === policy);
}

/** The cluster a registrant belongs to: its clustered values joined by "/" ("?" for a missing value). */
export function clusterKeyOf(r: Registrant, options: ResolvedGroupingOptions): string {
  return attributesWith(options, "cluster")
    .map((k) => normaliseValue(r.attributes[k]) || "?")
    .join("/");
}

/** Builds the coded population. Value codes are assigned in a seeded order so no value is favoured. */
export function buildPopulation(
  registrants: readonly Registrant[],
  options: ResolvedGroupingOptions,
): Population {
  const n = registrants.length;
  const ids = registrants.map((r) => r.id);
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const volunteer = registrants.map((r) => r.volunteerScribe === true);
  const hasNeed = registrants.map((r) => normaliseValue(r.attributes.accessibility) !== "");
  const dims: Int32Array[] = [];
  const weights: number[] = [];
  for (const key of attributesWith(options, "diversify")) {
    const values = [...new Set(registrants.map((r) => normaliseValue(r.attributes[key])))].filter((v) => v);
    // Nobody shares a value (e.g. nobody gave one): the dimension cannot change any cost.
    if (values.length === 0) continue;
    shuffleInPlace(values.sort(), mulberry32(deriveSeed(options.seed, "codes", key)));
    const codeOf = new Map(values.map((v, c) => [v, c]));
    // A missing value gets a unique negative code: unknowns are not "the same organisation".
    dims.push(
      Int32Array.from(registrants, (r, i) => codeOf.get(normaliseValue(r.attributes[key])) ?? -1 - i),
    );
    weights.push(1);
  }
  const attributeDims = dims.length;
  // Spreading volunteers gives more groups a willing scribe; only meaningful while they are few.
  const volunteers = volunteer.filter(Boolean).length;
  if (volunteers > 0 && volunteers * 2 <= n) {
    dims.push(Int32Array.from(volunteer, (v, i) => (v ? 0 : -1 - i)));
    weights.push(1);
  }
  return {
    ids,
    indexOf,
    dims,
    weights,
    attributeDims,
    volunteer,
    hasNeed,
    clusterKey: registrants.map((r) => clusterKeyOf(r, options)),
  };
}

/** A cluster after merging: the people who talk together, and who of them was merged in. */
export interface Cluster {
  key: string;
  members: number[];
  merged: Set<number>;
}

/**
 * How alike two cluster keys are: the number of equal components, earlier ones breaking ties
 * (attendance before language: a small on-site Swedish cluster joins on-site Finnish speakers
 * rather than remote Swedish speakers).
 */
export function likeness(a: string, b: string): number {
  const pa = a.split("/");
  const pb = b.split("/");
  return pa.reduce((sum, v, i) => sum + (v === pb[i] ? 1 + (pa.length - i) / (pa.length + 1) ** 2 : 0), 0);
}

/**
 * Groups people by cluster key and merges clusters too small for a group of their own (fewer than
 * `minSize`, and never a single person) into the closest large cluster — or, if every cluster is
 * small, into the largest one — so nobody is left in a group of one.
 */
export function buildClusters(
  pop: Population,
  minSize: number,
): { clusters: Cluster[]; merges: { from: string; into: string; count: number }[] } {
  const byKey = new Map<string, number[]>();
  pop.clusterKey.forEach((key, i) => {
    const list = byKey.get(key);
    if (list) list.push(i);
    else byKey.set(key, [i]);
  });
  const bySize = (a: [string, number[]], b: [string, number[]]) =>
    b[1].length - a[1].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  const all = [...byKey.entries()].sort(bySize);
  const threshold = Math.max(2, minSize);
  let hosts = all.filter(([, m]) => m.length >= threshold);
  if (hosts.length === 0) hosts = all.slice(0, 1);
  const clusters = new Map<string, Cluster>(
    hosts.map(([key, members]) => [key, { key, members: [...members], merged: new Set<number>() }]),
  );
  const merges: { from: string; into: string; count: number }[] = [];
  for (const [key, members] of all) {
    if (clusters.has(key)) continue;
    let best = hosts[0]!;
    for (const h of hosts) if (likeness(key, h[0]) > likeness(key, best[0])) best = h;
    const host = clusters.get(best[0])!;
    for (const i of members) {
      host.members.push(i);
      host.merged.add(i);
    }
    merges.push({ from: key, into: best[0], count: members.length });
  }
  return { clusters: [...clusters.values()], merges };
}
