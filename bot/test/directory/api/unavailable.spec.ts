import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startAzurite, type AzuriteHandle } from "../../../src/platform/tables/azurite";
import { startDirectoryApp, type ApiEntry, type DirectoryTestApp } from "./helpers";

describe("directory API when the table store is down", () => {
  let azurite: AzuriteHandle;
  let t: DirectoryTestApp;
  let staff: string;
  let entry: ApiEntry;
  let location: string;
  before(async () => {
    // A dedicated Azurite, so stopping it does not disturb other tests; on disk, so that like a
    // real storage account it comes back with its data (the app then finds its version unchanged).
    location = mkdtempSync(path.join(os.tmpdir(), "dialogi-unavailable-"));
    azurite = await startAzurite({ location });
    t = await startDirectoryApp({ connectionString: azurite.connectionString });
    staff = await t.signIn("staff-vm");
    entry = (await t.call<{ entries: ApiEntry[] }>("/api/directory/organisations/vm", { token: staff })).body
      .entries[0]!;
  });
  after(async () => {
    await t.close();
    await azurite.stop();
    rmSync(location, { recursive: true, force: true });
  });

  it("answers writes with a translated 503 (input not saved), keeps serving reads from memory, and recovers", async () => {
    const port = azurite.port;
    await azurite.stop();

    const fi = await t.call<{ error: string; message: string }>("/api/directory/entries", {
      method: "POST",
      token: staff,
      lang: "fi",
      body: { orgId: "vm", section: "done", title: "Ei tallennu" },
    });
    assert.equal(fi.status, 503);
    assert.equal(fi.body.error, "unavailable");
    assert.match(fi.body.message, /Syötettäsi ei tallennettu/);
    assert.ok(fi.headers.get("retry-after"));

    const sv = await t.call<{ message: string }>(`/api/directory/entries/vm/${entry.id}`, {
      method: "PUT",
      token: staff,
      lang: "sv",
      body: { section: entry.section, title: "Inte sparad" },
      headers: { "if-match": entry.etag },
    });
    assert.equal(sv.status, 503);
    assert.match(sv.body.message, /sparades inte/);

    const del = await t.call(`/api/directory/entries/vm/${entry.id}`, {
      method: "DELETE",
      token: staff,
      headers: { "if-match": entry.etag },
    });
    assert.equal(del.status, 503);

    // Searches are answered by the in-memory read model while it is fresh.
    const search = await t.call<{ items: ApiEntry[] }>("/api/directory/entries?q=dialogi", { token: staff });
    assert.equal(search.status, 200);
    assert.ok(search.body.items.length > 0);

    azurite = await startAzurite({ port, location });
    const again = await t.call<{ entry: ApiEntry }>("/api/directory/entries", {
      method: "POST",
      token: staff,
      body: { orgId: "vm", section: "done", title: "Tallentuu taas" },
    });
    assert.equal(again.status, 201);
  });
});
