import assert from "node:assert/strict";
import { METHOD_IDS } from "@dialogi/contracts";
import { staff, type PeerStory } from "./story";

/** The participation-method catalogue served to the tab: signed-in only, localised, complete. */
export function methodsSteps(story: PeerStory): void {
  it("GET /api/peer/methods needs a sign-in and lists every method and IAP2 level in fi/sv/en", async () => {
    const anonymous = await fetch(`${story.app.url}/api/peer/methods`);
    assert.equal(anonymous.status, 401);
    const names: Record<string, string> = {};
    for (const lang of ["fi", "sv", "en"]) {
      const res = await story.call("/api/peer/methods", staff.vm, { lang });
      assert.equal(res.status, 200);
      const methods = res.body.methods as {
        id: string;
        name: string;
        level: string;
        capacity: number;
        groupSizes: { minSize: number; maxSize: number; targetSize: number };
        roles: { id: string; name: string; count: string }[];
        phases: string[];
        guide: string;
      }[];
      assert.deepEqual(
        methods.map((m) => m.id),
        [...METHOD_IDS],
      );
      for (const m of methods) {
        assert.ok(m.name && m.guide, `${m.id} has a name and a guide`);
        assert.ok(
          m.groupSizes.minSize <= m.groupSizes.targetSize && m.groupSizes.targetSize <= m.groupSizes.maxSize,
        );
        assert.ok(m.roles.every((r) => r.name && r.count));
      }
      const jury = methods.find((m) => m.id === "citizensJury")!;
      assert.equal(jury.phases.length, 4, "a citizens' jury has four phases");
      assert.equal(jury.level, "collaborate");
      names[lang] = jury.name;
      const levels = res.body.levels as { id: string; name: string; promise: string }[];
      assert.deepEqual(
        levels.map((l) => l.id),
        ["inform", "consult", "involve", "collaborate", "empower"],
      );
    }
    assert.deepEqual(names, { fi: "Kansalaisraati", sv: "Medborgarpanel", en: "Citizens' jury" });
  });
}
