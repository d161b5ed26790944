import assert from "node:assert/strict";
import { useTabHarness } from "./harness";

type Entry = { id: string; orgId: string; title: string; description: string; etag: string };

describe("tab: a conflict on the same field is the user's choice; history shows old and new values (fi/sv/en)", function () {
  this.timeout(120_000);
  const h = useTabHarness();

  /** A new VM entry, then someone else's save of `title` while the editor is open. */
  async function conflictOn(title: string, theirTitle: string, lang: "fi" | "sv" | "en") {
    h.expectNoise(/status of 409/);
    const { entry } = await h.api<{ entry: Entry }>("staff-vm", "/api/directory/entries", {
      method: "POST",
      body: JSON.stringify({ orgId: "vm", section: "done", title, description: "Alku." }),
    });
    const page = await h.open(`#/entry/vm/${entry.id}/edit`, { as: "staff-vm" });
    await page.locator('input[name="title"]').waitFor();
    await h.setLanguage(page, lang);
    await h.api("coordinator", `/api/directory/entries/vm/${entry.id}`, {
      method: "PUT",
      headers: { "if-match": entry.etag },
      body: JSON.stringify({ section: "done", title: theirTitle, description: "Alku." }),
    });
    return { page, entry };
  }

  it("offers mine / theirs / edit for a field both changed; 'theirs' takes the saved value", async () => {
    const { page, entry } = await conflictOn("Konfliktikoe", "Konfliktikoe – heidän otsikkonsa", "fi");
    await page.locator('input[name="title"]').fill("Konfliktikoe – minun otsikkoni");
    await page.locator('textarea[name="description"]').fill("Minun kuvaukseni.");
    await page.locator('button[type="submit"]').click();
    const panel = page.locator('section[aria-labelledby="conflict-heading"]');
    await panel.waitFor();
    const choice = panel.getByRole("radiogroup", { name: "Kumpi versio: Otsikko" });
    await choice.waitFor();
    assert.equal(await panel.getByRole("radiogroup").count(), 1, "only the field both changed asks");
    assert.match(await panel.innerText(), /Vain sinä muutit – säilyy\./);
    await h.axeClean(page, "conflict panel with choices");
    await choice.getByRole("radio", { name: "Tallennettu" }).check();
    await panel.getByRole("button", { name: /Yhdistä/ }).click();
    assert.equal(await page.locator('input[name="title"]').inputValue(), "Konfliktikoe – heidän otsikkonsa");
    assert.equal(await page.locator('textarea[name="description"]').inputValue(), "Minun kuvaukseni.");
    await page.getByText(/Tallennettu versio: Otsikko\./).waitFor();
    await page.locator('button[type="submit"]').click();
    await page.getByRole("status").filter({ hasText: "Muutokset tallennettiin." }).waitFor();

    // The history names the values, not only the fields.
    await page.getByRole("button", { name: `Muutoshistoria: Konfliktikoe – heidän otsikkonsa` }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("kuvaus: ”Alku.” → ”Minun kuvaukseni.”").waitFor();
    await dialog.getByText("otsikko: ”Konfliktikoe” → ”Konfliktikoe – heidän otsikkonsa”").waitFor();
    assert.ok(entry.id);
  });

  it("'edit' keeps my value and puts the cursor in the field (sv), and the panel speaks English", async () => {
    const sv = await conflictOn("Konfliktikoe två", "Konfliktikoe två – deras", "sv");
    await sv.page.locator('input[name="title"]').fill("Konfliktikoe två – min");
    await sv.page.locator('button[type="submit"]').click();
    const panel = sv.page.locator('section[aria-labelledby="conflict-heading"]');
    const choice = panel.getByRole("radiogroup", { name: "Vilken version: Rubrik" });
    await choice.getByRole("radio", { name: "Jag redigerar själv" }).check();
    await panel.getByRole("button").first().click();
    await sv.page.waitForFunction(
      () =>
        (
          globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string } | null } }
        ).document.activeElement?.getAttribute("name") === "title",
    );
    assert.equal(await sv.page.locator('input[name="title"]').inputValue(), "Konfliktikoe två – min");

    const en = await conflictOn("Conflict test three", "Conflict test three – theirs", "en");
    await en.page.locator('input[name="title"]').fill("Conflict test three – mine");
    await en.page.locator('button[type="submit"]').click();
    const enPanel = en.page.locator('section[aria-labelledby="conflict-heading"]');
    const enChoice = enPanel.getByRole("radiogroup", { name: "Which version: Title" });
    for (const name of ["Mine", "Saved", "I will edit it"])
      await enChoice.getByRole("radio", { name }).waitFor();
  });
});
