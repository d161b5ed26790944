import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import { useTabHarness } from "./harness";

type Entry = { id: string; etag: string };

/** The DOM bits the page functions read (this project type-checks without lib.dom). */
interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}
interface El {
  getBoundingClientRect(): Box;
  contains(other: unknown): boolean;
}
declare const document: {
  scrollingElement: { scrollWidth: number } | null;
  elementFromPoint(x: number, y: number): unknown;
};
declare const window: { scrollBy(x: number, y: number): void; innerHeight: number };

const WIDTH = 320;
const HEIGHT = 640;

/**
 * Where `target` is, without scrolling sideways: it is scrolled into view vertically only (a
 * Playwright click would scroll a sideways-scrolling table too and hide the fault), then the
 * element at its centre is asked for, so "clickable" means nothing covers it.
 */
async function placeOf(target: Locator) {
  return target.evaluate((el: El) => {
    const first = el.getBoundingClientRect();
    window.scrollBy(0, first.top - window.innerHeight / 3);
    const box = el.getBoundingClientRect();
    const x = (box.left + box.right) / 2;
    const y = (box.top + box.bottom) / 2;
    return { left: box.left, right: box.right, x, y, hit: el.contains(document.elementFromPoint(x, y)) };
  });
}

/** Asserts `target` lies within the 320 px viewport and its centre is it; returns the centre. */
async function onScreen(target: Locator, what: string) {
  const p = await placeOf(target);
  assert.ok(p.left >= 0 && p.right <= WIDTH, `${what}: ${Math.round(p.left)}–${Math.round(p.right)} px`);
  assert.ok(p.hit, `${what}: something else is at its centre`);
  return p;
}

/**
 * Issue #27 item 17: at 320 px the conflict view (stale ETag) stacks field by field, so the saved
 * version, the per-field choice and the buttons are on screen and work, in fi/sv/en.
 */
describe("tab at 320 px: the conflict view fits, its choices and buttons on screen and clickable (fi/sv/en)", function () {
  this.timeout(120_000);
  const h = useTabHarness({ width: WIDTH, height: HEIGHT });

  /** A VM entry whose title someone else saves while the editor is open; my save then conflicts. */
  async function conflict(page: Page, title: string, mine: string, theirs: string) {
    const { entry } = await h.api<{ entry: Entry }>("staff-vm", "/api/directory/entries", {
      method: "POST",
      body: JSON.stringify({ orgId: "vm", section: "done", title, description: "Alku." }),
    });
    await page.evaluate(
      (hash) => ((globalThis as unknown as { location: { hash: string } }).location.hash = hash),
      `#/entry/vm/${entry.id}/edit`,
    );
    await page.locator('input[name="title"]').waitFor();
    await h.api("coordinator", `/api/directory/entries/vm/${entry.id}`, {
      method: "PUT",
      headers: { "if-match": entry.etag },
      body: JSON.stringify({ section: "done", title: theirs, description: "Alku." }),
    });
    await page.locator('input[name="title"]').fill(mine);
    await page.locator('textarea[name="description"]').fill("Minun kuvaukseni.");
    await page.locator('button[type="submit"]').click();
    const panel = page.locator('section[aria-labelledby="conflict-heading"]');
    await panel.getByRole("radiogroup").waitFor();
    return panel;
  }

  it("stacks at 320 px: the saved version, each choice and both buttons are on screen; taking 'saved' works", async () => {
    h.expectNoise(/status of 409/);
    const page = await h.open("#/directory", { as: "staff-vm" });
    const theirs = "Kapea konflikti – heidän otsikkonsa";
    const panel = await conflict(page, "Kapea konflikti", "Kapea konflikti – minun otsikkoni", theirs);

    const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
    assert.ok(width <= WIDTH, `the page scrolls sideways: ${width} px`);
    await onScreen(panel.getByText(theirs), "the saved version");
    await onScreen(
      panel.locator("td span", { hasText: "Tallennettu versio" }).first(),
      "the saved version's label",
    );
    for (const name of ["Omani", "Tallennettu", "Muokkaan itse"])
      await onScreen(panel.getByRole("radio", { name }), `choice ${name}`);
    await onScreen(panel.getByRole("button", { name: "Hylkää omat muutokseni" }), "discard");
    await h.axeClean(page, "conflict panel at 320 px");

    // Clicked where it is seen (no sideways scrolling on the way).
    const saved = await onScreen(panel.getByRole("radio", { name: "Tallennettu" }), "choice Tallennettu");
    await page.mouse.click(saved.x, saved.y);
    assert.equal(await panel.getByRole("radio", { name: "Tallennettu" }).isChecked(), true);
    const merge = await onScreen(panel.getByRole("button", { name: /^Yhdistä/ }), "merge");
    await page.mouse.click(merge.x, merge.y);
    await page.waitForFunction(
      (v) =>
        (
          globalThis as unknown as { document: { querySelector(s: string): { value: string } | null } }
        ).document.querySelector('input[name="title"]')?.value === v,
      theirs,
    );
  });

  it("fits in Swedish and English too", async () => {
    h.expectNoise(/status of 409/);
    for (const [lang, saved, choice, discard] of [
      ["sv", "Sparad version", "Den sparade", /^Förkasta/],
      ["en", "Saved version", "Saved", /^Discard/],
    ] as const) {
      const page = await h.open("#/directory", { as: "staff-vm" });
      await h.setLanguage(page, lang);
      const panel = await conflict(page, `Smal ${lang}`, `Smal ${lang} – min`, `Smal ${lang} – deras`);
      await onScreen(panel.getByText(`Smal ${lang} – deras`), `${lang}: the saved version`);
      await onScreen(
        panel.locator("td span", { hasText: saved }).first(),
        `${lang}: the saved version's label`,
      );
      await onScreen(panel.getByRole("radio", { name: choice }), `${lang}: choice ${choice}`);
      await onScreen(panel.getByRole("button", { name: discard }), `${lang}: discard`);
      const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
      assert.ok(width <= WIDTH, `${lang}: the page scrolls sideways: ${width} px`);
    }
  });
});
