import { assessPlan, formGroups, type Registrant } from "../../bot/src/features/rounds/domain/grouping";
import { mulberry32 } from "../../bot/src/features/rounds/domain/grouping/prng";
import type { BenchContext } from "../lib/context";
import type { Figure } from "../lib/report";
import { round } from "../lib/stats";

/** Cheap even at 10,000, so --quick runs every size. */
const SIZES = [100, 1000, 10_000];

/** Registrants with three attributes drawn from skewed distributions (as real sign-ups are). */
function registrants(n: number, seed: number): Registrant[] {
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

/**
 * Grouping at 100 / 1,000 / 10,000 registrants (groups of 6, 3 diversified attributes, 3 rounds):
 * time to form, diversity against the lower bound integer group sizes allow and against the
 * attainable bound (the people of each value there are), and the share of
 * pair encounters that repeat an earlier round's.
 */
export async function groupingBench(_ctx: BenchContext): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const n of SIZES) {
    const people = registrants(n, n);
    const options = {
      rounds: 3,
      seed: 7,
      minSize: 5,
      maxSize: 7,
      targetSize: 6,
      policies: { org: "diversify", background: "diversify", language: "diversify" } as const,
    };
    formGroups(people.slice(0, 50), options); // warm-up (JIT)
    const t0 = performance.now();
    const { plan } = formGroups(people, options);
    const ms = performance.now() - t0;
    const q = assessPlan(plan);
    // The lower bound lets every group take its rounded share of every value at once; the crowd
    // may not hold that many people of a value (e.g. 2 of 6 Swedish speakers in every group when
    // only 27 % are). The attainable bound counts the people there are (quality.ts), so its ratio
    // says how much better any plan could do.
    const label = `${n.toLocaleString("en")} registrants`;
    figures.push(
      {
        section: "grouping",
        name: `${label}: form 3 rounds`,
        value: round(ms, 1),
        unit: "ms",
        goal: n >= 10_000 ? "< 1000 ms" : undefined,
        met: n >= 10_000 ? ms < 1000 : undefined,
      },
      {
        section: "grouping",
        name: `${label}: diversity score (lower = more mixed)`,
        value: round(q.diversity.score, 4),
        unit: "",
        baseline: { name: "lower bound", value: round(q.diversity.lowerBound, 4) },
        ratio: q.diversity.lowerBound > 0 ? round(q.diversity.score / q.diversity.lowerBound, 3) : undefined,
        goal: "≤ 1.15× bound",
        met: q.diversity.score <= 1.15 * q.diversity.lowerBound,
      },
      {
        section: "grouping",
        name: `${label}: diversity score vs what the crowd allows`,
        value: round(q.diversity.score, 4),
        unit: "",
        baseline: { name: "attainable bound", value: round(q.diversity.attainableBound, 4) },
        ratio:
          q.diversity.attainableBound > 0
            ? round(q.diversity.score / q.diversity.attainableBound, 3)
            : undefined,
        goal: "≤ 1.05× attainable",
        met: q.diversity.score <= 1.05 * q.diversity.attainableBound,
      },
      {
        section: "grouping",
        name: `${label}: repeat-pair rate`,
        value: round(q.repeats.rate * 100, 3),
        unit: "%",
        goal: "≤ 1%",
        met: q.repeats.rate <= 0.01,
      },
    );
  }
  return figures;
}
