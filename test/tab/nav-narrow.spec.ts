import assert from "node:assert/strict";
import { useTabHarness } from "./harness";

declare const document: {
  querySelectorAll(s: string): ArrayLike<{ textContent: string | null; getBoundingClientRect(): Box }>;
  querySelector(s: string): { getBoundingClientRect(): Box } | null;
  documentElement: { clientWidth: number };
};
type Box = { left: number; right: number; width: number; height: number };

const WIDTH = 320;
const HEIGHT = 640;

/**
 * Found in the second #27 walkthrough: at 320 px a coordinator saw two of the seven links of the
 * main navigation; the rest (add entry, to review, series, administration, accessibility) sat
 * off-screen in a sideways-scrolling row with no scrollbar or hint. The links now wrap, each on
 * screen (the accessibility statement's only in the footer, where it is on every page), and the
 * header still leaves most of the screen to the content.
 */
describe("tab at 320 px: every navigation link is on screen (fi/sv/en)", function () {
  this.timeout(120_000);
  const h = useTabHarness({ width: WIDTH, height: HEIGHT });

  it("a coordinator's links all lie within the screen's width; the header stays compact", async () => {
    const page = await h.open("#/directory", { as: "coordinator" });
    for (const lang of ["fi", "sv", "en"] as const) {
      await h.setLanguage(page, lang);
      await page.locator("main h1").first().waitFor();
      const { links, width, header } = await page.evaluate(() => ({
        links: Array.from(document.querySelectorAll("header nav a")).map((a) => {
          const b = a.getBoundingClientRect();
          return { text: a.textContent ?? "", left: b.left, right: b.right, shown: b.width > 0 };
        }),
        width: document.documentElement.clientWidth,
        header: document.querySelector("header")?.getBoundingClientRect().height ?? 0,
      }));
      // Seven links; the accessibility statement's is left to the footer on narrow screens.
      assert.equal(links.length, 7, `${lang}: the coordinator's links`);
      const shown = links.filter((l) => l.shown);
      assert.equal(shown.length, 6, `${lang}: ${JSON.stringify(links)}`);
      const footer = page.locator("footer a").filter({ hasText: links.find((l) => !l.shown)!.text });
      assert.ok(await footer.isVisible(), `${lang}: the hidden link is in the footer`);
      const off = shown.filter((l) => l.left < 0 || l.right > width + 0.5);
      assert.deepEqual(off, [], `${lang}: links off screen`);
      assert.ok(header <= HEIGHT / 4, `${lang}: header ${header} px of ${HEIGHT}`);
    }
  });
});
