import assert from "node:assert/strict";
import { useTabHarness } from "./harness";

describe("tab: directory administration and access requests (fi/sv/en)", function () {
  this.timeout(180_000);
  const h = useTabHarness();

  it("a reader requests access from the editor; a coordinator approves it in #/admin with one click", async () => {
    const reader = await h.open("#/entry/new?org=vm", { as: "reader" });
    await reader.getByText(/Sinulla ei ole oikeuksia lisätä tai muokata/).waitFor();
    await h.axeClean(reader, "request access (fi)");
    await reader.getByRole("button", { name: "Pyydä oikeuksia" }).click();
    await reader.getByRole("status").filter({ hasText: "odottaa koordinaattorin päätöstä" }).waitFor();

    const admin = await h.open("#/directory", { as: "coordinator" });
    // Linked from the header for coordinators only.
    await admin.getByRole("navigation").getByRole("link", { name: "Hallinta" }).click();
    await admin.getByRole("heading", { level: 1, name: "Hakemiston hallinta" }).waitFor();
    const item = admin.getByRole("listitem").filter({ hasText: "Lea Lukija (dev) pyytää oikeuksia" });
    await item.waitFor();
    // The reader has never chatted with the bot: the queue says the bot cannot tell them.
    await item.getByText(/Botti ei voi kertoa päätöksestä/).waitFor();
    await h.axeClean(admin, "admin view (fi)");
    await item.getByRole("button", { name: /^Hyväksy:/ }).click();
    await admin
      .getByRole("status")
      .filter({ hasText: "Hyväksytty. Botti ei tavoittanut henkilöä Lea Lukija (dev)" })
      .waitFor();
    await admin.getByText("Ei avoimia pyyntöjä.").waitFor();

    // The reader can now add VM's entries.
    const again = await h.open("#/entry/new?org=vm", { as: "reader" });
    await again.locator('input[name="title"]').waitFor();

    for (const [lang, title, section] of [
      ["sv", "Administration av katalogen", "Personalens rättigheter"],
      ["en", "Directory administration", "Staff rights"],
    ] as const) {
      await h.setLanguage(admin, lang);
      await admin.getByRole("heading", { level: 1, name: title }).waitFor();
      await admin.getByRole("heading", { level: 2, name: section }).waitFor();
      await h.axeClean(admin, `admin view (${lang})`);
    }

    // Readers and staff do not get the link, and the view refuses them.
    const staff = await h.open("#/admin", { as: "staff-vm" });
    await staff.getByText("Vain dialogiverkoston koordinaattorit voivat hallita hakemistoa.").waitFor();
    assert.equal(await staff.getByRole("navigation").getByRole("link", { name: "Hallinta" }).count(), 0);
  });

  it("grants by e-mail with the keyboard (pending until sign-in), revokes, adds, renames and merges organisations", async () => {
    const page = await h.open("#/admin", { as: "coordinator" });
    await h.setLanguage(page, "en");
    await page.getByRole("heading", { level: 1, name: "Directory administration" }).waitFor();

    // Keyboard only: type the address, Tab to the organisation choice, pick it, Tab to the button, Enter.
    await page.getByLabel(/E-mail \(UPN\) or Entra object id/).focus();
    await page.keyboard.type("New.Person@vm.fi");
    await page.keyboard.press("Tab");
    await page.locator('select[name="orgId"]').selectOption({ label: "Ministry of Finance" });
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page
      .getByRole("status")
      .filter({ hasText: "moves to new.person@vm.fi when they first sign in" })
      .waitFor();
    const row = page.getByRole("listitem").filter({ hasText: "new.person@vm.fi" }).first();
    await row.getByText("Waiting for sign-in").waitFor();
    await h.axeClean(page, "pending grant");
    await row.getByRole("button", { name: "Remove rights: new.person@vm.fi, Ministry of Finance" }).click();
    await page.getByRole("status").filter({ hasText: "Rights removed: new.person@vm.fi" }).waitFor();

    // Bad input is answered at the field.
    h.expectNoise(/status of 400/);
    await page.getByLabel(/E-mail \(UPN\) or Entra object id/).fill("not an address@");
    await page.getByRole("button", { name: "Grant rights" }).click();
    await page.getByText("Enter an e-mail address (name@organisation.fi) or an Entra object id.").waitFor();

    // Add two organisations, rename one, merge it into the other.
    for (const [short, name] of [
      ["TESTI", "Testivirasto"],
      ["KOHDE", "Kohdevirasto"],
    ] as const) {
      await page.locator('input[name="shortName"]').fill(short);
      await page.locator('input[name="nameFi"]').fill(name);
      await page.getByRole("button", { name: "Add", exact: true }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `Organisation ${name} was added` })
        .waitFor();
    }
    const testi = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("link", { name: "Testivirasto" }) });
    assert.equal(await testi.getByRole("checkbox", { name: "Listing missing" }).isChecked(), true);
    await testi.getByRole("button", { name: "Rename: Testivirasto" }).click();
    await testi.getByLabel("Name in English").fill("Test Agency");
    await testi.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "The name was saved: Test Agency." }).waitFor();
    const renamed = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("link", { name: "Test Agency" }) });
    await renamed.getByLabel("Merge Test Agency into").selectOption({ label: "Kohdevirasto" });
    await renamed.getByRole("button", { name: "Merge Test Agency" }).click();
    await renamed.getByText(/Merge Test Agency into Kohdevirasto\? Its entries and rights move/).waitFor();
    await h.axeClean(page, "merge confirmation");
    await renamed.getByRole("button", { name: "Merge now" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "Test Agency was merged into Kohdevirasto (0 entries moved)." })
      .waitFor();
    await page.getByRole("link", { name: "Test Agency" }).waitFor({ state: "detached" });
  });

  it("imported entries say when they were listed; passed upcoming items need an update; the source listing is shown", async () => {
    const page = await h.open("#/org/il", { as: "reader" });
    await page.getByRole("heading", { level: 2, name: "Lähdelistaus" }).waitFor();
    await page.getByText("Listauksen päiväys 8.6.2021").waitFor();
    await page.getByText(/Listaukseen on koottu Vertaisdialogiin 8\.6\.2021/).waitFor();
    assert.ok((await page.getByText("listattu 8.6.2021").count()) > 0);
    const upcoming = page.getByRole("region", { name: "Tulossa" });
    await upcoming.getByText("Vaatii päivitystä").first().waitFor();
    // Done entries are not flagged: once the done region shows its (imported, dated) entries.
    const done = page.getByRole("region", { name: "Toteutetut" });
    await done.getByText("listattu 8.6.2021").first().waitFor();
    assert.equal(await done.getByText("Vaatii päivitystä").count(), 0);
    await h.axeClean(page, "organisation with source listing (fi)");
    for (const [lang, listed, badge] of [
      ["sv", /listad 8 juni 2021/, "Behöver uppdateras"],
      ["en", /listed 8 Jun 2021/, "Needs update"],
    ] as const) {
      await h.setLanguage(page, lang);
      await page.getByText(badge).first().waitFor();
      assert.ok((await page.getByText(listed).count()) > 0, `${lang}: ${String(listed)}`);
      await h.axeClean(page, `organisation with source listing (${lang})`);
    }
  });
});
