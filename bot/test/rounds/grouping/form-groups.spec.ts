import assert from "node:assert/strict";
import { assessPlan, formGroups } from "../../../src/features/rounds/domain/grouping";
import type { GroupingOptions, Registrant } from "../../../src/features/rounds/domain/grouping";
import { crowd, invariantProblems, pairsOf } from "./fixtures";

const plain = (n: number): Registrant[] =>
  Array.from({ length: n }, (_, i) => ({ id: `x${i}`, firstName: `X${i}`, attributes: { language: "fi" } }));

/** All ways to split `ids` into groups of `size` (canonical: each group starts with its smallest id). */
function partitions(ids: number[], size: number): number[][][] {
  if (ids.length === 0) return [[]];
  const [first, ...rest] = ids as [number, ...number[]];
  const out: number[][][] = [];
  const choose = (from: number[], k: number): number[][] =>
    k === 0 ? [[]] : from.flatMap((x, i) => choose(from.slice(i + 1), k - 1).map((c) => [x, ...c]));
  for (const mates of choose(rest, size - 1)) {
    const group = [first, ...mates];
    for (const p of partitions(
      rest.filter((x) => !mates.includes(x)),
      size,
    ))
      out.push([group, ...p]);
  }
  return out;
}

/** Fewest repeated pair encounters over `rounds` rounds, by exhaustive search (round 1 fixed by symmetry). */
function bruteForceMinRepeats(n: number, size: number, rounds: number): number {
  const all = partitions(
    Array.from({ length: n }, (_, i) => i),
    size,
  );
  const pairKeys = (p: number[][]) =>
    p.flatMap((g) => g.flatMap((a) => g.filter((b) => b > a).map((b) => a * n + b)));
  const keyed = all.map(pairKeys);
  let best = Infinity;
  const walk = (round: number, counts: Map<number, number>, repeats: number) => {
    if (repeats >= best) return;
    if (round === rounds) {
      best = repeats;
      return;
    }
    for (const keys of keyed) {
      let extra = 0;
      for (const k of keys) if (counts.has(k)) extra++;
      for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
      walk(round + 1, counts, repeats + extra);
      for (const k of keys) {
        const c = counts.get(k)! - 1;
        if (c === 0) counts.delete(k);
        else counts.set(k, c);
      }
    }
  };
  const start = new Map<number, number>();
  for (const k of keyed[0]!) start.set(k, 1);
  walk(1, start, 0);
  return best;
}

