import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { useSidePanelHarness } from "./side-panel-harness";

/** The DOM bits the page functions read (this project type-checks without lib.dom). */
declare const document: {
  activeElement: {
    id: string;
    textContent: string | null;
    getAttribute(n: string): string | null;
    closest(s: string): unknown;
  } | null;
  documentElement: { scrollWidth: number };
};

/**
 * Issue #27 item 2 in the meeting side panel (`#/facilitator`, real server, chromium): marking
 * someone absent or adding a late joiner first shows the server's plan in words (who moves where)
 * in an in-page dialog, changes nothing until confirmed (Cancel changes nothing), applies it for
 * that plan only, and shows the new plan when attendance changed meanwhile on another device.
 */
describe("tab: the side panel shows who moves where before an attendance change (fi/sv/en, 320 px)", function () {
  this.timeout(90_000);
  const panel = useSidePanelHarness();
  const { tab: h, op, axeClean } = panel;
  /** Who is in which group of the running round, as the server has it. */
  const groupsNow = async (id: string) =>
    (await panel.view(id)).groups.map((g) => ({
      group: g.group,
      members: g.members.map((m) => m.name),
    }));

  /** A dialogue the coordinator persona facilitates, its round 1 running with eight people in two groups. */
  async function runningRound(title: string) {
    const d = await panel.dialogue(title, { registrants: 8 });
    await op(d.id, "startDialogue");
    await op(d.id, "form");
    await op(d.id, "startRound", { round: 1 });
    const groups = await groupsNow(d.id);
    assert.deepEqual(
      groups.map((g) => g.members.length),
      [4, 4],
      "the fixture: two groups of four (remote: 3–8 people)",
    );
    return { id: d.id, groups };
  }

  async function open(id: string): Promise<Page> {
    const page = await panel.open("coordinator", id);
    await page.getByRole("heading", { name: "Kierros 1 käynnissä" }).waitFor();
    return page;
  }
  const focused = (page: Page) =>
    page.evaluate(() => ({
      id: document.activeElement?.id ?? "",
      label: document.activeElement?.getAttribute("aria-label") ?? "",
      text: document.activeElement?.textContent ?? "",
      inDialog: !!document.activeElement?.closest('[role="alertdialog"]'),
    }));

  it("'mark absent' shows the plan first; Cancel changes nothing; confirming applies exactly it (keyboard)", async () => {
    const { id, groups } = await runningRound("Poissaolon suunnitelma");
    const page = await open(id);
    const name = groups[0]!.members[1]!;
    const trigger = page.getByRole("button", { name: `Merkitse poissaolevaksi: ${name}` });
    await trigger.focus();
    await page.keyboard.press("Enter");

    const dialog = page.getByRole("alertdialog", { name: `Merkitäänkö ${name} poissaolevaksi?` });
    await dialog.waitFor();
    const text = await dialog.innerText();
    assert.match(text, new RegExp(`${name} poistuu kierroksen 1 ryhmästä 1\\.`));
    assert.match(text, /Kukaan muu kierroksella 1 ei vaihda ryhmää\./);
    await page.waitForFunction(() => !!document.activeElement?.closest('[role="alertdialog"]'));
    assert.equal((await focused(page)).text, "Peruuta", "focus on the safe choice");
    assert.deepEqual(await groupsNow(id), groups, "shown, not applied");
    await axeClean(page, "attendance plan dialog");

    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await page.waitForFunction(
      (label) => document.activeElement?.getAttribute("aria-label") === label,
      `Merkitse poissaolevaksi: ${name}`,
    );
    await trigger.click();
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Peruuta" }).click();
    await dialog.waitFor({ state: "detached" });
    assert.deepEqual(await groupsNow(id), groups, "cancelled: nothing changed");

    await trigger.click();
    await dialog.getByRole("button", { name: `Vahvista: ${name} on poissa` }).click();
    await dialog.waitFor({ state: "detached" });
    await trigger.waitFor({ state: "detached" });
    const after = await groupsNow(id);
    assert.deepEqual(after, [{ group: 1, members: groups[0]!.members.filter((m) => m !== name) }, groups[1]]);
    // The member's row (and the button) is gone: focus goes to the groups' heading.
    await page.waitForFunction(() => document.activeElement?.id === "panel-groups");
    await axeClean(page, "console after the change");
  });

  it("a plan made stale on another device is not applied: the new plan is shown and then applied (en)", async () => {
    h.expectNoise(/status of 409/);
    const { id, groups } = await runningRound("Stale plan");
    await panel.register(id, `aad-plan-${id}-late`, "Late Person");
    const page = await open(id);
    await h.setLanguage(page, "en");
    await page.getByLabel("Registrant not in any group").selectOption({ label: "Late Person" });
    await page.getByRole("button", { name: "Add late joiner" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Add Late Person to a group?" });
    await dialog.waitFor();
    const first = /Late Person joins group (\d) of round 1\./.exec(await dialog.innerText());
    assert.ok(first, await dialog.innerText());
    const shownGroup = Number(first[1]);

    // Another device marks someone of the other group absent: that group now has the most room.
    const other = shownGroup === 1 ? 2 : 1;
    const absent = (await panel.view(id)).groups.find((g) => g.group === other)!.members[1]!;
    await panel.markAbsent(id, absent.id);
    const before = await groupsNow(id);

    await dialog.getByRole("button", { name: "Confirm: add Late Person" }).click();
    await dialog.getByText(/The situation changed meanwhile/).waitFor();
    await dialog.getByText(`Late Person joins group ${other} of round 1.`).waitFor();
    assert.deepEqual(await groupsNow(id), before, "the stale plan was not applied");
    await axeClean(page, "dialog with the new plan");

    await dialog.getByRole("button", { name: "Confirm: add Late Person" }).click();
    await dialog.waitFor({ state: "detached" });
    const after = await groupsNow(id);
    assert.ok(after.find((g) => g.group === other)!.members.includes("Late Person"), "the new plan applied");
    assert.deepEqual(
      after.find((g) => g.group === shownGroup),
      before.find((g) => g.group === shownGroup),
      "the group of the stale plan is untouched",
    );
    assert.ok(groups.length === 2);
  });

  it("a group below the minimum is a warning with the choice: move its members (plan first) or keep it", async () => {
    /** Marks `names` of group 1 absent through the API, as another device would. */
    const twoAbsent = async (id: string, names: string[]) => {
      for (const name of names) {
        const member = (await panel.view(id)).groups.flatMap((g) => g.members).find((m) => m.name === name)!;
        await panel.markAbsent(id, member.id);
      }
    };
    const moving = await runningRound("Pieni ryhmä siirtyy");
    const [gone1, gone2, ...stay] = moving.groups[0]!.members;
    await twoAbsent(moving.id, [gone1!, gone2!]);
    let page = await open(moving.id);
    const warning = page
      .locator("section[aria-labelledby=panel-group-1]")
      .getByText(
        "Ryhmässä 1 on 2 henkeä, vähemmän kuin vähimmäismäärä 3. Pidetäänkö se, vai siirretäänkö sen jäsenet ryhmiin, joissa on tilaa?",
      );
    await warning.waitFor();
    await axeClean(page, "small-group warning");
    const before = await groupsNow(moving.id);
    await page.getByRole("button", { name: "Siirrä ryhmän 1 jäsenet" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Siirretäänkö ryhmän 1 jäsenet?" });
    await dialog.waitFor();
    for (const name of stay) await dialog.getByText(`${name} siirtyy ryhmästä 1 ryhmään 2.`).waitFor();
    assert.deepEqual(await groupsNow(moving.id), before, "shown, not applied");
    await dialog.getByRole("button", { name: "Vahvista: siirrä ryhmän 1 jäsenet" }).click();
    await dialog.waitFor({ state: "detached" });
    await warning.waitFor({ state: "detached" });
    const after = await groupsNow(moving.id);
    assert.deepEqual(
      after.map((g) => g.group),
      [2],
      "group 1 closed",
    );
    assert.deepEqual([...after[0]!.members].sort(), [...moving.groups[1]!.members, ...stay].sort());

    const keeping = await runningRound("Pieni ryhmä jää");
    const [k1, k2] = keeping.groups[0]!.members;
    await twoAbsent(keeping.id, [k1!, k2!]);
    page = await open(keeping.id);
    await page.getByRole("button", { name: "Pidä ryhmä 1" }).click();
    await page.getByRole("button", { name: "Pidä ryhmä 1" }).waitFor({ state: "detached" });
    await page.waitForFunction(() => document.activeElement?.id === "panel-groups");
    const kept = await panel.view(keeping.id);
    assert.deepEqual(kept.smallGroups, [], "kept: no longer offered");
    assert.equal(kept.groups.find((g) => g.group === 1)?.members.length, 2, "group 1 stays as it is");
  });

  it("the plan speaks Swedish and fits 320 px", async () => {
    const { id, groups } = await runningRound("Plan på svenska");
    const page = await open(id);
    await page.setViewportSize({ width: 320, height: 640 });
    await h.setLanguage(page, "sv");
    const name = groups[1]!.members[0]!;
    await page.getByRole("button", { name: `Markera som frånvarande: ${name}` }).click();
    const dialog = page.getByRole("alertdialog", { name: `Markera ${name} som frånvarande?` });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), new RegExp(`${name} lämnar grupp 2 i omgång 1\\.`));
    const box = (await dialog.boundingBox())!;
    assert.ok(box.x >= 0 && box.x + box.width <= 320, `dialog within 320 px: ${JSON.stringify(box)}`);
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 320, "no sideways scroll");
    for (const button of ["Avbryt", `Bekräfta: ${name} är frånvarande`]) {
      const b = (await dialog.getByRole("button", { name: button }).boundingBox())!;
      assert.ok(b.x >= 0 && b.x + b.width <= 320, `${button} on screen`);
    }
    await axeClean(page, "plan dialog at 320 px");
    await dialog.getByRole("button", { name: "Avbryt" }).click();
    assert.deepEqual(await groupsNow(id), groups);
  });
});
