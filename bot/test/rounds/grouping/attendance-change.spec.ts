import assert from "node:assert/strict";
import { formGroups, type GroupPlan, type Registrant } from "../../../src/features/rounds/domain/grouping";
import {
  addJoiner,
  dissolveGroup,
  keepGroup,
  markAbsent,
  smallGroups,
} from "../../../src/features/rounds/domain/grouping/attendance-change";

const person = (i: number, language = "fi"): Registrant => ({
  id: `p${i}`,
  firstName: `P${i}`,
  attributes: { language, org: `org${i % 3}`, background: `bg${i % 2}` },
});
const eight = Array.from({ length: 8 }, (_, i) => person(i + 1));
/** The walkthrough's Citizens' jury: 8 Finnish speakers, groups of 4–7, two rounds. */
const jury = () => formGroups(eight, { rounds: 2, seed: 3, minSize: 4, maxSize: 7, targetSize: 4 }).plan;
const sizes = (plan: GroupPlan, round: number) =>
  plan.rounds.find((r) => r.index === round)!.groups.map((g) => g.memberIds.length);
const groupOf = (plan: GroupPlan, round: number, id: string) =>
  plan.rounds.find((r) => r.index === round)!.groups.find((g) => g.memberIds.includes(id))!;

describe("attendance in a running round (issue #27 item 2)", () => {
  it("the walkthrough's plan has two groups of 4", () => assert.deepEqual(sizes(jury(), 1), [4, 4]));

  it("one absent person: the other group keeps its room and members, the small group is warned about, not merged", () => {
    const plan = jury();
    const absent = plan.rounds[0]!.groups[0]!.memberIds[0]!;
    const other = structuredClone(plan.rounds[0]!.groups[1]!);
    const out = markAbsent(plan, absent, 1, true);
    const round1 = out.plan.rounds[0]!;
    assert.deepEqual(sizes(out.plan, 1), [3, 4], "no merge into one group of 7");
    assert.deepEqual(round1.groups[1]!.memberIds, other.memberIds, "the unaffected group is untouched");
    assert.equal(round1.groups[1]!.number, 2, "and keeps its number (its room)");
    assert.deepEqual(out.moves, [{ personId: absent, fromGroup: 1 }]);
    assert.ok(out.warnings.some((w) => w.code === "groupBelowMin" && w.params.group === 1));
    assert.deepEqual(
      smallGroups(out.plan, 1).map((g) => g.number),
      [1],
    );
    // The next round is formed afresh within the limits, without the absent person.
    assert.equal(out.reformedFrom, 2);
    const r2 = sizes(out.plan, 2);
    assert.equal(
      r2.reduce((a, b) => a + b, 0),
      7,
    );
    assert.ok(
      r2.every((n) => n >= 4 && n <= 7),
      String(r2),
    );
    assert.ok(!out.plan.rounds[1]!.groups.some((g) => g.memberIds.includes(absent)));
  });

  it("adding them back never exceeds the maximum, and round 2 is two groups within 4–7", () => {
    const plan = jury();
    const absent = plan.rounds[0]!.groups[0]!.memberIds[0]!;
    const without = markAbsent(plan, absent, 1, true).plan;
    const back = addJoiner(without, person(Number(absent.slice(1))), 1, true);
    assert.deepEqual(sizes(back.plan, 1), [4, 4], "back into the group with room");
    assert.deepEqual(back.moves, [{ personId: absent, toGroup: 1 }]);
    assert.deepEqual(sizes(back.plan, 2), [4, 4], "not one group of 8");
  });

  it("a late joiner finds every group full: waits for the next round; with no next round it is refused", () => {
    const full = formGroups(eight, { rounds: 2, seed: 3, minSize: 2, maxSize: 4, targetSize: 4 }).plan;
    assert.deepEqual(sizes(full, 1), [4, 4]);
    const out = addJoiner(full, person(9), 1, true);
    assert.equal(out.waits, true);
    assert.deepEqual(sizes(out.plan, 1), [4, 4], "nobody above the maximum");
    assert.ok(groupOf(out.plan, 2, "p9"), "in round 2");
    assert.ok(sizes(out.plan, 2).every((n) => n <= 4));
    assert.equal(addJoiner(full, person(9), 2, true).refused, "groupsFull");
  });

  it("the choice for a small group: move its members only into groups with room, or keep it", () => {
    const nine = formGroups([...eight, person(9)], {
      rounds: 1,
      seed: 5,
      minSize: 3,
      maxSize: 4,
      targetSize: 3,
    }).plan;
    assert.deepEqual(sizes(nine, 1), [3, 3, 3]);
    const small = markAbsent(nine, nine.rounds[0]!.groups[2]!.memberIds[0]!, 1, true).plan;
    assert.deepEqual(sizes(small, 1), [3, 3, 2]);
    const moved = dissolveGroup(small, 1, 3);
    assert.equal(moved.refused, undefined);
    assert.deepEqual(sizes(moved.plan, 1), [4, 4]);
    assert.deepEqual(
      moved.moves.map((m) => m.fromGroup),
      [3, 3],
    );
    assert.deepEqual(moved.moves.map((m) => m.toGroup).sort(), [1, 2]);
    // Two groups of four have no room for a third group's members: refused, nothing changes.
    const again = markAbsent(moved.plan, moved.plan.rounds[0]!.groups[0]!.memberIds[0]!, 1, true).plan;
    assert.deepEqual(sizes(again, 1), [3, 4]);
    assert.equal(dissolveGroup(again, 1, 1).refused, "groupsFull");
    const kept = keepGroup(small, 1, 3);
    assert.deepEqual(smallGroups(kept, 1), []);
    assert.deepEqual(sizes(kept, 1), [3, 3, 2]);
  });

  it("before a round starts, that round is formed afresh", () => {
    const plan = jury();
    const out = markAbsent(plan, "p1", 1, false);
    assert.equal(out.reformedFrom, 1);
    assert.deepEqual(out.moves, []);
    assert.ok(sizes(out.plan, 1).every((n) => n >= 4 && n <= 7));
    assert.ok(!out.plan.registrants.some((r) => r.id === "p1"), "a full no-show leaves the records");
  });
});