describe("grouping: formGroups", () => {
  describe("invariants over many random inputs", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const n = 5 + ((seed * 37) % 120);
      const inPerson = seed % 5 === 0;
      const options: GroupingOptions = {
        mode: inPerson ? "inPerson" : "remote",
        rounds: 1 + (seed % 4),
        seed,
        ...(seed % 3 === 0 ? { targetSize: 4 } : {}),
      };
      it(`seed ${seed}: ${n} people, ${options.rounds} rounds, ${options.mode}`, () => {
        const people = crowd(n, seed, { languages: { fi: 0.7, sv: 0.25, en: 0.05 }, orgs: 1 + (seed % 12) });
        const { plan, warnings } = formGroups(people, options);
        // Sizes are checked wherever the numbers allow groups within min–max (not where the plan
        // itself warns: the code under test must not excuse itself).
        assert.deepEqual(invariantProblems(plan, { checkSizes: "whenSplittable" }), []);
        assert.equal(plan.rounds.length, options.rounds);
        assert.equal(plan.registrants.length, n);
        for (const w of warnings.filter((w) => w.code === "clusterTooSmall"))
          assert.ok(Number(w.params.count) < plan.options.minSize, JSON.stringify(w));
        // Determinism: the same seed gives the same plan and warnings.
        assert.deepEqual(formGroups(people, options), { plan, warnings });
      });
    }

    it("different seeds give different plans", () => {
      const people = crowd(60, 7);
      const a = formGroups(people, { rounds: 2, seed: 1 }).plan.rounds;
      const b = formGroups(people, { rounds: 2, seed: 2 }).plan.rounds;
      assert.notDeepEqual(a, b);
    });
  });

  describe("repeated pairs", () => {
    it("9 people in groups of 3 over 4 rounds meet nobody twice (Kirkman-like resolvable design), for any seed", () => {
      for (let seed = 0; seed < 25; seed++) {
        const { plan } = formGroups(plain(9), { minSize: 3, maxSize: 3, rounds: 4, seed });
        assert.equal(assessPlan(plan).repeats.repeatedPairs, 0, `seed ${seed}`);
        // 4 rounds × 9 pairs = all 36 pairs of 9 people exactly once.
        const union = new Set([1, 2, 3, 4].flatMap((r) => [...pairsOf(plan, r)]));
        assert.equal(union.size, 36);
      }
    });

    const cases: [n: number, size: number, rounds: number][] = [
      [6, 3, 3],
      [6, 3, 4],
      [8, 4, 3],
      [10, 5, 3],
      [8, 2, 4],
    ];
    for (const [n, size, rounds] of cases) {
      it(`${n} people in groups of ${size}, ${rounds} rounds: as few repeats as brute force finds`, () => {
        const minimum = bruteForceMinRepeats(n, size, rounds);
        for (let seed = 0; seed < 5; seed++) {
          const { plan } = formGroups(plain(n), { minSize: size, maxSize: size, rounds, seed });
          assert.equal(assessPlan(plan).repeats.repeatedPairs, minimum, `seed ${seed}`);
        }
      });
    }

    it("the brute force itself sees the forced repeats (6 in 3s: every later round repeats 2 pairs at least)", () => {
      assert.equal(bruteForceMinRepeats(6, 3, 2), 2);
      assert.equal(bruteForceMinRepeats(9, 3, 2), 0);
    });

    it("a large event repeats (almost) no pair across 3 rounds", () => {
      const { plan } = formGroups(crowd(600, 3), { targetSize: 6, rounds: 3, seed: 3 });
      assert.ok(assessPlan(plan).repeats.rate < 0.01, String(assessPlan(plan).repeats.rate));
    });
  });

  describe("diversity and scribes", () => {
    it("spreads organisations: 4 organisations × 3 people in groups of 3 share no organisation in round 1", () => {
      const people: Registrant[] = Array.from({ length: 12 }, (_, i) => ({
        id: `p${i}`,
        firstName: `P${i}`,
        attributes: { org: `org${i % 4}`, language: "fi" },
      }));
      for (let seed = 0; seed < 10; seed++) {
        const { plan } = formGroups(people, { minSize: 3, maxSize: 3, rounds: 1, seed });
        for (const g of plan.rounds[0]!.groups) {
          const orgs = g.memberIds.map((id) => people.find((p) => p.id === id)!.attributes.org);
          assert.equal(new Set(orgs).size, 3, `seed ${seed}: ${orgs}`);
        }
      }
    });

    it("is more diverse than a random split, and never below the lower bound", () => {
      const people = crowd(240, 11, { orgs: 8, backgrounds: 4 });
      const { plan } = formGroups(people, { targetSize: 6, rounds: 2, seed: 5 });
      const q = assessPlan(plan);
      const randomPlan = structuredClone(plan);
      // A naive split in id order, the baseline the optimiser must beat.
      randomPlan.rounds = plan.rounds.map((r) => ({
        ...r,
        groups: r.groups.map((g, gi) => ({
          ...g,
          memberIds: people.slice(gi * 6, gi * 6 + 6).map((p) => p.id),
        })),
      }));
      const baseline = assessPlan(randomPlan);
      assert.ok(
        q.diversity.score < baseline.diversity.score * 0.8,
        `${q.diversity.score} vs ${baseline.diversity.score}`,
      );
      assert.ok(q.diversity.score >= q.diversity.lowerBound - 1e-12);
    });

    it("ignores an attribute whose policy is ignore, and can cluster on org", () => {
      const people = crowd(90, 4, { orgs: 3 });
      const { plan } = formGroups(people, {
        rounds: 1,
        seed: 1,
        policies: { org: "cluster", language: "ignore" },
      });
      for (const g of plan.rounds[0]!.groups) {
        const orgs = new Set(g.memberIds.map((id) => people.find((p) => p.id === id)!.attributes.org));
        assert.equal(orgs.size, 1);
        assert.equal(g.cluster, [...orgs][0]);
      }
    });

    it("volunteers are scribes first and nobody scribes twice while others have not (20 seeds)", () => {
      const people = plain(12).map((p, i) => ({ ...p, volunteerScribe: i < 3 }));
      for (let seed = 0; seed < 20; seed++) {
        const { plan } = formGroups(people, { minSize: 3, maxSize: 3, rounds: 3, seed });
        const r1 = plan.rounds[0]!.groups.map((g) => g.scribeId);
        // Volunteers are spread one per group, so all three scribe in round 1.
        assert.equal(r1.filter((id) => ["x0", "x1", "x2"].includes(id)).length, 3, `seed ${seed}`);
        const scribes = plan.rounds.flatMap((r) => r.groups.map((g) => g.scribeId));
        assert.equal(
          new Set(scribes).size,
          scribes.length,
          `seed ${seed}: 12 turns, 12 people, all different`,
        );
      }
    });

    it("repeats scribes only about as often as there are more turns than people", () => {
      let extra = 0;
      for (let seed = 0; seed < 20; seed++) {
        // 20 people, 5 groups × 5 rounds = 25 turns: at least 5 repeats are unavoidable.
        const { plan, warnings } = formGroups(plain(20), { minSize: 4, maxSize: 4, rounds: 5, seed });
        const repeats = assessPlan(plan).scribeRepeats;
        assert.ok(repeats >= 5);
        extra += repeats - 5;
        assert.ok(warnings.some((w) => w.code === "scribeRepeated"));
      }
      assert.ok(extra <= 2, `avoidable repeats over 20 seeds: ${extra}`);
    });
  });

  // Its speed (< 1 s) is a benchmark figure (`npm run bench`, grouping), not a timed unit test.
  it("forms 10,000 registrants into valid groups of 6 (3 attributes, 3 rounds) with almost no repeat pairs", function () {
    const people = crowd(10_000, 99, {
      orgs: 60,
      backgrounds: 7,
      languages: { fi: 0.8, sv: 0.17, en: 0.03 },
    });
    const { plan } = formGroups(people, { minSize: 3, maxSize: 8, targetSize: 6, rounds: 3, seed: 1 });
    assert.deepEqual(invariantProblems(plan, { checkSizes: true }), []);
    const q = assessPlan(plan);
    assert.ok(q.repeats.rate < 0.001, String(q.repeats.rate));
  });
});
