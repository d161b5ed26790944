import assert from "node:assert/strict";
import {
  addLateJoiner,
  formGroups,
  movePerson,
  removeNoShow,
} from "../../../src/features/rounds/domain/grouping";
import type { GroupPlan, Registrant } from "../../../src/features/rounds/domain/grouping";
import { crowd, invariantProblems } from "./fixtures";

/** person id → group number, per round. */
const placement = (plan: GroupPlan) =>
  plan.rounds.map((r) => new Map(r.groups.flatMap((g) => g.memberIds.map((id) => [id, g.number] as const))));

/** Members whose group (by its other members) changed between two plans in a round, ignoring `except`. */
function moved(before: GroupPlan, after: GroupPlan, round: number, except: string): string[] {
  const a = placement(before)[round - 1]!;
  const b = placement(after)[round - 1]!;
  const out: string[] = [];
  for (const [id, g] of a) if (id !== except && b.has(id) && b.get(id) !== g) out.push(id);
  return out;
}

const joiner = (id: string, language = "fi"): Registrant => ({
  id,
  firstName: "Late",
  attributes: { language, org: "org1", background: "bg1" },
});

describe("grouping: incremental changes", () => {
  const people = crowd(47, 5, { languages: { fi: 0.75, sv: 0.25 } });
  const base = formGroups(people, { rounds: 3, seed: 8 }).plan;
  const snapshot = structuredClone(base);

  afterEach(() => assert.deepEqual(base, snapshot, "the input plan must not change"));

  describe("addLateJoiner", () => {
    for (const fromRound of [1, 2, 3]) {
      it(`from round ${fromRound}: nobody else moves, earlier rounds untouched, joins a smallest group`, () => {
        const { plan, warnings } = addLateJoiner(base, joiner("late"), fromRound);
        assert.deepEqual(warnings, []);
        for (const round of plan.rounds) {
          const before = base.rounds[round.index - 1]!;
          const withoutJoiner = round.groups.map((g) => ({
            ...g,
            memberIds: g.memberIds.filter((id) => id !== "late"),
          }));
          assert.deepEqual(withoutJoiner, before.groups, `round ${round.index}: others unchanged`);
          const host = round.groups.find((g) => g.memberIds.includes("late"));
          if (round.index < fromRound) assert.equal(host, undefined);
          else {
            assert.equal(host!.cluster, "fi");
            const fiSizes = before.groups.filter((g) => g.cluster === "fi").map((g) => g.memberIds.length);
            assert.equal(host!.memberIds.length - 1, Math.min(...fiSizes));
          }
        }
        const upcoming = { ...plan, rounds: plan.rounds.filter((r) => r.index >= fromRound) };
        assert.deepEqual(invariantProblems(upcoming, { checkSizes: true }), []);
      });
    }

    it("among the smallest groups, picks one with the fewest people the joiner already met", () => {
      // Nothing in common with anyone, so only the people met decide (diversity is tested elsewhere).
      const stranger: Registrant = {
        id: "late",
        firstName: "Late",
        attributes: { language: "fi", org: "unique" },
      };
      const { plan } = addLateJoiner(base, stranger, 1);
      const met = new Set<string>();
      for (const round of plan.rounds) {
        const before = base.rounds[round.index - 1]!.groups.filter((g) => g.cluster === "fi");
        const smallest = Math.min(...before.map((g) => g.memberIds.length));
        const fewest = Math.min(
          ...before
            .filter((g) => g.memberIds.length === smallest)
            .map((g) => g.memberIds.filter((id) => met.has(id)).length),
        );
        const host = round.groups.find((g) => g.memberIds.includes("late"))!;
        assert.equal(host.memberIds.filter((id) => met.has(id)).length, fewest, `round ${round.index}`);
        for (const id of host.memberIds) if (id !== "late") met.add(id);
      }
    });

    it("a joiner whose language has no group goes to the closest group with a warning", () => {
      const { plan, warnings } = addLateJoiner(base, joiner("late", "en"), 3);
      assert.deepEqual(
        warnings.map((w) => w.code),
        ["noMatchingCluster"],
      );
      const host = plan.rounds[2]!.groups.find((g) => g.memberIds.includes("late"))!;
      assert.ok(host.flags.includes("clusterMismatch"));
    });

    it("someone already in the plan, or an unknown round, changes nothing", () => {
      const again = addLateJoiner(base, people[0]!);
      assert.equal(again.plan, base);
      assert.deepEqual(again.warnings, [{ code: "alreadyInPlan", params: { id: people[0]!.id } }]);
      assert.equal(addLateJoiner(base, joiner("x"), 9).warnings[0]!.code, "unknownRound");
    });

    it("fills a full plan with a warning rather than overfilling silently", () => {
      const full = formGroups(crowd(8, 1), { minSize: 4, maxSize: 4, rounds: 1, seed: 1 }).plan;
      const { plan, warnings } = addLateJoiner(full, joiner("late"));
      assert.equal(warnings[0]!.code, "groupAboveMax");
      assert.ok(plan.rounds[0]!.groups.some((g) => g.flags.includes("aboveMaxSize")));
    });
  });

  describe("removeNoShow", () => {
    it("removes the person from the rounds, moving at most one other person per round", () => {
      for (const victim of people.slice(0, 12)) {
        const { plan } = removeNoShow(base, victim.id, 2);
        assert.ok(placement(plan)[0]!.has(victim.id), "round 1 is history");
        for (const r of [2, 3]) {
          assert.equal(placement(plan)[r - 1]!.has(victim.id), false);
          assert.ok(moved(base, plan, r, victim.id).length <= 1, `round ${r}`);
        }
        const problems = invariantProblems(
          {
            ...plan,
            rounds: plan.rounds.slice(1),
            registrants: plan.registrants.filter((p) => p.id !== victim.id),
          },
          { checkSizes: true },
        );
        assert.deepEqual(problems, []);
      }
    });

    it("a removed scribe is replaced by a member of the same group", () => {
      const scribe = base.rounds[0]!.groups[0]!.scribeId;
      const { plan } = removeNoShow(base, scribe);
      assert.equal(
        plan.registrants.some((p) => p.id === scribe),
        false,
      );
      for (const round of plan.rounds)
        for (const g of round.groups) {
          assert.notEqual(g.scribeId, scribe);
          assert.ok(g.memberIds.includes(g.scribeId));
        }
    });

    it("a group below the minimum with no donor is dissolved into the others", () => {
      const six = formGroups(crowd(6, 2), { minSize: 3, maxSize: 6, targetSize: 3, rounds: 1, seed: 1 }).plan;
      assert.equal(six.rounds[0]!.groups.length, 2);
      const { plan, warnings } = removeNoShow(six, "p0");
      assert.deepEqual(
        warnings.map((w) => w.code),
        ["groupDissolved"],
      );
      assert.equal(plan.rounds[0]!.groups.length, 1);
      assert.equal(plan.rounds[0]!.groups[0]!.memberIds.length, 5);
      assert.equal(plan.rounds[0]!.groups[0]!.number, 1);
    });

    it("a group that cannot be repaired is kept and flagged", () => {
      const three = formGroups(crowd(3, 2), { minSize: 3, maxSize: 3, rounds: 1, seed: 1 }).plan;
      const { plan, warnings } = removeNoShow(three, "p0");
      assert.deepEqual(
        warnings.map((w) => w.code),
        ["groupBelowMin"],
      );
      assert.deepEqual(plan.rounds[0]!.groups[0]!.flags, ["belowMinSize"]);
    });

    it("an unknown id changes nothing", () => {
      const r = removeNoShow(base, "nobody");
      assert.equal(r.plan, base);
      assert.equal(r.warnings[0]!.code, "unknownPerson");
    });
  });

  describe("movePerson", () => {
    it("moves exactly one person and keeps every group's scribe a member", () => {
      const from = base.rounds[1]!.groups[0]!;
      const to = base.rounds[1]!.groups.find((g) => g.cluster === from.cluster && g !== from)!;
      const id = from.scribeId;
      const { plan } = movePerson(base, 2, id, to.number);
      assert.deepEqual(moved(base, plan, 2, id), []);
      assert.equal(placement(plan)[1]!.get(id), to.number);
      assert.deepEqual(plan.rounds[0], base.rounds[0]);
      for (const g of plan.rounds[1]!.groups) assert.ok(g.memberIds.includes(g.scribeId));
    });

    it("warns about another cluster and an over-full group, but does what the facilitator asked", () => {
      const sv = base.rounds[0]!.groups.find((g) => g.cluster === "sv")!;
      const fi = base.rounds[0]!.groups.find((g) => g.cluster === "fi")!;
      let plan = base;
      const warnings: string[] = [];
      for (const id of fi.memberIds) {
        const r = movePerson(plan, 1, id, sv.number);
        plan = r.plan;
        warnings.push(...r.warnings.map((w) => w.code));
      }
      assert.ok(warnings.includes("clusterMismatch"));
      assert.ok(warnings.includes("groupAboveMax"));
      // The emptied group is gone and the rest renumbered.
      assert.ok(warnings.includes("groupRemoved"));
      assert.equal(plan.rounds[0]!.groups.length, base.rounds[0]!.groups.length - 1);
      // Apart from the mismatch and imbalance the facilitator chose, the plan stays well-formed.
      const problems = invariantProblems(plan, { checkSizes: false });
      assert.deepEqual(
        problems.filter((p) => !p.includes("of cluster fi in sv") && !p.includes("unbalanced")),
        [],
      );
      assert.ok(
        problems.some((p) => p.includes("of cluster fi in sv")),
        "the check itself sees the mismatch",
      );
    });

    it("rejects unknown rounds, people and groups without changing the plan", () => {
      const id = base.rounds[0]!.groups[0]!.memberIds[0]!;
      assert.equal(movePerson(base, 7, id, 1).warnings[0]!.code, "unknownRound");
      assert.equal(movePerson(base, 1, "nobody", 1).warnings[0]!.code, "unknownPerson");
      const r = movePerson(base, 1, id, 99);
      assert.equal(r.warnings[0]!.code, "unknownGroup");
      assert.equal(r.plan, base);
    });
  });
});
