import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { createGroupRepository } from "../../bot/src/features/rounds/store/group-repository";
import type { Persona } from "./harness";
import { useSidePanelHarness } from "./side-panel-harness";

/** The DOM bits the page functions read (this project type-checks without lib.dom). */
declare const document: {
  activeElement: { id: string; textContent: string | null; closest(s: string): unknown } | null;
  querySelector(s: string): unknown;
};
declare const window: Record<string, unknown>;

/**
 * Replaces the browser's dialogs with recorders that answer as new Teams does (dismissed: false,
 * null), so a call is caught even though no dialog would be seen.
 */
function recordBrowserDialogs() {
  const calls: string[] = [];
  window.__browserDialogs = calls;
  for (const name of ["confirm", "alert", "prompt"])
    window[name] = (text: unknown) => {
      calls.push(`${name}: ${String(text)}`);
      return name === "prompt" ? null : false;
    };
}

const DAY = 86400_000;

/**
 * Issue #27 items 1, 3 and 4 in the meeting side panel (`#/facilitator`, real server, chromium):
 * confirmations are in-page dialogs (never `window.confirm/alert/prompt`, which Teams dismisses),
 * starting before the scheduled time asks once, a refusal goes with a refresh, and after the end a
 * participant is told it has ended instead of being sent to a room.
 */
