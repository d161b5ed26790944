import assert from "node:assert/strict";
import { assessPlan, balancedSizes, resolveOptions } from "../../../src/features/rounds/domain/grouping";
import type { GroupPlan, PlannedGroup, Registrant } from "../../../src/features/rounds/domain/grouping";

const reg = (id: string, org: string): Registrant => ({
  id,
  firstName: id,
  attributes: { org, language: "fi" },
});
const group = (number: number, memberIds: string[]): PlannedGroup => ({
  number,
  cluster: "fi",
  memberIds,
  scribeId: memberIds[0]!,
  flags: [],
});
const planOf = (registrants: Registrant[], rounds: string[][][]): GroupPlan => ({
  options: resolveOptions({ rounds: rounds.length, seed: 1, policies: { background: "ignore" } }).options,
  registrants,
  rounds: rounds.map((groups, r) => ({ index: r + 1, groups: groups.map((m, g) => group(g + 1, m)) })),
});

describe("grouping: quality report", () => {
  const people = [reg("a", "X"), reg("b", "Y"), reg("c", "X"), reg("d", "Y")];

  it("a group mirroring the event's shares scores 0; a one-organisation group does not", () => {
    const mirror = assessPlan(
      planOf(people, [
        [
          ["a", "b"],
          ["c", "d"],
        ],
      ]),
    );
    assert.equal(mirror.diversity.score, 0);
    const split = assessPlan(
      planOf(people, [
        [
          ["a", "c"],
          ["b", "d"],
        ],
      ]),
    );
    // Each group: shares 1/0 against 0.5/0.5 → mean |deviation| 0.5.
    assert.equal(split.diversity.score, 0.5);
    assert.equal(split.diversity.lowerBound, 0);
    assert.deepEqual(Object.keys(split.diversity.byAttribute), ["org"]);
  });

  it("the lower bound reflects integer group sizes", () => {
    const three = [reg("a", "X"), reg("b", "Y"), reg("c", "X"), reg("d", "Y"), reg("e", "X"), reg("f", "Y")];
    // Groups of 3 cannot be 50/50: best is 2/1, |2/3 − 1/2| = 1/6.
    const q = assessPlan(
      planOf(three, [
        [
          ["a", "b", "c"],
          ["d", "e", "f"],
        ],
      ]),
    );
    assert.ok(Math.abs(q.diversity.lowerBound - 1 / 6) < 1e-12);
    assert.ok(Math.abs(q.diversity.score - 1 / 6) < 1e-12);
  });

  it("counts repeated encounters across rounds (a pair meeting three times counts twice)", () => {
    const q = assessPlan(
      planOf(people, [
        [
          ["a", "b"],
          ["c", "d"],
        ],
        [
          ["a", "b"],
          ["c", "d"],
        ],
        [
          ["a", "b"],
          ["c", "d"],
        ],
        [
          ["a", "c"],
          ["b", "d"],
        ],
      ]),
    );
    assert.deepEqual(q.repeats, { repeatedPairs: 4, pairMeetings: 8, rate: 0.5 });
    // Scribe turns a,c,a,c,a,c,a,b: 8 turns by 3 people → 5 repeated turns.
    assert.equal(q.scribeRepeats, 5);
  });

  it("balancedSizes: closest to target within min–max, differing by at most one", () => {
    assert.deepEqual(balancedSizes(17, 3, 8, 5), { sizes: [6, 6, 5], outOfRange: false });
    assert.deepEqual(balancedSizes(10_000, 3, 8, 6).sizes.length, 1667);
    assert.deepEqual(balancedSizes(2, 3, 8, 5), { sizes: [2], outOfRange: true });
    assert.deepEqual(balancedSizes(0, 3, 8, 5), { sizes: [], outOfRange: false });
  });
});
