import assert from "node:assert/strict";
import { useTabHarness } from "./harness";

describe("tab: theme tags filter the directory by their theme (fi/sv/en)", function () {
  this.timeout(120_000);
  const h = useTabHarness();

  it("a theme on an entry is a link; following it lists only entries with that theme", async () => {
    const { entry } = await h.api<{ entry: { id: string } }>("staff-vm", "/api/directory/entries", {
      method: "POST",
      body: JSON.stringify({
        orgId: "vm",
        section: "done",
        title: "Teemakoe",
        themes: ["vesistöt", "luottamus"],
      }),
    });
    const page = await h.open(`#/org/vm?entry=${entry.id}`, { as: "reader" });
    const card = page.locator(`#entry-${entry.id}`);
    const link = card.getByRole("link", { name: "Näytä merkinnät teemalla vesistöt" });
    await link.waitFor();
    await h.setLanguage(page, "sv");
    await card.getByRole("link", { name: "Visa poster med temat vesistöt" }).waitFor();
    await h.setLanguage(page, "en");
    await card.getByRole("link", { name: "Show entries with the theme vesistöt" }).click();
    await page.waitForFunction(() =>
      (globalThis as unknown as { location: { hash: string } }).location.hash.includes("tag=vesist"),
    );
    await page.getByRole("link", { name: "Teemakoe" }).waitFor();
    const { items } = await h.api<{ items: { themes: string[] }[] }>(
      "reader",
      "/api/directory/entries?tag=vesistöt",
    );
    const shown = await page.locator("main article h2, main article h3").count();
    assert.equal(shown, items.length, "the list shows exactly the entries with the theme");
    assert.ok(items.every((e) => e.themes.includes("vesistöt")));
    await h.axeClean(page, "directory filtered by a theme");
  });
});
