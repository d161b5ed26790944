import assert from "node:assert/strict";
import { useTabHarness } from "./harness";

type Org = {
  shortName: string;
  names: unknown;
  type: string;
  listingMissing: boolean;
  requiresReview: boolean;
  etag: string;
};

/** The DOM bits the page functions read (this project type-checks without lib.dom). */
declare const document: { activeElement: { id: string } | null };

/**
 * Issue #27 item 10: a coordinator switches review of staff changes (moderation) on and off for
 * an organisation in `#/admin`, with the keyboard, and it takes effect; only coordinators may.
 */
describe("tab: coordinators switch review on and off for an organisation in #/admin (fi/sv/en)", function () {
  this.timeout(120_000);
  const h = useTabHarness();
  const vm = async () =>
    (await h.api<{ organisation: Org }>("coordinator", "/api/directory/organisations/vm")).organisation;

  it("the switch turns review on (a staff entry then waits for review) and off again, focus stays on it", async () => {
    assert.equal((await vm()).requiresReview, false, "VM publishes directly to begin with");
    const page = await h.open("#/admin", { as: "coordinator" });
    const row = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("link", { name: "Valtiovarainministeriö", exact: true }) });
    const review = row.getByRole("checkbox", { name: "Henkilöstön muutokset tarkastetaan ennen julkaisua" });
    assert.equal(await review.isChecked(), false);
    await h.axeClean(page, "admin with the review switch");

    // Keyboard: focus the switch and press space.
    await review.focus();
    await page.keyboard.press("Space");
    await page
      .getByRole("status")
      .filter({ hasText: "Valtiovarainministeriö: henkilöstön muutokset tarkastetaan nyt ennen julkaisua." })
      .waitFor();
    await page.waitForFunction(() => document.activeElement?.id === "org-review-vm");
    assert.equal(await review.isChecked(), true);
    assert.equal((await vm()).requiresReview, true, "stored");

    // It takes effect: a staff member's new entry waits for review.
    const { entry } = await h.api<{ entry: { status?: string; draft?: { status: string } } }>(
      "staff-vm",
      "/api/directory/entries",
      {
        method: "POST",
        body: JSON.stringify({
          orgId: "vm",
          section: "done",
          title: "Tarkastettava merkintä",
          description: "x",
        }),
      },
    );
    assert.equal(entry.status ?? entry.draft?.status, "pending");

    for (const [lang, label] of [
      ["sv", "Personalens ändringar granskas före publicering"],
      ["en", "Review staff changes before they are published"],
    ] as const) {
      await h.setLanguage(page, lang);
      await page.getByRole("checkbox", { name: label }).first().waitFor();
    }
    const en = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("link", { name: "Ministry of Finance", exact: true }) });
    await en.getByRole("checkbox", { name: "Review staff changes before they are published" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "Ministry of Finance: staff changes are published without review." })
      .waitFor();
    assert.equal((await vm()).requiresReview, false, "off again");
  });

  it("only coordinators switch review: staff and readers get 403 from the API and nothing changes", async () => {
    const org = await vm();
    const { shortName, names, type, listingMissing } = org;
    for (const persona of ["staff-vm", "reader"] as const) {
      const signIn = await fetch(`${h.app.url}/api/auth/dev-signin`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ persona }),
      });
      const { token } = (await signIn.json()) as { token: string };
      const res = await fetch(`${h.app.url}/api/directory/organisations/vm`, {
        method: "PUT",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          "if-match": org.etag,
        },
        body: JSON.stringify({ shortName, names, type, listingMissing, requiresReview: true }),
      });
      assert.equal(res.status, 403, persona);
    }
    assert.equal((await vm()).requiresReview, false);
  });
});
