import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { useTabHarness } from "./harness";

/** The DOM bits the page functions read (this project type-checks without lib.dom). */
declare const document: {
  scrollingElement: { scrollWidth: number } | null;
  querySelector(s: string): { getBoundingClientRect(): { height: number } } | null;
};

const WIDTH = 320;
const HEIGHT = 640;

describe("tab at 320 px: no horizontal scrolling on any view, a compact header (fi/sv/en)", function () {
  this.timeout(180_000);
  const h = useTabHarness({ width: WIDTH, height: HEIGHT });

  const widths = (page: Page) =>
    page.evaluate(() => ({
      scroll: document.scrollingElement?.scrollWidth ?? 0,
      header: document.querySelector("header")?.getBoundingClientRect().height ?? 0,
    }));

  it("every route fits in 320 px and the header keeps most of the screen for content", async () => {
    type Entry = { id: string; orgId: string };
    const { entries } = await h.api<{ entries: Entry[] }>("coordinator", "/api/directory/organisations/vm");
    const { items: series } = await h.api<{ items: { id: string }[] }>("coordinator", "/api/series");
    const routes = [
      "#/directory",
      "#/directory?q=dialogi",
      "#/org/vm",
      "#/entry/new?org=vm",
      `#/entry/vm/${entries[0]!.id}/edit`,
      "#/calendar",
      "#/moderation",
      "#/admin",
      "#/series",
      ...(series[0] ? [`#/series/${series[0].id}`] : []),
      "#/accessibility",
    ];
    const page = await h.open("#/directory", { as: "coordinator" });
    const wide: string[] = [];
    for (const lang of ["fi", "sv", "en"] as const) {
      await h.setLanguage(page, lang);
      for (const route of routes) {
        await page.evaluate(
          (r) => ((globalThis as unknown as { location: { hash: string } }).location.hash = r),
          route,
        );
        await page.locator("main h1").first().waitFor();
        await page.waitForLoadState("networkidle");
        const { scroll, header } = await widths(page);
        if (scroll > WIDTH) wide.push(`${lang} ${route}: ${scroll} px`);
        assert.ok(header <= HEIGHT / 4, `${lang} ${route}: header ${header} px of ${HEIGHT}`);
      }
    }
    assert.deepEqual(wide, []);
  });
});
