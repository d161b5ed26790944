import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import type { Persona } from "./harness";
import { useSidePanelHarness } from "./side-panel-harness";

/** The DOM bits the page functions read (this project type-checks without lib.dom). */
declare const document: { querySelector(s: string): { textContent: string | null } | null };

/**
 * Issue #27 (second walkthrough of the meeting side panel, real server, chromium): the panel's
 * heading names the dialogue's state (not "running" before the start), and the facilitator can end
 * the dialogue while a round runs, as on the bot's controls card, after an in-page confirmation.
 */
describe("tab: the side panel's heading follows the dialogue's state; ending mid-round (fi/sv/en)", function () {
  this.timeout(90_000);
  const panel = useSidePanelHarness();
  const h = panel.tab;

  /** The panel of `dialogueId`; browser dialogs (which Teams dismisses) are recorded, never answered. */
  async function open(as: Persona, dialogueId: string, browserDialogs: string[] = []): Promise<Page> {
    const page = await panel.open(as, dialogueId);
    page.on("dialog", (d) => {
      browserDialogs.push(d.message());
      void d.dismiss();
    });
    return page;
  }
  /** Waits until the page's main heading is exactly `text`. */
  const heading = (page: Page, text: string) =>
    page.waitForFunction((t) => document.querySelector("main h1")?.textContent === t, text, {
      timeout: 10_000,
    });
  const view = (dialogueId: string) =>
    panel.view<{ phase: string; running: boolean; round: number }>(dialogueId);

  it("before the start it is an upcoming dialogue, then running, then ended — for facilitator and participant", async () => {
    const d = await panel.dialogue("Tilan mukainen otsikko");
    await panel.register(d.id, "dev-reader", "Lukija Lahtinen");

    const page = await open("coordinator", d.id);
    await page.getByRole("heading", { name: "Dialogi ei ole alkanut" }).waitFor();
    await heading(page, "Tuleva dialogi");
    assert.doesNotMatch(await page.locator("main").innerText(), /Käynnissä oleva dialogi/);
    await h.setLanguage(page, "sv");
    await page.getByRole("heading", { name: "Dialogen har inte börjat" }).waitFor();
    await heading(page, "Kommande dialog");
    await h.setLanguage(page, "en");
    await page.getByRole("heading", { name: "The dialogue has not started" }).waitFor();
    await heading(page, "Upcoming dialogue");
    assert.doesNotMatch(await page.locator("main").innerText(), /Running dialogue/);

    const participant = await open("reader", d.id);
    await participant.getByText("Näet ryhmäsi tässä, kun ohjaaja aloittaa kierroksen.").waitFor();
    await heading(participant, "Tuleva dialogi");

    await page.getByRole("button", { name: "Start the dialogue" }).click();
    await page.getByRole("heading", { name: "0 of 1 rounds held" }).waitFor();
    await heading(page, "Running dialogue");
    await h.setLanguage(page, "fi");
    await heading(page, "Käynnissä oleva dialogi");
    await participant.getByRole("button", { name: "Päivitä", exact: true }).click();
    await heading(participant, "Käynnissä oleva dialogi");

    await page.getByRole("button", { name: "Päätä dialogi" }).click();
    await page
      .getByRole("alertdialog", { name: "Päätetäänkö dialogi?" })
      .getByRole("button", { name: "Päätä nyt" })
      .click();
    await page.getByRole("heading", { name: "Dialogi on päättynyt" }).waitFor();
    await heading(page, "Päättynyt dialogi");
    await participant.getByRole("button", { name: "Päivitä", exact: true }).click();
    await heading(participant, "Päättynyt dialogi");
    await h.setLanguage(page, "en");
    await heading(page, "Ended dialogue");
  });

  it("during a running round the facilitator ends the dialogue from the panel after confirming; cancel changes nothing", async () => {
    const { dialogue } = await panel.runningRound("Kesken kierroksen päätettävä");
    const browserDialogs: string[] = [];
    const page = await open("coordinator", dialogue.id, browserDialogs);
    await page.getByRole("heading", { name: "Kierros 1 käynnissä" }).waitFor();
    const end = page.getByRole("button", { name: "Päätä dialogi" });

    await end.click();
    let dialog = page.getByRole("alertdialog", { name: "Päätetäänkö dialogi?" });
    await dialog.getByRole("button", { name: "Peruuta" }).click();
    await dialog.waitFor({ state: "detached" });
    assert.deepEqual(
      await view(dialogue.id).then(({ phase, running, round }) => ({ phase, running, round })),
      { phase: "started", running: true, round: 1 },
      "cancelled: the round still runs",
    );
    await page.getByRole("heading", { name: "Kierros 1 käynnissä" }).waitFor();

    await end.click();
    dialog = page.getByRole("alertdialog", { name: "Päätetäänkö dialogi?" });
    await dialog.getByRole("button", { name: "Päätä nyt" }).click();
    await page.getByRole("heading", { name: "Dialogi on päättynyt" }).waitFor();
    await heading(page, "Päättynyt dialogi");
    const after = await view(dialogue.id);
    assert.equal(after.phase, "ended");
    assert.equal(after.running, false, "the running round ended with the dialogue");
    assert.equal(await page.getByTestId("countdown").count(), 0, "no timer after the end");
    assert.deepEqual(browserDialogs, [], "no browser dialog");
  });
});
