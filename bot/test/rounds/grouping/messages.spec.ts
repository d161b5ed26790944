import assert from "node:assert/strict";
import { rateMix, type QualityReport } from "../../../src/features/rounds/domain/grouping/quality";
import { warningText } from "../../../src/features/rounds/services/plan";

const diversity = (score: number, attainableBound: number): QualityReport["diversity"] => ({
  score,
  lowerBound: attainableBound,
  attainableBound,
  byAttribute: { background: { score, lowerBound: attainableBound, attainableBound } },
});

describe("grouping messages a facilitator reads", () => {
  it("counts agree with their nouns and never run into the round number (fi/sv/en)", () => {
    const one = { code: "scribeRepeated", params: { round: 2, count: 1 } } as const;
    const three = { code: "scribeRepeated", params: { round: 2, count: 3 } } as const;
    assert.equal(
      warningText("fi", one),
      "Kierros 2: yhdessä ryhmässä kirjurina on henkilö, joka on ollut kirjurina jo aiemmalla kierroksella.",
    );
    assert.match(warningText("fi", three), /^Kierros 2: 3 ryhmässä /);
    assert.match(warningText("sv", one), /^Omgång 2: en grupp har /);
    assert.match(warningText("sv", three), /^Omgång 2: 3 grupper har /);
    assert.match(warningText("en", one), /^Round 2: one group has /);
    assert.match(warningText("en", three), /^Round 2: 3 groups have /);
    for (const lang of ["fi", "sv", "en"] as const) {
      for (const w of [one, three]) assert.doesNotMatch(warningText(lang, w), /\d \d/, lang);
      const few = warningText(lang, { code: "tooFewPeople", params: { count: 1, minSize: 3 } });
      assert.doesNotMatch(few, /\b1\b/, `${lang}: ${few}`);
    }
  });

  it("rates the mix against what the group sizes allow, not by the raw score", () => {
    assert.equal(rateMix(diversity(0.12, 0.1)), "good");
    assert.equal(rateMix(diversity(0.2, 0.1)), "fair");
    assert.equal(rateMix(diversity(0.4, 0.1)), "uneven");
    assert.equal(rateMix({ score: 0, lowerBound: 0, attainableBound: 0, byAttribute: {} }), "none");
  });
});
