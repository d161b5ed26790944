import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import type { Persona } from "./harness";
import { useSidePanelHarness } from "./side-panel-harness";
import { createGroupRepository } from "../../bot/src/features/rounds/store/group-repository";

/**
 * The side panel's attendance controls (`#/facilitator`): the facilitator marks a member absent
 * and adds a late joiner through the real operations endpoint, each confirmed in the plan dialog;
 * a participant has no such controls.
 */
describe("tab: absent members and late joiners in the meeting side panel (real server, dev sign-in)", function () {
  this.timeout(60_000);
  const panel = useSidePanelHarness();
  const { tab: h, axeClean } = panel;
  let dialogueId = "";

  before(async () => {
    // The coordinator persona facilitates; the reader persona is one of the registrants.
    dialogueId = (await panel.dialogue("Läsnäolon dialogi", { registrants: 6 })).id;
    await panel.register(dialogueId, "dev-reader", "Lukija Lahtinen");
  });

  /** Opens the panel; its heading names the dialogue's state (none of these has started yet). */
  const open = (as: Persona, id = dialogueId) => panel.open(as, id, { title: "Tuleva dialogi" });

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
    await panel.register(dialogueId, `aad-att-${dialogueId}-late`, "Myöhäinen Maija");
    await page.getByRole("button", { name: "Päivitä", exact: true }).click();
    await page.getByRole("heading", { name: "Myöhässä tullut" }).waitFor();

    await page.getByRole("button", { name: "Merkitse poissaolevaksi: Osallistuja 3" }).click();
    const confirm = page.getByRole("button", { name: "Vahvista: Osallistuja 3 on poissa" });
    await confirm.waitFor();
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
    // The plan first (panel-attendance-plan.spec covers it), then the change.
    await page
      .getByRole("alertdialog", { name: "Lisätäänkö Myöhäinen Maija ryhmään?" })
      .getByRole("button", { name: "Vahvista: lisää Myöhäinen Maija" })
      .click();
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

  it("between rounds the panel shows the next round's groups, labelled so, and marks absences there", async () => {
    // A dialogue of its own with two breakout rounds, formed and run through the panel.
    const two = await panel.dialogue("Kahden kierroksen dialogi", {
      agenda: [
        { minutes: 9 * 60, title: "Pienryhmät", breakout: true },
        { minutes: 9 * 60 + 30, title: "Syvennetään", breakout: true },
      ],
      registrants: 8,
      name: "Kaksikko",
    });
    const page = await open("coordinator", two.id);
    await page.getByRole("button", { name: "Aloita dialogi" }).click();
    await page.getByRole("button", { name: "Muodosta ryhmät" }).click();
    await page.getByRole("heading", { name: "Seuraavaksi alkavan kierroksen 1 ryhmät" }).waitFor();
    await page.getByRole("button", { name: "Aloita kierros 1" }).click();
    await page.getByRole("heading", { name: "Kierros 1 käynnissä" }).waitFor();
    await page.getByRole("button", { name: "Päätä kierros 1" }).click();
    await page.getByRole("heading", { name: "Seuraavaksi alkavan kierroksen 2 ryhmät" }).waitFor();
    await page.getByRole("heading", { name: "1/2 kierrosta käyty" }).waitFor();

    const groups = createGroupRepository(h.app.app.store.table("Groups"));
    const names = async (round: number) =>
      (await groups.listRound(two.id, round))
        .sort((a, b) => a.group - b.group)
        .map((g) => g.members.map((m) => m.name));
    const round1 = await names(1);
    const round2 = await names(2);
    assert.notDeepEqual(round2, round1, "the rounds' groups differ, so the panel's can be told apart");
    const shown = async () =>
      Promise.all(
        round2.map(async (_, i) =>
          (await page.locator(`section[aria-labelledby=panel-group-${i + 1}] li`).allInnerTexts()).map(
            (text) => text.split(/ \(|\n|Merkitse/)[0]!.trim(),
          ),
        ),
      );
    assert.deepEqual(await shown(), round2, "round 2's groups, member by member");
    assert.equal(
      await groupsSection(page)
        .getByText(/muistiinpano/)
        .count(),
      0,
      "no note counts for a round not started (round 1's are not shown as round 2's)",
    );
    await axeClean(page, "console between rounds");

    const absent = round2[0]![0]!;
    await page.getByRole("button", { name: `Merkitse poissaolevaksi: ${absent}` }).click();
    await page.getByRole("button", { name: `Vahvista: ${absent} on poissa` }).click();
    await groupsSection(page)
      .getByRole("listitem")
      .filter({ hasText: absent })
      .waitFor({ state: "detached" });
    await page.getByRole("heading", { name: "Seuraavaksi alkavan kierroksen 2 ryhmät" }).waitFor();
    assert.ok(!(await names(2)).flat().includes(absent), "absent from round 2");
    assert.deepEqual(await names(1), round1, "round 1, which has ended, is left as held");
    await axeClean(page, "console between rounds after marking absent");
  });

  it("a participant's view has no attendance controls", async () => {
    const page = await open("reader");
    await page.getByRole("heading", { name: /Läsnäolon dialogi/ }).waitFor();
    await page.getByRole("button", { name: "Päivitä", exact: true }).waitFor();
    assert.equal(await page.getByRole("button", { name: /poissaolevaksi|Lisää ryhmään/ }).count(), 0);
    assert.equal(await page.getByRole("combobox").count(), 0);
    await axeClean(page, "participant panel");
  });
});

declare const document: {
  querySelectorAll(s: string): Iterable<{ textContent: string | null }>;
};
