import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { startTestApp, type TestApp } from "../../bot/testing/app";
import { arrangeRunningRound, ORGANISER } from "../../bot/testing/arrange";
import {
  clearStorage,
  ensureTabBuilt,
  formatViolations,
  launchBrowser,
  runAxe,
  type TestBrowser,
} from "../../bot/testing/browser";
import { createGroupRepository } from "../../bot/src/features/rounds/store/group-repository";

type Persona = "reader" | "staff-vm" | "coordinator";

/** teams-js fetches its list of valid hosts from a CDN; our CSP (connect-src 'self') blocks it. */
const KNOWN_CONSOLE_NOISE = /res\.cdn\.office\.net\/teams-js\/validDomains/;

describe("tab: the meeting side panel (#/facilitator, real server, dev sign-in)", function () {
  this.timeout(60_000);
  let app: TestApp;
  let browser: TestBrowser;
  const pages: Page[] = [];
  let problems: string[] = [];
  let dialogueId = "";

  /** The dev personas' tenant (from a dev sign-in token). */
  async function devTenant(): Promise<string> {
    const res = await fetch(`${app.url}/api/auth/dev-signin`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ persona: "coordinator" }),
    });
    const { token } = (await res.json()) as { token: string };
    return (JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as { tid: string }).tid;
  }

  before(async () => {
    ensureTabBuilt();
    app = await startTestApp();
    browser = await launchBrowser();
    const tenantId = await devTenant();
    // The coordinator persona facilitates; the reader persona is a member of group 1.
    const { dialogue } = await arrangeRunningRound(app.app.store, 2, 3, {
      dialogue: {
        tenantId,
        title: "Sivupaneelin dialogi",
        organiserIds: [ORGANISER],
        facilitators: [{ aadId: "dev-coordinator", name: "Kaisa Koordinaattori" }],
      },
    });
    dialogueId = dialogue.id;
    const groups = createGroupRepository(app.app.store.table("Groups"));
    const one = (await groups.listRound(dialogueId, 1)).find((g) => g.group === 1)!;
    one.members.push({
      userId: "dev-reader",
      name: "Lukija Lahtinen",
      language: "fi",
      uiLang: "fi",
      organisation: "Org",
      background: "",
    });
    const two = (await groups.listRound(dialogueId, 1)).find((g) => g.group === 2)!;
    await groups.replaceRounds(dialogueId, [1], [one, two]);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(() => (problems = []));
  afterEach(async function () {
    while (pages.length) await pages.pop()!.close();
    if (this.currentTest?.state === "passed") assert.deepEqual(problems, [], "browser errors");
  });

  async function open(hash: string, as: Persona): Promise<Page> {
    const page = await browser.newPage();
    pages.push(page);
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error" && !KNOWN_CONSOLE_NOISE.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    await page.goto(`${app.url}/api/health`);
    await clearStorage(page);
    await page.goto(`${app.url}/${hash}`);
    await page.locator(`button[aria-describedby="persona-${as}-d"]`).click();
    await page.locator("main h1").filter({ hasText: "Käynnissä oleva dialogi" }).waitFor();
    return page;
  }

  async function axeClean(page: Page, what: string): Promise<void> {
    await page.waitForLoadState("networkidle");
    const violations = await runAxe(page);
    assert.equal(violations.length, 0, `${what}:\n${formatViolations(violations)}`);
  }

  it("the facilitator sees the running round with a countdown, groups with note counts, and ends the round", async () => {
    const page = await open(`#/facilitator?dialogue=${dialogueId}`, "coordinator");
    await page.getByRole("heading", { name: "Kierros 1 käynnissä" }).waitFor();
    const countdown = page.getByTestId("countdown");
    assert.match(await countdown.innerText(), /^(29|30):\d\d$/);
    await page.getByRole("heading", { name: /Ryhmä 1/ }).waitFor();
    assert.match(await page.getByRole("heading", { name: /Ryhmä 2/ }).innerText(), /0 muistiinpanoa/);
    await axeClean(page, "facilitator console");

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
    const page = await open(`#/facilitator?dialogue=${dialogueId}`, "reader");
    await page.getByRole("heading", { name: "Ryhmäsi: 1" }).waitFor();
    await page
      .getByRole("listitem")
      .filter({ hasText: /^Lukija$/ })
      .waitFor();
    assert.equal(await page.getByRole("button", { name: /Päätä|Aloita|\+5/ }).count(), 0);
    await axeClean(page, "participant panel");
  });

  it("someone outside the dialogue is told so (403, translated)", async () => {
    const page = await open(`#/facilitator?dialogue=${dialogueId}`, "staff-vm");
    await page.getByText(/ohjaajat ja järjestäjät/).waitFor();
    await axeClean(page, "refused");
    // The browser logs the refused request itself; that is the expected outcome here.
    problems = problems.filter((p) => !/status of 403/.test(p));
  });
});

declare const document: { querySelector(s: string): { textContent: string | null } | null };
