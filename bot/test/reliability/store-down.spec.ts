import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startAzurite, type AzuriteHandle } from "../../src/platform/tables/azurite";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { startDirectoryApp, type DirectoryTestApp } from "../directory/api/helpers";
import { cardOf, driver, textOf, type Actor } from "../dialogues/conversation-helpers";
import { arrangeRunningRound, memberId, ORGANISER } from "../../testing/arrange";
import { tracked } from "./report";

const UNAVAILABLE = /temporarily unavailable[^]*(not saved|Nothing was saved)[^]*try again/;
const SAVED = /Saved at|Tallennettu/;

describe("faults: the table store goes down while the bot and the tab API are in use", function () {
  this.timeout(60_000);
  let dir: string;
  let azurite: AzuriteHandle;
  let t: DirectoryTestApp;
  let connector: ConnectorRecorder;
  let bot: ReturnType<typeof driver>;
  before(async () => {
    // Persistent, so the restarted Azurite has the same tables and rows.
    dir = mkdtempSync(path.join(os.tmpdir(), "dialogi-store-down-"));
    azurite = await startAzurite({ location: dir });
    connector = await startConnectorRecorder();
    t = await startDirectoryApp({ connectionString: azurite.connectionString });
    bot = driver(t.app, connector);
  });
  after(async () => {
    await t.close();
    await connector.close();
    await azurite.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    "says 'not saved, try again' (bot and API, 503), never a false 'saved'; recovers without an app restart",
    tracked("faults", async () => {
      const { dialogue } = await arrangeRunningRound(t.app.app.store, 1, 3);
      const scribe: Actor = { userId: memberId(dialogue.id, 0), userName: "Sanna", locale: "en-US" };
      const organiser: Actor = { userId: ORGANISER, userName: "Olli", locale: "en-US" };
      const staff = await t.signIn("staff-vm");
      const note = (noteId: string) => ({
        dialogueId: dialogue.id,
        round: 1,
        group: 1,
        noteId,
        text: "We talked about trust.",
        themes: "trust",
        insights: "",
      });
      // Warm: the group is cached by this instance, the API has a read model.
      assert.match(textOf((await bot.execute(scribe, "notes.save", note(randomUUID()))).card), SAVED);

      const port = azurite.port;
      await azurite.stop();

      const health = await fetch(`${t.url}/api/health`);
      assert.equal(health.status, 503);
      // A card action: the note is not stored and the user is told so.
      const lost = await bot.execute(scribe, "notes.save", note(randomUUID()));
      assert.equal(lost.card, undefined, "no saved card while the store is down");
      assert.match(String(lost.message), UNAVAILABLE);
      // A text command.
      const [reply] = await bot.say(organiser, "my dialogues");
      assert.match(String(reply?.text), UNAVAILABLE);
      assert.equal(reply?.attachments, undefined);
      // The tab API: a write and a read.
      const write = await t.call<{ error: string; message: string }>("/api/directory/entries", {
        method: "POST",
        token: staff,
        body: { orgId: "vm", section: "done", title: "Not saved" },
      });
      assert.equal(write.status, 503);
      assert.match(write.body.message, UNAVAILABLE);
      const read = await t.call<{ error: string; message: string }>("/api/series", { token: staff });
      assert.equal(read.status, 503);
      assert.match(read.body.message, UNAVAILABLE);

      azurite = await startAzurite({ location: dir, port });
      assert.equal((await fetch(`${t.url}/api/health`)).status, 200);
      const saved = await bot.execute(scribe, "notes.save", note(randomUUID()));
      assert.match(textOf(saved.card), SAVED, String(saved.message));
      const [list] = await bot.say(organiser, "my dialogues");
      assert.match(textOf(cardOf(list)), /Luotettava dialogi/);
      const again = await t.call("/api/directory/entries", {
        method: "POST",
        token: staff,
        body: { orgId: "vm", section: "done", title: "Saved again" },
      });
      assert.equal(again.status, 201);
      assert.equal((await t.call("/api/series", { token: staff })).status, 200);
      return "store down: bot + API refuse with 503/'not saved', recover after restart";
    }),
  );
});
