import { mulberry32 } from "../../../src/features/rounds/domain/grouping/prng";
import type { GroupPlan, Registrant } from "../../../src/features/rounds/domain/grouping/types";
import type { ResolvedGroupingOptions } from "../../../src/features/rounds/domain/grouping/types";

/** Options for generated registrants. */
export interface CrowdSpec {
  orgs?: number;
  backgrounds?: number;
  /** Language weights, e.g. { fi: 0.7, sv: 0.25, en: 0.05 }. */
  languages?: Record<string, number>;
  volunteerRate?: number;
}

/** `n` random registrants from a seed (test data only). */
export function crowd(n: number, seed: number, spec: CrowdSpec = {}): Registrant[] {
  const random = mulberry32(seed);
  const langs = Object.entries(spec.languages ?? { fi: 1 });
  const total = langs.reduce((s, [, w]) => s + w, 0);
  const pickLang = () => {
    let x = random() * total;
    for (const [l, w] of langs) if ((x -= w) < 0) return l;
    return langs[0]![0];
  };
  return Array.from({ length: n }, (_, i) => ({
    id: `p${i}`,
    firstName: `Person${i}`,
    attributes: {
      org: `org${Math.floor(random() * (spec.orgs ?? 10))}`,
      background: `bg${Math.floor(random() * (spec.backgrounds ?? 5))}`,
      language: pickLang(),
    },
    volunteerScribe: random() < (spec.volunteerRate ?? 0.15),
  }));
}

/** Pairs ("a|b", a < b) of a plan's round. */
export function pairsOf(plan: GroupPlan, round: number): Set<string> {
  const pairs = new Set<string>();
  for (const g of plan.rounds[round - 1]!.groups)
    for (const a of g.memberIds) for (const b of g.memberIds) if (a < b) pairs.add(`${a}|${b}`);
  return pairs;
}

/**
 * The cluster a registrant asked for, written out here rather than taken from production code
 * (an oracle must not share the code it checks): the values of the clustered attributes, in the
 * documented order (attendance first), compared trimmed and case-insensitively, "?" for a
 * missing value, joined by "/".
 */
const CLUSTER_ORDER = ["attendance", "org", "background", "language", "accessibility"] as const;
export function expectedClusterKey(r: Registrant, options: ResolvedGroupingOptions): string {
  return CLUSTER_ORDER.filter((k) => options.policies[k] === "cluster")
    .map((k) => (r.attributes[k] ?? "").trim().replace(/\s+/g, " ").toLocaleLowerCase("fi") || "?")
    .join("/");
}

/** Whether `count` people can be split into groups that are all within `min`–`max`. */
export function splittable(count: number, min: number, max: number): boolean {
  for (let k = 1; k * min <= count; k++) if (count <= k * max) return true;
  return false;
}

/**
 * Structural problems of a plan (empty list = all invariants hold). `checkSizes`: true checks
 * every group against min–max; "whenSplittable" only groups whose cluster (in that round) could be
 * split within min–max at all, decided from the numbers, not from the plan's own warnings.
 */
export function invariantProblems(
  plan: GroupPlan,
  opts: { checkSizes: boolean | "whenSplittable" },
): string[] {
  const problems: string[] = [];
  const ids = plan.registrants.map((r) => r.id);
  const byId = new Map(plan.registrants.map((r) => [r.id, r]));
  for (const round of plan.rounds) {
    const seen = new Map<string, number>();
    const sizesByCluster = new Map<string, number[]>();
    const clusterCount = new Map<string, number>();
    for (const g of round.groups)
      clusterCount.set(g.cluster, (clusterCount.get(g.cluster) ?? 0) + g.memberIds.length);
    const { minSize, maxSize } = plan.options;
    round.groups.forEach((g, i) => {
      const checkSize =
        opts.checkSizes === "whenSplittable"
          ? splittable(clusterCount.get(g.cluster)!, minSize, maxSize)
          : opts.checkSizes;
      if (g.number !== i + 1) problems.push(`r${round.index}: group numbered ${g.number} at ${i + 1}`);
      if (g.memberIds.length === 0) problems.push(`r${round.index}g${g.number}: empty`);
      if (!g.memberIds.includes(g.scribeId))
        problems.push(`r${round.index}g${g.number}: scribe not a member`);
      for (const id of g.memberIds) seen.set(id, (seen.get(id) ?? 0) + 1);
      const list = sizesByCluster.get(g.cluster) ?? [];
      list.push(g.memberIds.length);
      sizesByCluster.set(g.cluster, list);
      if (!g.flags.includes("mergedCluster")) {
        for (const id of g.memberIds) {
          const key = expectedClusterKey(byId.get(id)!, plan.options);
          if (key !== g.cluster)
            problems.push(`r${round.index}g${g.number}: ${id} of cluster ${key} in ${g.cluster}`);
        }
      }
      if (checkSize && (g.memberIds.length < minSize || g.memberIds.length > maxSize))
        problems.push(`r${round.index}g${g.number}: size ${g.memberIds.length}`);
    });
    for (const id of ids)
      if (seen.get(id) !== 1) problems.push(`r${round.index}: ${id} in ${seen.get(id) ?? 0} groups`);
    if (seen.size !== ids.length) problems.push(`r${round.index}: unknown members`);
    for (const [cluster, sizes] of sizesByCluster)
      if (Math.max(...sizes) - Math.min(...sizes) > 1)
        problems.push(`r${round.index} ${cluster}: unbalanced ${sizes}`);
  }
  return problems;
}
