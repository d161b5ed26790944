import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { arrangeDialogue, ORGANISER } from "../../bot/testing/arrange";
import { useTabHarness, type Persona } from "./harness";
import { createRegistrationRepository } from "../../bot/src/features/dialogues/store/registration-repository";

/**
 * The side panel's attendance controls (`#/facilitator`): the facilitator marks a member absent
 * and adds a late joiner through the real operations endpoint; a participant has no such controls.
 */
describe("tab: absent members and late joiners in the meeting side panel (real server, dev sign-in)", function () {
  this.timeout(60_000);
  const h = useTabHarness();
  let dialogueId = "";
  /** The side panel's console settles after its requests: axe then sees the final page. */
  const axeClean = async (page: Page, what: string) => {
    await page.waitForLoadState("networkidle");
    await h.axeClean(page, what);
  };

  const registrations = () => createRegistrationRepository(h.app.app.store.table("Registrations"));
  const register = (userId: string, name: string) =>
    registrations().register(
      {
        dialogueId,
        userId,
        name,
        uiLang: "fi",
        language: "fi",
        organisation: "Org",
        background: "",
        accessibility: "",
        scribe: false,
      },
      100,
      new Date(),
    );

  before(async () => {
    const tenantId = await h.devTenant();
    // The coordinator persona facilitates; the reader persona is one of the registrants.
    const dialogue = await arrangeDialogue(h.app.app.store, {
      tenantId,
      title: "Läsnäolon dialogi",
      start: new Date(),
      end: new Date(Date.now() + 7200_000),
      organiserIds: [ORGANISER],
      facilitators: [{ aadId: "dev-coordinator", name: "Kaisa Koordinaattori" }],
    });
    dialogueId = dialogue.id;
    await register("dev-reader", "Lukija Lahtinen");
    for (let i = 1; i <= 6; i++) await register(`aad-att-${dialogueId}-${i}`, `Osallistuja ${i}`);
  });

  async function open(as: Persona): Promise<Page> {
    const page = await h.open(`#/facilitator?dialogue=${dialogueId}`, { as });
    await page.locator("main h1").filter({ hasText: "Käynnissä oleva dialogi" }).waitFor();
    return page;
  }

  const groupsSection = (page: Page) => page.locator("section[aria-labelledby=panel-groups]");
  const inGroups = (page: Page, name: string) =>
    groupsSection(page).getByRole("listitem").filter({ hasText: name }).count();

  it("the facilitator marks a member absent (with a confirm step) and adds a late joiner", async () => {
    const page = await open("coordinator");
    await page.getByRole("button", { name: "Muodosta ryhmät" }).click();
    await page.getByRole("heading", { name: "Kierroksen 1 ryhmät" }).waitFor();
    assert.equal(await inGroups(page, "Osallistuja 3"), 1);
    // Nobody is outside the groups yet: no late-joiner control.
    assert.equal(await page.getByRole("heading", { name: "Myöhässä tullut" }).count(), 0);
    await axeClean(page, "console with attendance controls");

    // Someone registers after the groups were formed, then the facilitator refreshes.
    await register(`aad-att-${dialogueId}-late`, "Myöhäinen Maija");
    await page.getByRole("button", { name: "Päivitä" }).click();
    await page.getByRole("heading", { name: "Myöhässä tullut" }).waitFor();

    await page.getByRole("button", { name: "Merkitse poissaolevaksi: Osallistuja 3" }).click();
    const confirm = page.getByRole("button", { name: "Vahvista: Osallistuja 3 on poissa" });
    await axeClean(page, "confirm step");
    await confirm.click();
    await page.waitForFunction(
      () =>
        ![...document.querySelectorAll("section[aria-labelledby=panel-groups] li")].some((li) =>
          (li.textContent ?? "").includes("Osallistuja 3"),
        ),
    );
    assert.equal(await inGroups(page, "Osallistuja 3"), 0, "absent member gone from the groups");
    assert.equal(await inGroups(page, "Osallistuja 4"), 1, "others stay");

    await page.getByLabel("Ilmoittautunut, joka ei ole ryhmissä").selectOption({ label: "Myöhäinen Maija" });
    await page.getByRole("button", { name: "Lisää ryhmään" }).click();
    await groupsSection(page).getByRole("listitem").filter({ hasText: "Myöhäinen Maija" }).waitFor();
    assert.equal(await inGroups(page, "Myöhäinen Maija"), 1);
    await axeClean(page, "console after attendance changes");
  });

  it("a refusal shows next to the control it came from, translated", async () => {
    // The browser logs the refused request itself; that is the expected outcome here.
    h.expectNoise(/status of 409/);
    // Two facilitator devices show the same console; the first marks the member absent.
    const stale = await open("coordinator");
    const fresh = await open("coordinator");
    for (const p of [stale, fresh])
      await p.getByRole("button", { name: "Merkitse poissaolevaksi: Osallistuja 4" }).click();
    await fresh.getByRole("button", { name: "Vahvista: Osallistuja 4 on poissa" }).click();
    await fresh.waitForFunction(
      () =>
        ![...document.querySelectorAll("section[aria-labelledby=panel-groups] li")].some((li) =>
          (li.textContent ?? "").includes("Osallistuja 4"),
        ),
    );
    await stale.getByRole("button", { name: "Vahvista: Osallistuja 4 on poissa" }).click();
    const item = groupsSection(stale).getByRole("listitem").filter({ hasText: "Osallistuja 4" });
    await item
      .getByRole("alert")
      .filter({ hasText: /ei ole tämän tai tulevien kierrosten ryhmissä/ })
      .waitFor();
    await axeClean(stale, "refusal next to the control");
  });

  it("a participant's view has no attendance controls", async () => {
    const page = await open("reader");
    await page.getByRole("heading", { name: /Läsnäolon dialogi/ }).waitFor();
    await page.getByRole("button", { name: "Päivitä" }).waitFor();
    assert.equal(await page.getByRole("button", { name: /poissaolevaksi|Lisää ryhmään/ }).count(), 0);
    assert.equal(await page.getByRole("combobox").count(), 0);
    await axeClean(page, "participant panel");
  });
});

declare const document: {
  querySelectorAll(s: string): Iterable<{ textContent: string | null }>;
};
