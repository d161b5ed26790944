import assert from "node:assert/strict";
import { explainWarning, formGroups, WARNING_TEXT_EN } from "../../../src/features/rounds/domain/grouping";
import type { GroupingOptions, Registrant } from "../../../src/features/rounds/domain/grouping";
import { invariantProblems } from "./fixtures";

const person = (id: string, language = "fi", extra: Partial<Registrant["attributes"]> = {}): Registrant => ({
  id,
  firstName: id,
  attributes: { language, ...extra },
});
const many = (n: number, language = "fi", prefix = language) =>
  Array.from({ length: n }, (_, i) => person(`${prefix}${i}`, language));
const codes = (r: { warnings: { code: string }[] }) => r.warnings.map((w) => w.code);

describe("grouping: bad input never throws and is explained", () => {
  it("empty input: rounds without groups and an emptyInput warning", () => {
    const r = formGroups([], { rounds: 2, seed: 1 });
    assert.deepEqual(codes(r), ["emptyInput"]);
    assert.deepEqual(
      r.plan.rounds.map((x) => x.groups),
      [[], []],
    );
  });

  it("garbage instead of registrants and options", () => {
    const junk = [null, 42, { firstName: "no id" }, person("ok")] as unknown as Registrant[];
    const r = formGroups(junk, { rounds: Number.NaN, seed: Number.NaN, minSize: -2 } as GroupingOptions);
    assert.deepEqual(
      r.plan.registrants.map((p) => p.id),
      ["ok"],
    );
    assert.ok(codes(r).includes("invalidRegistrant"));
    assert.ok(codes(r).includes("invalidRounds"));
    assert.ok(codes(r).includes("invalidSize"));
    assert.deepEqual(invariantProblems(r.plan, { checkSizes: false }), []);
    assert.doesNotThrow(() =>
      formGroups(undefined as unknown as Registrant[], undefined as unknown as GroupingOptions),
    );
  });

  it("fewer people than minSize: one group of them all", () => {
    const r = formGroups(many(2), { rounds: 2, seed: 1 });
    assert.ok(codes(r).includes("tooFewPeople"));
    for (const round of r.plan.rounds) {
      assert.equal(round.groups.length, 1);
      assert.deepEqual([...round.groups[0]!.memberIds].sort(), ["fi0", "fi1"]);
      assert.deepEqual(round.groups[0]!.flags, ["belowMinSize"]);
    }
    // Two rounds of two people: the scribe turn passes to the other.
    assert.notEqual(r.plan.rounds[0]!.groups[0]!.scribeId, r.plan.rounds[1]!.groups[0]!.scribeId);
  });

  it("a single person still gets a group (never an empty one) and is its scribe", () => {
    const r = formGroups([person("solo")], { rounds: 1, seed: 1 });
    assert.deepEqual(r.plan.rounds[0]!.groups, [
      { number: 1, cluster: "fi", memberIds: ["solo"], scribeId: "solo", flags: ["belowMinSize"] },
    ]);
  });

  it("minSize > maxSize: swapped and explained", () => {
    const r = formGroups(many(20), { minSize: 6, maxSize: 4, rounds: 1, seed: 1 });
    assert.deepEqual(
      r.warnings.find((w) => w.code === "minGreaterThanMax"),
      { code: "minGreaterThanMax", params: { minSize: 6, maxSize: 4 } },
    );
    assert.equal(r.plan.options.minSize, 4);
    assert.equal(r.plan.options.maxSize, 6);
    assert.deepEqual(invariantProblems(r.plan, { checkSizes: true }), []);
  });

  it("a language cluster of one person joins the closest (largest) cluster, flagged", () => {
    const people = [...many(10, "fi"), ...many(6, "sv"), person("en0", "en")];
    const r = formGroups(people, { rounds: 2, seed: 3 });
    assert.deepEqual(
      r.warnings.find((w) => w.code === "clusterTooSmall"),
      { code: "clusterTooSmall", params: { cluster: "en", count: 1, mergedInto: "fi" } },
    );
    for (const round of r.plan.rounds) {
      const host = round.groups.find((g) => g.memberIds.includes("en0"))!;
      assert.equal(host.cluster, "fi");
      assert.ok(host.flags.includes("mergedCluster"));
      // Swedish speakers stay among themselves.
      for (const g of round.groups.filter((g) => g.cluster === "sv"))
        assert.ok(g.memberIds.every((id) => id.startsWith("sv")));
      assert.ok(round.groups.every((g) => g.memberIds.length >= 3));
    }
  });

  it("a small cluster prefers the cluster sharing most clustered values", () => {
    const people: Registrant[] = [
      ...Array.from({ length: 12 }, (_, i) => person(`a${i}`, "fi", { org: "A" })),
      ...Array.from({ length: 6 }, (_, i) => person(`b${i}`, "sv", { org: "B" })),
      person("c0", "sv", { org: "C" }),
    ];
    const r = formGroups(people, { rounds: 1, seed: 1, policies: { org: "cluster" } });
    const w = r.warnings.find((x) => x.code === "clusterTooSmall")!;
    assert.deepEqual(w.params, { cluster: "c/sv", count: 1, mergedInto: "b/sv" });
  });

  it("every cluster too small: all merged into the largest", () => {
    const people = [...many(2, "fi"), person("sv0", "sv"), person("en0", "en")];
    const r = formGroups(people, { rounds: 1, seed: 1 });
    assert.equal(r.plan.rounds[0]!.groups.length, 1);
    assert.equal(r.plan.rounds[0]!.groups[0]!.memberIds.length, 4);
    assert.equal(codes(r).filter((c) => c === "clusterTooSmall").length, 2);
  });

  it("sizes that cannot fit min–max: max wins and it is explained", () => {
    const r = formGroups(many(9), { minSize: 5, maxSize: 8, rounds: 1, seed: 1 });
    const w = r.warnings.find((x) => x.code === "sizesOutOfRange")!;
    assert.deepEqual(w.params, { cluster: "fi", count: 9, minSize: 5, maxSize: 8, size: "4–5" });
    assert.deepEqual(r.plan.rounds[0]!.groups.map((g) => g.memberIds.length).sort(), [4, 5]);
  });

  it("duplicate ids keep the first entry", () => {
    const r = formGroups([person("x"), person("x", "sv"), ...many(4)], { rounds: 1, seed: 1 });
    assert.deepEqual(r.warnings[0], { code: "duplicateRegistrant", params: { id: "x" } });
    assert.equal(r.plan.registrants.filter((p) => p.id === "x").length, 1);
  });

  it("in-person defaults are 6–25", () => {
    const r = formGroups(many(40), { mode: "inPerson", rounds: 1, seed: 1 });
    assert.deepEqual([r.plan.options.minSize, r.plan.options.maxSize], [6, 25]);
    assert.ok(r.plan.rounds[0]!.groups.every((g) => g.memberIds.length >= 6));
  });

  it("every warning code has English text and explainWarning fills the params", () => {
    for (const text of Object.values(WARNING_TEXT_EN)) assert.ok(text.length > 10);
    assert.equal(
      explainWarning({ code: "tooFewPeople", params: { count: 2, minSize: 3 } }),
      "Only 2 people are registered, fewer than the minimum group size 3: they form one group.",
    );
  });
});
