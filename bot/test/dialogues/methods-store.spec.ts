import assert from "node:assert/strict";
import { testStore } from "../../testing/azurite";
import { createDialogueService } from "../../src/features/dialogues/domain/dialogue-service";
import { createDialogueRepository } from "../../src/features/dialogues/store/dialogue-repository";
import { details, fakeJobs } from "./fixtures";

/** Method, sizes and the new fields through the real Dialogues table (Azurite). */
describe("dialogue methods stored (service + Azurite)", function () {
  this.timeout(60_000);
  const now = new Date("2030-01-10T08:00:00Z");
  const creator = { aadId: "organiser-m", name: "Olli" };

  async function service() {
    const { store } = await testStore();
    await store.ensureTables(["Dialogues"]);
    const table = store.table("Dialogues");
    return {
      table,
      dialogues: createDialogueService({
        dialogues: createDialogueRepository(table),
        jobs: fakeJobs(),
        now: () => now,
      }),
    };
  }

  it("an edit changes the sizes but keeps a peer dialogue's policies; the facilitator's sizes keep them too", async () => {
    const { dialogues } = await service();
    const { dialogue } = await dialogues.create({
      tenantId: "t",
      creator,
      nonce: "00000000-0000-4000-8000-000000000001",
      details: details(new Date("2030-02-01T08:00:00Z")),
      extras: {
        type: "peer",
        method: "dialogue",
        participationLevel: "involve",
        grouping: { minSize: 3, maxSize: 8, targetSize: 5, policies: { org: "diversify" } },
      },
    });
    const { after } = await dialogues.edit({
      id: dialogue.id,
      tenantId: "t",
      userId: creator.aadId,
      version: dialogue.version,
      details: details(new Date("2030-02-01T08:00:00Z")),
      method: {
        method: "citizensJury",
        participationLevel: "collaborate",
        grouping: { minSize: 4, maxSize: 6, targetSize: 5 },
      },
    });
    assert.equal(after.type, "peer");
    assert.equal(after.method, "citizensJury");
    assert.equal(after.participationLevel, "collaborate");
    assert.deepEqual(after.grouping, {
      minSize: 4,
      maxSize: 6,
      targetSize: 5,
      policies: { org: "diversify" },
    });
    const sized = await dialogues.setGroupSizes(dialogue.id, "t", { minSize: 2, maxSize: 3 });
    assert.deepEqual(sized.grouping, {
      minSize: 2,
      maxSize: 3,
      targetSize: 3,
      policies: { org: "diversify" },
    });
    assert.equal((await dialogues.get(dialogue.id, "t")).version, after.version + 1);
    await assert.rejects(
      dialogues.setGroupSizes(dialogue.id, "other-tenant", { minSize: 2, maxSize: 3 }),
      /notFound/,
    );
  });

  it("a row written before methods existed loads with the new fields absent", async () => {
    const { table, dialogues } = await service();
    const { dialogue } = await dialogues.create({
      tenantId: "t",
      creator,
      nonce: "00000000-0000-4000-8000-000000000002",
      details: details(new Date("2030-02-01T08:00:00Z")),
    });
    // What an older version stored: no method, sizes, audience, materials or co-organisations.
    const old = JSON.parse(JSON.stringify(dialogue)) as Record<string, unknown>;
    for (const k of ["targetAudience", "materials", "coOrganisations", "method", "grouping"]) delete old[k];
    await table.updateEntity(
      { partitionKey: dialogue.id, rowKey: "meta", data: JSON.stringify(old) },
      "Merge",
    );
    const loaded = await dialogues.get(dialogue.id, "t");
    assert.equal(loaded.method, undefined);
    assert.equal(loaded.materials, undefined);
    assert.equal(loaded.title, dialogue.title);
  });
});
