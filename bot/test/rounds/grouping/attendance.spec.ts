import assert from "node:assert/strict";
import { countRepeats, formGroups, addLateJoiner } from "../../../src/features/rounds/domain/grouping";
import type { Registrant } from "../../../src/features/rounds/domain/grouping/types";
import { crowd } from "./fixtures";

/** Hybrid dialogues: people say on site or remote, and groups are formed within each mode. */
describe("grouping within attendance modes (hybrid dialogues)", () => {
  const hybrid = (people: Registrant[], onSite: number): Registrant[] =>
    people.map((p, i) => ({
      ...p,
      attributes: { ...p.attributes, attendance: i < onSite ? "onSite" : "remote" },
    }));
  const modeOf = (people: Registrant[]) => new Map(people.map((p) => [p.id, p.attributes.attendance]));
  const cluster = { attendance: "cluster" } as const;

  it("never mixes on-site and remote people, keeps sizes balanced and pairs fresh across rounds", () => {
    const people = hybrid(crowd(45, 7), 20);
    const mode = modeOf(people);
    const { plan, warnings } = formGroups(people, { rounds: 2, seed: 3, policies: cluster, targetSize: 4 });
    assert.deepEqual(warnings, []);
    for (const round of plan.rounds) {
      for (const g of round.groups) {
        const modes = new Set(g.memberIds.map((id) => mode.get(id)));
        assert.equal(modes.size, 1, `group ${g.number} of round ${round.index} mixes modes`);
      }
      for (const m of ["onSite", "remote"]) {
        const sizes = round.groups
          .filter((g) => mode.get(g.memberIds[0]!) === m)
          .map((g) => g.memberIds.length);
        assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `${m} sizes ${sizes.join(",")} balanced`);
      }
      assert.equal(round.groups.flatMap((g) => g.memberIds).length, 45, "everyone placed once");
    }
    assert.equal(countRepeats(plan).repeatedPairs, 0);
  });

  it("ignores attendance unless asked to (other dialogues keep their groups)", () => {
    const people = hybrid(crowd(20, 11), 10);
    const plain = formGroups(crowd(20, 11), { rounds: 1, seed: 5 });
    const withModes = formGroups(people, { rounds: 1, seed: 5 });
    assert.deepEqual(
      withModes.plan.rounds[0]!.groups.map((g) => g.memberIds),
      plain.plan.rounds[0]!.groups.map((g) => g.memberIds),
    );
  });

  it("a Swedish on-site pair too small for a group joins on-site people, not remote Swedish speakers", () => {
    const people: Registrant[] = [
      ...hybrid(crowd(10, 1, { languages: { fi: 1 } }), 10),
      ...hybrid(crowd(6, 2, { languages: { sv: 1 } }), 0).map((p) => ({ ...p, id: `sv-${p.id}` })),
      ...hybrid(crowd(2, 3, { languages: { sv: 1 } }), 2).map((p) => ({ ...p, id: `svsite-${p.id}` })),
    ];
    const { plan, warnings } = formGroups(people, {
      rounds: 1,
      seed: 1,
      policies: { attendance: "cluster", language: "cluster" },
    });
    const merge = warnings.find((w) => w.code === "clusterTooSmall")!;
    assert.deepEqual(merge.params, { cluster: "onsite/sv", count: 2, mergedInto: "onsite/fi" });
    const host = plan.rounds[0]!.groups.find((g) => g.memberIds.some((id) => id.startsWith("svsite-")))!;
    assert.ok(host.memberIds.every((id) => !id.startsWith("sv-")));
  });

  it("a late joiner goes to a group of their own mode", () => {
    const people = hybrid(crowd(16, 4), 8);
    const mode = modeOf(people);
    const { plan } = formGroups(people, { rounds: 2, seed: 9, policies: cluster });
    const late: Registrant = {
      id: "late",
      firstName: "Late",
      attributes: { language: "fi", attendance: "remote" },
    };
    const after = addLateJoiner(plan, late, 1);
    for (const round of after.plan.rounds) {
      const g = round.groups.find((x) => x.memberIds.includes("late"))!;
      assert.ok(g.memberIds.filter((id) => id !== "late").every((id) => mode.get(id) === "remote"));
    }
  });
});
