import assert from "node:assert/strict";
import { assessPlan, formGroups, type Registrant } from "../../../src/features/rounds/domain/grouping";
import { REPEAT_WEIGHT, type CostModel } from "../../../src/features/rounds/domain/grouping/assign";
import { polish, shareModel } from "../../../src/features/rounds/domain/grouping/polish";
import { mulberry32 } from "../../../src/features/rounds/domain/grouping/prng";
import { attainableDeviation } from "../../../src/features/rounds/domain/grouping/quality";
import { crowd, invariantProblems } from "./fixtures";

/** Skewed sign-ups like the benchmark's: a few large organisations, many small ones. */
function skewedCrowd(n: number, seed: number): Registrant[] {
  const random = mulberry32(seed);
  const pick = (values: number) => Math.floor(values * random() ** 1.6);
  return Array.from({ length: n }, (_, i) => ({
    id: `p${i}`,
    firstName: `P${i}`,
    attributes: {
      org: `org${pick(Math.max(4, Math.round(n / 15)))}`,
      background: `bg${pick(7)}`,
      language: ["fi", "sv", "en"][pick(3)]!,
    },
    volunteerScribe: random() < 0.15,
  }));
}

const OPTIONS = {
  rounds: 3,
  seed: 7,
  minSize: 5,
  maxSize: 7,
  targetSize: 6,
  policies: { org: "diversify", background: "diversify", language: "diversify" } as const,
};

describe("grouping: deviation polish and the attainable bound", () => {
  it("attainableDeviation places the value's people where they deviate least", () => {
    // Two groups of 2, half the event has the value.
    const twoOfTwo = new Map([[2, 2]]);
    assert.equal(attainableDeviation(0.5, 2, twoOfTwo), 0); // one in each group
    assert.equal(attainableDeviation(0.5, 1, twoOfTwo), 0.5); // one group lacks it
    assert.equal(attainableDeviation(0.5, 4, twoOfTwo), 1); // both groups full of it
    // A third of 9 people in groups of 3: one per group is exact.
    assert.ok(Math.abs(attainableDeviation(1 / 3, 3, new Map([[3, 3]]))) < 1e-12);
    // Share 0.3 in 10 groups of 6 (1.8 each) but only 12 people: every group gets one
    // (0.8/6 off) and two groups a second (0.2/6 off).
    const expected = (8 * 0.8 + 2 * 0.2) / 6;
    assert.ok(Math.abs(attainableDeviation(0.3, 12, new Map([[6, 10]])) - expected) < 1e-12);
  });

  it("the attainable bound lies between the lower bound and every plan's score (seeded crowds)", () => {
    for (const [n, seed] of [
      [12, 1],
      [50, 2],
      [300, 3],
      [1000, 4],
    ] as const) {
      for (const people of [
        skewedCrowd(n, seed),
        crowd(n, seed, { languages: { fi: 0.7, sv: 0.25, en: 0.05 } }),
      ]) {
        const d = assessPlan(formGroups(people, OPTIONS).plan).diversity;
        assert.ok(d.lowerBound <= d.attainableBound + 1e-12, `${n}: ${d.lowerBound} > ${d.attainableBound}`);
        assert.ok(d.attainableBound <= d.score + 1e-12, `${n}: ${d.attainableBound} > score ${d.score}`);
      }
    }
  });

  it("forms 3 rounds for 1,000 skewed registrants within 2 % of the attainable bound, no repeated pair", () => {
    const { plan } = formGroups(skewedCrowd(1000, 1000), OPTIONS);
    assert.deepEqual(invariantProblems(plan, { checkSizes: true }), []);
    const q = assessPlan(plan);
    assert.equal(q.repeats.repeatedPairs, 0);
    assert.ok(
      q.diversity.score <= 1.02 * q.diversity.attainableBound,
      `score ${q.diversity.score} vs attainable ${q.diversity.attainableBound}`,
    );
  });

  it("polish keeps people and sizes, never adds a repeated pair and never raises the deviation", () => {
    const people = skewedCrowd(600, 5);
    const codes = (key: "org" | "background" | "language") => {
      const ids = new Map<string, number>();
      return Int32Array.from(people, (p) => {
        const v = p.attributes[key]!;
        if (!ids.has(v)) ids.set(v, ids.size);
        return ids.get(v)!;
      });
    };
    const dims = [codes("org"), codes("background"), codes("language")];
    const met = people.map(() => new Map<number, number>());
    // Earlier rounds: neighbours by index met, so the polish has pairs to avoid.
    for (let i = 0; i + 1 < people.length; i += 2) {
      met[i]!.set(i + 1, 1);
      met[i + 1]!.set(i, 1);
    }
    const model: CostModel = { dims, weights: [1, 1, 1], met };
    // A poor start: consecutive people together (no repeated pair: odd offsets).
    const groups: number[][] = [];
    for (let g = 0; g < 100; g++) groups.push([1, 2, 3, 4, 5, 6].map((k) => (g * 6 + k) % 600));
    const shares = shareModel(dims, 3);
    const deviation = () =>
      groups.reduce((sum, g) => {
        let dev = 0;
        for (let d = 0; d < 3; d++) {
          const count = new Map<number, number>();
          for (const i of g) count.set(dims[d]![i]!, (count.get(dims[d]![i]!) ?? 0) + 1);
          let v = 0;
          shares.shares[d]!.forEach((p, key) => {
            if (p > 0) v += Math.abs((count.get(key - 1) ?? 0) / g.length - p);
          });
          dev += v * shares.valueWeight[d]!;
        }
        return sum + dev;
      }, 0);
    const repeats = () =>
      groups.reduce((s, g) => s + g.filter((i) => g.some((j) => met[i]!.has(j))).length, 0) * REPEAT_WEIGHT;
    const before = {
      deviation: deviation(),
      repeats: repeats(),
      people: groups.flat().sort((a, b) => a - b),
    };
    polish(model, shares, groups, mulberry32(9), { tries: 16, passes: 3 });
    assert.deepEqual(
      groups.flat().sort((a, b) => a - b),
      before.people,
    );
    assert.ok(groups.every((g) => g.length === 6));
    assert.ok(repeats() <= before.repeats);
    assert.ok(deviation() < before.deviation * 0.9, `${deviation()} vs ${before.deviation}`);
  });
});
