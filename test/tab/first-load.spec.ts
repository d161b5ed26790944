import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { useTabHarness } from "./harness";

declare const document: { querySelector(s: string): unknown };
declare const MutationObserver: new (cb: () => void) => { observe(n: unknown, o: object): void };
declare const window: Record<string, unknown>;

/** The first organisation card of the directory. */
const CARD = 'article[aria-labelledby^="o-"]';

/**
 * Records, from the very start of every navigation of `page`, whether a loading spinner was ever
 * in the page (the directory's first render should already have its data).
 */
async function watchSpinners(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.sawSpinner = false;
    new MutationObserver(() => {
      if (document.querySelector(".fui-Spinner")) window.sawSpinner = true;
    }).observe(document, { childList: true, subtree: true });
  });
}

/** The API paths `page` requests from now on (`GET /api/me` → `/api/me`), in order. */
function recordApiRequests(page: Page): { path: string; auth?: string }[] {
  const seen: { path: string; auth?: string }[] = [];
  page.on("request", (req) => {
    const url = new URL(req.url());
    if (url.pathname.startsWith("/api/"))
      seen.push({ path: url.pathname, auth: req.headers()["authorization"] });
  });
  return seen;
}

const count = (seen: { path: string }[], path: string) => seen.filter((r) => r.path === path).length;

describe("tab: first load of the directory (requests before the first render)", function () {
  this.timeout(60_000);
  const h = useTabHarness();

  it("a returning user's reload asks for each thing once and renders the cards without a spinner", async () => {
    const page = await h.open("#/directory", { as: "reader" });
    await page.locator(CARD).first().waitFor();
    await watchSpinners(page);
    const seen = recordApiRequests(page);
    await page.reload();
    await page.locator(CARD).first().waitFor();
    await page.waitForLoadState("networkidle");
    for (const path of [
      "/api/me",
      "/api/auth/config",
      "/api/directory/organisations",
      "/api/directory/facets",
    ])
      assert.equal(count(seen, path), 1, `${path}: ${JSON.stringify(seen.map((r) => r.path))}`);
    // The filters come from the facets: the whole entry list is not downloaded for them.
    assert.equal(count(seen, "/api/directory/entries"), 0);
    assert.equal(await page.evaluate(() => window.sawSpinner), false, "a spinner was shown");
    // The cards show the section counts the server sent (Tulossa: upcoming entries).
    const orgs = await h.api<{ items: { id: string; sectionCounts: { upcoming: number } }[] }>(
      "reader",
      "/api/directory/organisations",
    );
    const withUpcoming = orgs.items.find((o) => o.sectionCounts.upcoming > 0)!;
    const card = page.locator(`article[aria-labelledby="o-${withUpcoming.id}"]`);
    assert.match(await card.innerText(), new RegExp(`${withUpcoming.sectionCounts.upcoming} tulossa`, "i"));
    // The theme filter offers the facets' themes.
    const facets = await h.api<{ themes: string[] }>("reader", "/api/directory/facets");
    assert.ok(facets.themes.length > 0);
    await h.axeClean(page, "directory after reload");
  });

  it("the organisations keep the server's order in the UI language (Swedish)", async () => {
    const page = await h.open("#/directory", { as: "reader" });
    await h.setLanguage(page, "sv");
    await page.reload();
    await page.locator(CARD).first().waitFor();
    // Grouped by type; within each group by the Swedish name (Finansministeriet first, whose
    // Finnish name, Valtiovarainministeriö, sorts last among the ministries).
    const groups = page.locator("main section:has(ul)");
    assert.ok((await groups.count()) > 1);
    for (let i = 0; i < (await groups.count()); i++) {
      const names = (await groups.nth(i).locator(`${CARD} h3`).allInnerTexts()).map((n) => n.trim());
      assert.deepEqual(names, [...names].sort(new Intl.Collator("sv").compare));
    }
    const ministries = (await groups.first().locator(`${CARD} h3`).allInnerTexts()).map((n) => n.trim());
    assert.equal(ministries[0], "Finansministeriet");
  });

  it("follows the browser's colour scheme from the first render, and when it changes", async () => {
    /** Lightness (0–255) of the theme's page background, from the provider's CSS variable. */
    const background = (page: Page) =>
      page.evaluate(() => {
        const g = globalThis as unknown as {
          document: { querySelector(s: string): unknown };
          getComputedStyle(e: unknown): { getPropertyValue(p: string): string };
        };
        const hex = g
          .getComputedStyle(g.document.querySelector(".fui-FluentProvider"))
          .getPropertyValue("--colorNeutralBackground2")
          .trim();
        const [r, gr, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
        return (r! + gr! + b!) / 3;
      });
    const page = await h.open("#/directory", { as: "reader" });
    await page.locator(CARD).first().waitFor();
    assert.ok((await background(page)) > 200, "light");
    // The dark theme is not part of the first load: it arrives when the preference changes.
    await page.emulateMedia({ colorScheme: "dark" });
    for (let i = 0; i < 50 && (await background(page)) > 100; i++) await page.waitForTimeout(100);
    assert.ok((await background(page)) < 100, "dark after the change");
    // A reload in dark mode renders dark at once (the theme is loaded before the first render).
    await page.reload();
    await page.locator(CARD).first().waitFor();
    assert.ok((await background(page)) < 100, "dark on load");
    await h.axeClean(page, "directory, dark");
  });

  it("a stored sign-in the server refuses leads to sign-in, and the next sign-in loads its own data", async () => {
    const page = await h.open("#/directory", { as: "reader" });
    await page.locator(CARD).first().waitFor();
    // The stored token no longer verifies (e.g. the server's key changed).
    await page.evaluate(() => {
      const g = globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } };
      g.sessionStorage.setItem("dialogi.devToken", "not-a-valid-token");
    });
    h.expectNoise(/401|Unauthorized/);
    const seen = recordApiRequests(page);
    await page.reload();
    await page.getByText("Istunto vanheni. Kirjaudu uudelleen.").waitFor();
    await page.locator('button[aria-describedby="persona-staff-vm-d"]').click();
    await page.locator(CARD).first().waitFor();
    await page.waitForLoadState("networkidle");
    const afterSignIn = seen.slice(seen.findIndex((r) => r.path === "/api/auth/dev-signin") + 1);
    const orgRequests = afterSignIn.filter((r) => r.path === "/api/directory/organisations");
    assert.equal(orgRequests.length, 1, "the directory is loaded again after the new sign-in");
    assert.ok(orgRequests[0]!.auth && !orgRequests[0]!.auth.includes("not-a-valid-token"));
    assert.ok(seen.filter((r) => r.auth?.includes("not-a-valid-token")).length >= 1);
  });
});
