import assert from "node:assert/strict";
import type { Persona } from "./harness";
import { useSidePanelHarness } from "./side-panel-harness";

describe("tab: the meeting side panel (#/facilitator, real server, dev sign-in)", function () {
  this.timeout(60_000);
  const panel = useSidePanelHarness();
  const { tab: h, axeClean } = panel;
  let dialogueId = "";

  before(async () => {
    // The coordinator persona facilitates; the reader persona is a member of group 1.
    dialogueId = (await panel.runningRound("Sivupaneelin dialogi")).dialogue.id;
    await panel.readerJoinsGroup1(dialogueId);
  });

  /** Opens the panel and waits for its heading: the dialogue's state, or plain "Dialogi" when refused. */
  const open = (as: Persona, title = "Käynnissä oleva dialogi") => panel.open(as, dialogueId, { title });

  it("the facilitator sees the running round with a countdown, groups with note counts, and ends the round", async () => {
    const page = await open("coordinator");
    await page.getByRole("heading", { name: "Kierros 1 käynnissä" }).waitFor();
    const countdown = page.getByTestId("countdown");
    assert.match(await countdown.innerText(), /^(29|30):\d\d$/);
    await page.getByRole("heading", { name: /Ryhmä 1/ }).waitFor();
    assert.match(await page.getByRole("heading", { name: /Ryhmä 2/ }).innerText(), /0 muistiinpanoa/);
    await axeClean(page, "facilitator console");

    // A broadcast carries the panel's id of the composed message; the next message gets a new one.
    const sentIds: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().endsWith("/broadcast"))
        sentIds.push(String((r.postDataJSON() as { requestId?: string }).requestId));
    });
    const broadcast = page.locator("form[aria-labelledby=panel-broadcast]");
    for (let n = 0; n < 2; n++) {
      await broadcast.getByRole("textbox", { name: "Viesti" }).fill("Palatkaa saliin");
      const answered = page.waitForResponse(
        (r) => r.request().method() === "POST" && r.url().endsWith("/broadcast"),
      );
      await broadcast.getByRole("button", { name: "Lähetä" }).click();
      assert.equal((await answered).status(), 200);
      // The form empties once the server took the message: the next one is a new message.
      await page.waitForFunction(
        () =>
          (
            document.querySelector("form[aria-labelledby=panel-broadcast] textarea") as unknown as {
              value: string;
            } | null
          )?.value === "",
      );
    }
    assert.equal(sentIds.length, 2);
    assert.match(sentIds[0]!, /^[0-9a-f-]{32,36}$/);
    assert.notEqual(sentIds[0], sentIds[1], "a new message, a new id");
    const keys = new Set(
      (await h.app.app.outbox.outbox.deliveries(dialogueId))
        .filter((r) => r.label === "broadcast")
        .map((r) => r.decisionKey),
    );
    assert.deepEqual(
      [...keys].map((k) => k.split("|")[2]).sort(),
      [...sentIds].sort(),
      "one decision per composed message",
    );

    await page.getByRole("button", { name: "+10 min" }).click();
    await page.waitForFunction(() =>
      /^(39|40):/.test(document.querySelector("[data-testid=countdown]")?.textContent ?? ""),
    );
    await page.getByRole("button", { name: "Päätä kierros 1" }).click();
    await page.getByRole("heading", { name: "1/1 kierrosta käyty" }).waitFor();
    assert.equal(await countdown.count(), 0, "no timer between rounds");
    await page.getByRole("button", { name: "Päätä dialogi" }).waitFor();
    await axeClean(page, "facilitator console between rounds");
  });

  it("a participant sees only their group and no controls", async () => {
    const page = await open("reader");
    await page.getByRole("heading", { name: "Ryhmäsi: 1" }).waitFor();
    await page
      .getByRole("listitem")
      .filter({ hasText: /^Lukija$/ })
      .waitFor();
    assert.equal(await page.getByRole("button", { name: /Päätä|Aloita|\+5/ }).count(), 0);
    await axeClean(page, "participant panel");
  });

  it("someone outside the dialogue is told so (403, translated)", async () => {
    // The browser logs the refused request itself; that is the expected outcome here.
    h.expectNoise(/status of 403/);
    const page = await open("staff-vm", "Dialogi");
    await page.getByText(/ohjaajat ja järjestäjät/).waitFor();
    await axeClean(page, "refused");
  });
});

declare const document: { querySelector(s: string): { textContent: string | null } | null };
