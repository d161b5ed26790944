import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { toLanguage, type Language } from "../../bot/src/platform/i18n/i18n";
import { startTestApp, type TestApp } from "../../bot/testing/app";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../bot/testing/browser";
import { startConnectorRecorder, type ConnectorRecorder } from "../../bot/testing/connector-recorder";
import { startPlayground, type Playground } from "../../bot/testing/playground";

/** Where the walks' screenshots go. */
export const ARTIFACTS = path.resolve("artifacts/e2e");
/**
 * Every hook and step is bounded: 45 s setup (app + Playground + Chromium, slow on a loaded
 * machine) + 5 steps × 30 s + 10 s teardown = 3.5 min at most. A spec sets `this.timeout(STEP_MS)`.
 */
export const STEP_MS = 30_000;
const SETUP_MS = 45_000;
const TEARDOWN_MS = 10_000;
/** A page wait fails before its step does, so the step reports what it waited for. */
const WAIT_MS = STEP_MS - 5_000;

/** The Playground's chat in headless Chromium, through the real app, for one describe block. */
export interface PlaygroundChat {
  readonly app: TestApp;
  readonly page: Page;
  /** The connector recorder (other users in Teams); only with `{ connector: true }`. */
  readonly connector: ConnectorRecorder;
  /** Every Adaptive Card in the chat, oldest first (one per bot message). */
  cards(): Locator;
  /** Types `text` into the chat's compose box and sends it. */
  say(text: string): Promise<void>;
  /** Screenshots the page into {@link ARTIFACTS} with the top of `card` at the top of the chat. */
  screenshot(name: string, card: Locator): Promise<void>;
  /**
   * Waits for the welcome card (the Playground installs the app on load), says "help" (which
   * works in every language) and returns the help card and the language the Playground sends.
   */
  help(): Promise<{ card: Locator; lang: Language }>;
}

/**
 * Installs before/after hooks in the calling describe block: the app (and, with `connector`, a
 * connector recorder started first), the Agents Playground against it, and a Chromium page on the
 * Playground with every request off this machine aborted.
 */
export function usePlaygroundChat(options: { connector?: boolean } = {}): PlaygroundChat {
  let app: TestApp;
  let connector: ConnectorRecorder | undefined;
  let playground: Playground;
  let browser: Browser;
  let page: Page;

  before(async function () {
    this.timeout(SETUP_MS);
    mkdirSync(ARTIFACTS, { recursive: true });
    if (options.connector) connector = await startConnectorRecorder();
    app = await startTestApp();
    playground = await startPlayground(`${app.url}/api/messages`);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(WAIT_MS);
    // The Playground loads Segoe UI from a CDN; this machine has no internet.
    await page.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
    await page.goto(playground.url);
  });
  after(async function () {
    this.timeout(TEARDOWN_MS);
    await browser?.close();
    await playground?.stop();
    await app?.close();
    await connector?.close();
  });

  const cards = () => page.locator(".ac-adaptiveCard");
  const say = async (text: string) => {
    await page.locator('[data-lexical-editor="true"][role="textbox"]').first().click();
    await page.keyboard.type(text);
    await page.keyboard.press("Enter");
  };
  /** The locale on the bot's side: what the Playground sent, as stored with the conversation. */
  const playgroundLocale = async (): Promise<string> => {
    const refs = app.app.store.table("ConversationRefs").listEntities<{ locale?: string }>({
      queryOptions: { filter: "PartitionKey eq 'user'" },
    });
    for await (const ref of refs) if (ref.locale) return ref.locale;
    throw new Error("the Playground's message left no conversation reference with a locale");
  };

  return {
    get app() {
      return app;
    },
    get page() {
      return page;
    },
    get connector() {
      if (!connector) throw new Error("no connector recorder: usePlaygroundChat({ connector: true })");
      return connector;
    },
    cards,
    say,
    async screenshot(name, card) {
      await card.evaluate((e) => e.scrollIntoView({ block: "start" }));
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
    },
    async help() {
      await cards().first().waitFor();
      const before = await cards().count();
      await say("help");
      const card = cards().nth(before);
      await card.getByText(/^Dialogi (in Teams|Teamsissa|i Teams)$/).waitFor();
      return { card, lang: toLanguage(await playgroundLocale()) };
    },
  };
}
