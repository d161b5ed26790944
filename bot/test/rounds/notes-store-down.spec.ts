import assert from "node:assert/strict";
import { TableClient } from "@azure/data-tables";
import { createGroupCache } from "../../src/features/rounds/services/group-cache";
import { createNotesService } from "../../src/features/rounds/services/notes-service";
import type { RoundsContext } from "../../src/features/rounds/services/context";
import { initialState } from "../../src/features/rounds/services/run-state";
import { isStoreUnavailable } from "../../src/platform/tables/errors";
import { createGroupRepository } from "../../src/features/rounds/store/group-repository";
import { createNoteRepository } from "../../src/features/rounds/store/note-repository";
import { createLogger } from "../../src/logger";
import { testStore } from "../../testing/azurite";

const DIALOGUE = "d-storedwn";
const SCRIBE = "aad-scribe";

describe("notes when the store is down", () => {
  it("surfaces a store-unavailable error (so the bot says 'not saved'), never a saved card", async () => {
    const { store } = await testStore();
    await store.ensureTables(["Groups", "Notes"]);
    const groups = createGroupRepository(store.table("Groups"));
    await groups.replaceRounds(
      DIALOGUE,
      [1],
      [
        {
          round: 1,
          group: 1,
          scribeId: SCRIBE,
          members: [
            {
              userId: SCRIBE,
              name: "Sanna Scribe",
              language: "fi",
              uiLang: "fi",
              organisation: "",
              background: "",
            },
          ],
        },
      ],
    );
    await groups.putState(
      { ...initialState(DIALOGUE, 1), phase: "started", round: 1, running: true, formedRounds: 1 },
      undefined,
    );
    // The Notes table on a port nobody listens on: the one seam changed is our repository's client.
    const dead = new TableClient("http://127.0.0.1:1/devstoreaccount1", "Notes", {
      allowInsecureConnection: true,
      retryOptions: { maxRetries: 0 },
    });
    const rc = {
      groups,
      cache: createGroupCache(groups),
      notes: createNoteRepository(dead, { chunk: (t) => [t], join: (c) => c.join("") }),
      dialogues: { get: async () => ({ id: DIALOGUE, tenantId: "t", facilitators: [] }) },
      registrations: { active: async () => [] },
      logger: createLogger("silent"),
      now: () => new Date(),
    } as unknown as RoundsContext;
    const notes = createNotesService(rc);
    const input = {
      dialogueId: DIALOGUE,
      round: 1,
      group: 1,
      noteId: "0b7e4b1e-8f7e-4a59-9d41-3f1f0f6c1a01",
      text: "Keskustelimme.",
      themes: "luottamus",
      insights: "",
    };
    const err = await notes.save(input, { userId: SCRIBE, tenantId: "t" }, "fi").then(
      () => assert.fail("expected a failure"),
      (e: unknown) => e,
    );
    assert.ok(isStoreUnavailable(err), `not recognised as unavailable: ${String(err)}`);
    // Nothing was stored on the healthy store either.
    const rows = [];
    for await (const e of store.table("Notes").listEntities()) rows.push(e);
    assert.equal(rows.length, 0);
  });
});
