import assert from "node:assert/strict";
import { useTabHarness } from "./harness";

type Org = { shortName: string; names: unknown; type: string; listingMissing: boolean; etag: string };
type Entry = { id: string; title: string; etag: string; draft?: { status: string } };

describe("tab: a staff edit under review keeps the published version visible (fi/sv/en)", function () {
  this.timeout(120_000);
  const h = useTabHarness();

  /** Turns VM's review on for the test and off again (other specs expect direct publishing). */
  async function withReview(run: () => Promise<void>) {
    const { organisation } = await h.api<{ organisation: Org }>(
      "coordinator",
      "/api/directory/organisations/vm",
    );
    const { shortName, names, type, listingMissing } = organisation;
    const put = (etag: string, requiresReview: boolean) =>
      h.api("coordinator", "/api/directory/organisations/vm", {
        method: "PUT",
        headers: { "if-match": etag },
        body: JSON.stringify({ shortName, names, type, listingMissing, requiresReview }),
      });
    await put(organisation.etag, true);
    try {
      await run();
    } finally {
      const now = await h.api<{ organisation: Org }>("coordinator", "/api/directory/organisations/vm");
      await put(now.organisation.etag, false);
    }
  }

  it("editor says what happens, readers keep the old title, the queue shows an edit with a field diff", async () => {
    const oldTitle = "Julkaistu budjettidialogi";
    const newTitle = "Uudistettu budjettidialogi";
    const { entry } = await h.api<{ entry: Entry }>("coordinator", "/api/directory/entries", {
      method: "POST",
      body: JSON.stringify({ orgId: "vm", section: "done", title: oldTitle, description: "Kuvaus." }),
    });
    await withReview(async () => {
      const editor = await h.open(`#/entry/vm/${entry.id}/edit`, { as: "staff-vm" });
      await editor.getByText(/lukijat näkevät edelleen julkaistun version/).waitFor();
      await editor.locator('input[name="title"]').fill(newTitle);
      await editor.locator('button[type="submit"]').click();
      await editor
        .getByRole("status")
        .filter({ hasText: "Muutokset tallennettiin tarkastettaviksi" })
        .waitFor();
      await editor.getByText("Muutos odottaa tarkastusta").first().waitFor();

      // Readers still see the published version, in the directory and on the organisation page.
      const reader = await h.open("#/org/vm", { as: "reader" });
      await reader.getByRole("heading", { name: oldTitle }).waitFor();
      assert.equal(await reader.getByRole("heading", { name: newTitle }).count(), 0);

      // Reopened, the editor shows the pending version and says it waits (Swedish).
      const again = await h.open(`#/entry/vm/${entry.id}/edit`, { as: "staff-vm" });
      await h.setLanguage(again, "sv");
      await again.getByText(/väntar på granskning av en koordinator/).waitFor();
      assert.equal(await again.locator('input[name="title"]').inputValue(), newTitle);

      // The coordinator's queue: marked as an edit, with the changed field old → new.
      const queue = await h.open("#/moderation", { as: "coordinator" });
      const card = queue.locator("article").filter({ hasText: oldTitle });
      await card.getByText("Muutos julkaistuun merkintään").waitFor();
      const row = card.getByRole("row", { name: /Otsikko/ });
      assert.match(await row.innerText(), new RegExp(`${oldTitle}\\s+${newTitle}`));
      await h.axeClean(queue, "moderation queue with an edit");
      await h.setLanguage(queue, "sv");
      await card.getByText("Ändring av en publicerad post").waitFor();
      await card.getByRole("rowheader", { name: "Rubrik" }).waitFor();
      await h.setLanguage(queue, "en");
      await card.getByText("Change to a published entry").waitFor();
      await card.getByRole("columnheader", { name: "Proposed" }).waitFor();
      await card.getByRole("button", { name: `Approve: ${oldTitle}` }).click();
      await queue.getByText(`Approved and published: ${oldTitle}`).first().waitFor();

      const { items } = await h.api<{ items: Entry[] }>("reader", "/api/directory/entries?q=budjettidialogi");
      assert.deepEqual(
        items.map((e) => e.title),
        [newTitle],
      );
    });
  });
});
