import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { axeClean, usePublicPage } from "./page-fixture";

/** Presses Tab until the element with `id` (or matching `selector`) has focus: proves keyboard reach. */
async function tabTo(page: Page, selector: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  assert.fail(`${selector} not reachable with Tab`);
}

/** Presses Enter on the focused button and waits for the page the server answers with. */
async function pressAndLoad(page: Page): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.keyboard.press("Enter")]);
}

/** No horizontal scrolling (WCAG 1.4.10 reflow). */
async function reflows(page: Page, where: string): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `${where}: content ${scroll}px wide in a ${client}px viewport`);
}

declare const document: {
  activeElement: { matches(s: string): boolean } | null;
  documentElement: { scrollWidth: number; clientWidth: number; lang: string };
};

describe("public registration page in Chromium (keyboard only, axe, 320 px, 200 % zoom)", function () {
  this.timeout(60_000);
  const fixture = usePublicPage({
    agenda: [
      { minutes: 540, title: "Tervetuloa", breakout: false },
      { minutes: 570, title: "Dialogi pienryhmissä", breakout: true },
    ],
  });

  it("keyboard only: errors in a summary and by the fields (values kept), then register; axe 0 throughout", async () => {
    const page = await fixture.browser.newPage();
    await page.goto(fixture.url);
    assert.equal(await page.getAttribute("html", "lang"), "fi");
    await axeClean(page, "registration page");
    // The skip link is the first stop and jumps to the form.
    await page.keyboard.press("Tab");
    assert.match(
      await page.evaluate(() => (document.activeElement as unknown as { textContent: string }).textContent),
      /Siirry/,
    );
    await tabTo(page, "#f-name");
    await page.keyboard.type("Anna Selain");
    await tabTo(page, "#f-email");
    await page.keyboard.type("anna.selain@example");
    await tabTo(page, "button[type=submit]");
    await pressAndLoad(page);
    assert.match(await page.title(), /^Virhe:/);
    const summary = await page.textContent("#error-summary");
    assert.match(summary!, /Sähköpostiosoite: Anna sähköpostiosoite/);
    assert.match(summary!, /Miten osallistut/);
    assert.match(summary!, /pelisäännöt/);
    assert.equal(await page.inputValue("#f-name"), "Anna Selain", "values kept");
    assert.equal(await page.getAttribute("#f-email", "aria-invalid"), "true");
    assert.match((await page.getAttribute("#f-email", "aria-describedby"))!, /f-email-error/);
    await axeClean(page, "page with errors");

    await tabTo(page, "#f-email");
    await page.keyboard.press("End");
    await page.keyboard.type(".org");
    await tabTo(page, "#f-organisation");
    await page.keyboard.type("Kansalaisjärjestö ry");
    await tabTo(page, "#f-background");
    await page.keyboard.press("ArrowDown"); // a native select moves with the arrows
    await page.keyboard.press("ArrowDown");
    await tabTo(page, "input[name=language]");
    await page.keyboard.press("ArrowRight"); // radio group: arrows choose (sv)
    await tabTo(page, "input[name=attendance]");
    await page.keyboard.press("Space");
    await tabTo(page, "#f-acceptRules");
    await page.keyboard.press("Space");
    await tabTo(page, "#f-consent");
    await page.keyboard.press("Space");
    await tabTo(page, "button[type=submit]");
    await pressAndLoad(page);
    assert.match((await page.textContent("h1")) ?? "", /Tarkista sähköpostisi/);
    await axeClean(page, "check-your-e-mail page");
    await page.close();
  });

  it("confirm via the outbox link, then manage: cancel and delete my data (keyboard, axe 0)", async () => {
    const page = await fixture.browser.newPage();
    await page.goto(`${fixture.pub.app.url}/dev/outbox`);
    await Promise.all([page.waitForNavigation(), page.click("a:has-text('Vahvista ilmoittautumisesi')")]);
    await Promise.all([page.waitForNavigation(), page.click("a >> text='Vahvista ilmoittautuminen'")]);
    assert.match((await page.textContent("h1")) ?? "", /Vahvista ilmoittautuminen/);
    await axeClean(page, "confirm page");
    await tabTo(page, "button[type=submit]");
    await pressAndLoad(page);
    assert.match(page.url(), /\/manage\?/);
    assert.match((await page.textContent("main")) ?? "", /Kiitos! Sähköpostiosoitteesi on vahvistettu/);
    assert.match((await page.textContent("main")) ?? "", /Sinulla on paikka/);
    await axeClean(page, "manage page");

    await tabTo(page, "button.secondary");
    await pressAndLoad(page);
    assert.match(page.url(), /n=cancelled/);
    assert.match((await page.textContent("main")) ?? "", /Ilmoittautumisesi peruttiin/);
    await axeClean(page, "manage page after cancel");
    await tabTo(page, "button.danger");
    await pressAndLoad(page);
    assert.match((await page.textContent("h1")) ?? "", /Tietosi on poistettu/);
    await axeClean(page, "deleted page");
    await page.close();
  });

  it("reflows at 320 px and at 200 % zoom (640 CSS px), axe 0; the switch changes the language", async () => {
    const page = await fixture.browser.newPage();
    for (const width of [320, 640]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(fixture.url);
      await reflows(page, `${width}px`);
      await axeClean(page, `${width}px`);
    }
    await Promise.all([page.waitForNavigation(), page.click("a:has-text('På svenska')")]);
    assert.equal(await page.getAttribute("html", "lang"), "sv");
    assert.match((await page.textContent("h2#register")) ?? "", /Anmäl dig/);
    await reflows(page, "sv at 640px");
    await page.close();
  });
});
