import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { startTestApp, type TestApp } from "../../bot/testing/app";
import { startPlayground, type Playground } from "../../bot/testing/playground";

const ARTIFACTS = path.resolve("artifacts/e2e");

describe("end to end in the Microsoft 365 Agents Playground (headless Chromium)", function () {
  this.timeout(90_000);
  let app: TestApp;
  let playground: Playground;
  let browser: Browser;
  let page: Page;

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startTestApp();
    playground = await startPlayground(`${app.url}/api/messages`);
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // The Playground loads Segoe UI from a CDN; this machine has no internet.
    await page.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
    await page.goto(playground.url);
  });
  after(async () => {
    await browser?.close();
    await playground?.stop();
    await app?.close();
  });

  async function say(text: string) {
    const input = page.locator('[data-lexical-editor="true"][role="textbox"]').first();
    await input.waitFor({ timeout: 30_000 });
    await input.click();
    await page.keyboard.type(text);
    await page.keyboard.press("Enter");
  }

  it("answers help with the help card", async () => {
    await say("help");
    const heading = page.getByText(/Dialogi (in Teams|Teamsissa|i Teams)/).first();
    await heading.waitFor({ timeout: 30_000 });
    assert.ok(await heading.isVisible());
    await page.screenshot({ path: path.join(ARTIFACTS, "playground-help.png") });
  });
});
