import assert from "node:assert/strict";
import type { ListingHealth, OrganisationView } from "@dialogi/contracts";
import type { Page } from "playwright-core";
import { useTabHarness } from "./harness";

/**
 * Issue #27 item 16: the peer-dialogue calendar's "Listings to update" (coordinators) names each
 * organisation in the reader's language and lists them in that language's alphabetical order,
 * not by their Finnish names (real server with the seeded directory, chromium).
 */
describe("tab: listings to update speak the reader's language, in its order (en, sv)", function () {
  this.timeout(90_000);
  const h = useTabHarness();

  /** The organisations' links in the section as shown: name and the lang it is marked with. */
  const shown = (page: Page) =>
    page.locator("section[aria-labelledby=listing-health] li a").evaluateAll((links) =>
      links.map((a) => ({
        href: a.getAttribute("href") ?? "",
        name: a.textContent ?? "",
        lang: a.querySelector("[lang]")?.getAttribute("lang") ?? "",
      })),
    );

  it("each organisation by its English or Swedish name, sorted in that language", async () => {
    const health = await h.api<{ items: ListingHealth[] }>("coordinator", "/api/peer/listing-health");
    const { items: orgs } = await h.api<{ items: OrganisationView[] }>(
      "coordinator",
      "/api/directory/organisations",
    );
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const flagged = health.items.map((i) => byId.get(i.orgId)!);
    assert.ok(flagged.length >= 5, `the seeded directory has listings to update (${flagged.length})`);
    const expected = (lang: "en" | "sv") => {
      const collator = new Intl.Collator(lang);
      return flagged
        .map((o) => ({
          href: `#/org/${o.id}`,
          name: o.names[lang] || o.names.fi,
          lang: o.names[lang] ? "" : "fi",
        }))
        .sort((a, b) => collator.compare(a.name, b.name));
    };
    const finnishOrder = flagged.map((o) => o.names.fi).sort(new Intl.Collator("fi").compare);
    const englishInFinnishOrder = finnishOrder.map(
      (fi) => flagged.find((o) => o.names.fi === fi)!.names.en || fi,
    );
    assert.notDeepEqual(
      expected("en").map((x) => x.name),
      englishInFinnishOrder,
      "the fixture: English order differs from the Finnish names' order",
    );

    const page = await h.open("#/calendar", { as: "coordinator" });
    await h.setLanguage(page, "en");
    const section = page.locator("section[aria-labelledby=listing-health]");
    await section.getByRole("heading", { name: "Listings to update" }).waitFor();
    await section.locator("li").first().waitFor();
    assert.deepEqual(await shown(page), expected("en"));
    // The reminder button is named after the organisation in English too (where it has one).
    const reachable = health.items.filter((i) => i.reachable > 0).map((i) => byId.get(i.orgId)!);
    for (const o of reachable)
      await section
        .getByRole("button", { name: `Send a reminder to ${o.names.en || o.names.fi}`, exact: true })
        .waitFor();
    await h.axeClean(page, "listings to update in English");

    await h.setLanguage(page, "sv");
    await section.getByRole("heading", { name: "Listor att uppdatera" }).waitFor();
    assert.deepEqual(await shown(page), expected("sv"));
  });
});