describe("tab: the side panel confirms in the page, asks before an early start, and knows the end (fi/sv/en)", function () {
  this.timeout(90_000);
  const panel = useSidePanelHarness();
  const { tab: h, axeClean } = panel;
  /** A dialogue the coordinator persona facilitates, starting at `start`, with six registrants. */
  const dialogueAt = (title: string, start: Date) => panel.dialogue(title, { start, registrants: 6 });

  /** The panel of `dialogueId` with the browser's dialogs recorded from the first script on. */
  const open = (as: Persona, dialogueId: string) =>
    panel.open(as, dialogueId, { initScript: recordBrowserDialogs });
  const browserDialogs = (page: Page) => page.evaluate(() => window.__browserDialogs as string[]);
  /** Waits for the click's outcome: an in-page dialog, or a browser dialog (then fails). */
  async function expectInPageDialog(page: Page, name: string) {
    await page.waitForFunction(
      () =>
        (window.__browserDialogs as string[]).length > 0 || !!document.querySelector('[role="alertdialog"]'),
    );
    assert.deepEqual(await browserDialogs(page), [], "no browser dialog");
    const dialog = page.getByRole("alertdialog", { name });
    await dialog.waitFor();
    // Focus is inside the dialog, on the safe choice.
    await page.waitForFunction(() => !!document.activeElement?.closest('[role="alertdialog"]'));
    return dialog;
  }
  const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? "");

  it("start early and end the dialogue ask in an in-page dialog; focus goes in and back; no browser dialog", async () => {
    const early = await dialogueAt("Ennenaikainen dialogi", new Date(Date.now() + 7 * DAY));
    const page = await open("coordinator", early.id);
    const start = page.getByRole("button", { name: "Aloita dialogi" });

    await start.click();
    let dialog = await expectInPageDialog(page, "Aloitetaanko ennen sovittua aikaa?");
    assert.match(await dialog.innerText(), /Dialogi on ajoitettu alkamaan \d/);
    assert.equal(await focusedText(page), "Peruuta", "focus on the safe choice");
    await axeClean(page, "early-start dialog");
    await dialog.getByRole("button", { name: "Peruuta" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.waitForFunction(() => document.activeElement?.textContent === "Aloita dialogi");
    await page.getByRole("heading", { name: "Dialogi ei ole alkanut" }).waitFor();

    await start.click();
    dialog = await expectInPageDialog(page, "Aloitetaanko ennen sovittua aikaa?");
    await dialog.getByRole("button", { name: "Aloita silti nyt" }).click();
    await page.getByRole("heading", { name: "0/1 kierrosta käyty" }).waitFor();
    // Asked once: forming and starting round 1 go without a second question.
    await page.getByRole("button", { name: "Muodosta ryhmät" }).click();
    await page.getByRole("button", { name: "Aloita kierros 1" }).click();
    await page.getByRole("heading", { name: "Kierros 1 käynnissä" }).waitFor();
    await page.getByRole("button", { name: "Päätä kierros 1" }).click();

    const end = page.getByRole("button", { name: "Päätä dialogi" });
    await end.click();
    dialog = await expectInPageDialog(page, "Päätetäänkö dialogi?");
    assert.match(await dialog.innerText(), /järjestäjät saavat yhteenvedon/);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await page.waitForFunction(() => document.activeElement?.textContent === "Päätä dialogi");
    await page.getByRole("heading", { name: "1/1 kierrosta käyty" }).waitFor();

    await end.click();
    dialog = await expectInPageDialog(page, "Päätetäänkö dialogi?");
    await dialog.getByRole("button", { name: "Päätä nyt" }).click();
    await page.getByRole("heading", { name: "Dialogi on päättynyt" }).waitFor();
    await page.locator("main h1").filter({ hasText: "Päättynyt dialogi" }).waitFor();
    // The button is gone: focus lands on the state heading, not on the page's body.
    await page.waitForFunction(() => document.activeElement?.id === "panel-round");
    assert.deepEqual(await browserDialogs(page), []);
    await axeClean(page, "console after the end");
  });

  it("'End the dialogue' on the day asks in the page: Cancel keeps it running, confirming ends it", async () => {
    const { dialogue } = await panel.runningRound("Päätettävä dialogi", { running: false });
    const page = await open("coordinator", dialogue.id);
    await page.getByRole("button", { name: "Päätä dialogi" }).click();
    let dialog = await expectInPageDialog(page, "Päätetäänkö dialogi?");
    // Round 1 was never started: the dialog says it will not be held, as the bot's card does.
    assert.match(await dialog.innerText(), /Kierros 1 on vielä pitämättä, eikä sitä pidetä/);
    await axeClean(page, "end dialog");
    await dialog.getByRole("button", { name: "Peruuta" }).click();
    await page.waitForFunction(() => document.activeElement?.textContent === "Päätä dialogi");
    assert.equal(
      (await createGroupRepository(h.app.app.store.table("Groups")).getState(dialogue.id))?.phase,
      "started",
      "cancelled: still running",
    );
    await page.getByRole("button", { name: "Päätä dialogi" }).click();
    dialog = await expectInPageDialog(page, "Päätetäänkö dialogi?");
    await dialog.getByRole("button", { name: "Päätä nyt" }).click();
    await page.getByRole("heading", { name: "Dialogi on päättynyt" }).waitFor();
    assert.deepEqual(await browserDialogs(page), []);
  });

  it("the dialogs speak Swedish and English", async () => {
    const early = await dialogueAt("Tidig dialog", new Date(Date.now() + 7 * DAY));
    const page = await open("coordinator", early.id);
    await h.setLanguage(page, "sv");
    await page.getByRole("button", { name: "Starta dialogen" }).click();
    let dialog = await expectInPageDialog(page, "Starta före utsatt tid?");
    await dialog.getByRole("button", { name: "Starta ändå nu" }).waitFor();
    assert.match(await dialog.innerText(), /Dialogen är planerad att börja/);
    await dialog.getByRole("button", { name: "Avbryt" }).click();
    await h.setLanguage(page, "en");
    await page.getByRole("button", { name: "Start the dialogue" }).click();
    dialog = await expectInPageDialog(page, "Start before the scheduled time?");
    await dialog.getByRole("button", { name: "Start now anyway" }).click();
    await page.getByRole("button", { name: "End the dialogue" }).click();
    dialog = await expectInPageDialog(page, "End the dialogue?");
    await dialog.getByRole("button", { name: "End now" }).click();
    await page.getByRole("heading", { name: "The dialogue has ended" }).waitFor();
    assert.deepEqual(await browserDialogs(page), []);
  });

  it("the server refuses an early start without the confirmation, with a translated reason", async () => {
    const early = await dialogueAt("Vahvistamaton alku", new Date(Date.now() + 7 * DAY));
    const op = async (name: string, body: object, lang = "fi") => {
      const res = await fetch(`${h.app.url}/api/meeting/dialogues/${early.id}/${name}`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${await h.token("coordinator")}`,
          "content-type": "application/json",
          "accept-language": lang,
        },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    assert.equal((await op("form", {})).status, 200);
    for (const [lang, text] of [
      ["fi", /ajoitettu myöhemmäksi, eikä sitä aloitettu\. Vahvista/],
      ["sv", /planerad till senare och startades inte\. Bekräfta/],
      ["en", /scheduled for later and was not started\. Confirm/],
    ] as const) {
      for (const [name, body] of [
        ["startDialogue", {}],
        ["startRound", { round: 1 }],
      ] as const) {
        const refused = await op(name, body, lang);
        assert.equal(refused.status, 409, `${lang} ${name}`);
        assert.equal(refused.body.error, "earlyStart");
        assert.match(String(refused.body.message), text);
      }
    }
    const state = await createGroupRepository(h.app.app.store.table("Groups")).getState(early.id);
    assert.equal(state?.phase, "notStarted", "nothing was started");
    const started = await op("startRound", { round: 1, confirmEarly: true });
    assert.equal(started.status, 200);
    assert.equal(started.body.phase, "started");
    assert.equal(started.body.running, true);
  });

  it("a refusal shown in the panel goes away with a refresh", async () => {
    h.expectNoise(/status of 409/);
    const today = await dialogueAt("Päivitettävä dialogi", new Date());
    const stale = await open("coordinator", today.id);
    const fresh = await open("coordinator", today.id);
    await fresh.getByRole("button", { name: "Aloita dialogi" }).click();
    await fresh.getByRole("heading", { name: "0/1 kierrosta käyty" }).waitFor();
    await stale.getByRole("button", { name: "Aloita dialogi" }).click();
    // The refusal speaks of the panel (not of a card) and the panel shows the situation at once.
    const refusal = stale.getByText(
      "Tämä on jo tehty (ehkä toisella laitteella) – paneeli näyttää nyt tilanteen.",
    );
    await refusal.waitFor();
    await stale.getByRole("heading", { name: "0/1 kierrosta käyty" }).waitFor();
    await stale.getByRole("button", { name: "Päivitä", exact: true }).click();
    await refusal.waitFor({ state: "detached" });
    assert.deepEqual(await browserDialogs(stale), []);
  });

  it("after the end a participant is told it has ended: no group, no room to go to (fi/sv/en)", async () => {
    const { dialogue } = await panel.runningRound("Päättyvä dialogi");
    await panel.readerJoinsGroup1(dialogue.id);

    const page = await open("reader", dialogue.id);
    await page.getByText("Siirry pienryhmähuoneeseen 1.").waitFor();

    await panel.op(dialogue.id, "endRound", { round: 1 });
    await panel.op(dialogue.id, "endDialogue");
    const view = await panel.view<Record<string, unknown>>(dialogue.id, "reader");
    assert.equal(view.phase, "ended");
    assert.equal(view.group, undefined, "the API offers no group after the end");

    await page.getByRole("button", { name: "Päivitä", exact: true }).click();
    await page.getByText("Dialogi on päättynyt. Kiitos osallistumisesta!").waitFor();
    await page.locator("main h1").filter({ hasText: "Päättynyt dialogi" }).waitFor();
    const text = await page.locator("main").innerText();
    assert.doesNotMatch(text, /Siirry pienryhmähuoneeseen|Ryhmäsi|Käynnissä oleva dialogi/);
    await axeClean(page, "participant panel after the end");

    await h.setLanguage(page, "sv");
    await page.getByText("Dialogen har avslutats. Tack för att du deltog!").waitFor();
    await page.locator("main h1").filter({ hasText: "Avslutad dialog" }).waitFor();
    await h.setLanguage(page, "en");
    await page.getByText("The dialogue has ended. Thank you for taking part.").waitFor();
    assert.doesNotMatch(await page.locator("main").innerText(), /breakout room|Running dialogue/);
  });
});
