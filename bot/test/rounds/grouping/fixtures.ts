import { mulberry32 } from "../../../src/features/rounds/domain/grouping/prng";
import type { GroupPlan, Registrant } from "../../../src/features/rounds/domain/grouping/types";
import { clusterKeyOf } from "../../../src/features/rounds/domain/grouping/population";

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

/** Structural problems of a plan (empty list = all invariants hold). */
export function invariantProblems(plan: GroupPlan, opts: { checkSizes: boolean }): string[] {
  const problems: string[] = [];
  const ids = plan.registrants.map((r) => r.id);
  const byId = new Map(plan.registrants.map((r) => [r.id, r]));
  for (const round of plan.rounds) {
    const seen = new Map<string, number>();
    const sizesByCluster = new Map<string, number[]>();
    round.groups.forEach((g, i) => {
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
          const key = clusterKeyOf(byId.get(id)!, plan.options);
          if (key !== g.cluster)
            problems.push(`r${round.index}g${g.number}: ${id} of cluster ${key} in ${g.cluster}`);
        }
      }
      if (
        opts.checkSizes &&
        (g.memberIds.length < plan.options.minSize || g.memberIds.length > plan.options.maxSize)
      )
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
