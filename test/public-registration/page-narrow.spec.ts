import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { arrangeDialogue } from "../../bot/testing/arrange";
import { axeClean, usePublicPage } from "./page-fixture";

/** The browser's globals as the page functions below use them (the spec compiles without the DOM lib). */
interface Rect {
  top: number;
  bottom: number;
}
interface PageDom {
  activeElement: { id: string } | null;
  getElementById(id: string): { getBoundingClientRect(): Rect } | null;
  querySelectorAll(s: string): ArrayLike<PageNode>;
  createRange(): {
    setStart(n: PageNode, o: number): void;
    setEnd(n: PageNode, o: number): void;
    getClientRects(): ArrayLike<Rect>;
  };
}
interface PageNode {
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<PageNode>;
}
declare const document: PageDom;
declare const window: { innerHeight: number };

/**
 * Words of the facts table (dt and dd) that the browser broke across lines. A word is a run of
 * non-spaces in one text node; its range's line boxes all share one top when it is unbroken.
 */
async function brokenWords(page: Page): Promise<string[]> {
  // No named functions inside: the test runner's compiler would wrap them in a helper the page lacks.
  return page.evaluate(() => {
    const broken: string[] = [];
    const stack: PageNode[] = Array.from(document.querySelectorAll("dl.facts dt, dl.facts dd"));
    while (stack.length > 0) {
      const n = stack.pop()!;
      stack.push(...Array.from(n.childNodes));
      if (n.nodeType !== 3) continue;
      for (const m of (n.textContent ?? "").matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(n, m.index);
        range.setEnd(n, m.index + m[0].length);
        const tops = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
    return broken;
  });
}

/** #27.15 in Chromium at 320 px: errors in sight after Enter, no mid-word breaks, an ended dialogue. */
describe("public registration page at 320 px in Chromium: errors on top, words whole, ended dialogues", function () {
  this.timeout(60_000);
  const fixture = usePublicPage({
    meetingUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_narrow%40thread.v2/0",
    targetAudience: "Kansalaisjärjestöjen edustajat ja kuntalaiset",
  });
  let endedUrl = "";

  before(async () => {
    const ended = await arrangeDialogue(fixture.pub.app.app.store, {
      audience: "public",
      endedAt: new Date(),
    });
    endedUrl = `${fixture.pub.app.url}/register/${ended.id}`;
  });

  it("Enter in the name field: the reloaded page has the error summary at the top, with focus", async () => {
    const page = await fixture.browser.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(fixture.url);
    await page.focus("#f-name");
    await page.keyboard.type("Anna Enter");
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.keyboard.press("Enter")]);
    assert.match(await page.title(), /^Virhe:/);
    const where = await page.evaluate(() => ({
      focused: document.activeElement?.id ?? "",
      top: document.getElementById("error-summary")!.getBoundingClientRect().top,
      height: window.innerHeight,
    }));
    assert.equal(where.focused, "error-summary");
    assert.ok(where.top >= 0 && where.top < where.height / 2, `summary at ${where.top}px of ${where.height}`);
    assert.match(
      (await page.textContent("#error-summary")) ?? "",
      /Sähköpostiosoite: Tämä tieto on pakollinen/,
    );
    assert.equal(await page.inputValue("#f-name"), "Anna Enter", "the typed name is kept");
    await axeClean(page, "page with the error summary");
    await page.close();
  });

  it("no word of the facts table breaks mid-word at 320 px (nor at 640 px)", async () => {
    const page = await fixture.browser.newPage();
    for (const width of [320, 640]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(fixture.url);
      assert.deepEqual(await brokenWords(page), [], `${width}px`);
    }
    await page.close();
  });

  it("an ended dialogue's page says it has ended and has no form", async () => {
    const page = await fixture.browser.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    const res = await page.goto(endedUrl);
    assert.equal(res?.status(), 410);
    assert.match((await page.textContent("main")) ?? "", /Tämä dialogi on päättynyt/);
    assert.equal(await page.locator("form").count(), 0);
    await page.close();
  });
});
