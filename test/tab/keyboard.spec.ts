import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { useTabHarness } from "./harness";

/** The DOM bits the page functions read (this project type-checks without lib.dom). */
declare const document: {
  activeElement: {
    tagName: string;
    textContent: string | null;
    getAttribute(n: string): string | null;
  } | null;
};

const TITLE = { fi: "Lisää merkintä", sv: "Lägg till post", en: "Add entry" } as const;

describe("tab keyboard: the editor takes focus to its heading; Enter in a single-line field does not submit (fi/sv/en)", function () {
  this.timeout(120_000);
  const h = useTabHarness();

  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement;
      return { tag: el?.tagName ?? "", text: el?.textContent ?? "", name: el?.getAttribute("name") ?? "" };
    });

  /** Waits until the focused element satisfies `ok` (focus moves after the lazy view loads). */
  async function focusSettles(page: Page, ok: (f: Awaited<ReturnType<typeof focused>>) => boolean) {
    let last = await focused(page);
    for (let i = 0; i < 50 && !ok(last); i++) {
      await page.waitForTimeout(100);
      last = await focused(page);
    }
    return last;
  }

  it("opening the editor from the navigation focuses its heading, not the page body", async () => {
    const page = await h.open("#/directory", { as: "staff-vm" });
    for (const lang of ["fi", "sv", "en"] as const) {
      await h.setLanguage(page, lang);
      await page.locator('nav a[href="#/directory"]').click();
      await page.locator('nav a[href="#/entry/new"]').focus();
      await page.keyboard.press("Enter");
      const f = await focusSettles(page, (x) => x.tag === "H1");
      assert.deepEqual([f.tag, f.text], ["H1", TITLE[lang]], `${lang}: focus on ${f.tag}`);
    }
  });

  it("Enter in the title field does not send the half-filled form; the Save button does", async () => {
    const page = await h.open("#/entry/new", { as: "staff-vm" });
    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().includes("/api/directory/entries")) posts.push(r.url());
    });
    /** Types after the Enter and waits for it in the field: the Enter's keydown has been handled. */
    const typedAfter = async (name: string, text: string) => {
      await page.keyboard.type(text);
      const field = page.locator(`input[name="${name}"]`);
      for (const until = Date.now() + 5000; !(await field.inputValue()).endsWith(text);) {
        assert.ok(Date.now() < until, `"${text}" never reached ${name}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    const title = page.locator('input[name="title"]');
    await title.fill("Puolivalmis");
    await title.focus();
    await page.keyboard.press("Enter");
    await typedAfter("title", " merkintä");
    assert.deepEqual(posts, [], "nothing was sent");
    assert.equal((await focused(page)).name, "title", "focus stays in the field");
    assert.equal(await page.locator('[role="alert"]').count(), 0, "no error summary for a form not yet sent");
    await page.locator('input[name="places"]').fill("Helsin");
    await page.locator('input[name="places"]').press("Enter");
    await typedAfter("places", "ki");
    assert.deepEqual(posts, []);
    await page.locator('button[type="submit"]').focus();
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Merkintä lisättiin." }).waitFor();
    // The positive end: the one request is the Save button's (an Enter's would make two).
    assert.equal(posts.length, 1);
  });
});
