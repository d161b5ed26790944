import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { startTestApp, type TestApp } from "../../bot/testing/app";
import {
  clearStorage,
  ensureTabBuilt,
  formatViolations,
  launchBrowser,
  runAxe,
  type TestBrowser,
} from "../../bot/testing/browser";

/** The development sign-in personas the tab offers. */
export type Persona = "reader" | "staff-vm" | "coordinator";

/** teams-js fetches its list of valid hosts from a CDN; our CSP (connect-src 'self') blocks it. */
const KNOWN_CONSOLE_NOISE = /res\.cdn\.office\.net\/teams-js\/validDomains/;

/** A real server and a headless Chromium for one describe block, with the helpers tab specs share. */
export interface TabHarness {
  readonly app: TestApp;
  /** A fresh page (empty storage) on `hash`, signed in as `as` when given, in `colorScheme` if given. */
  open(hash: string, options?: { as?: Persona; colorScheme?: "light" | "dark" }): Promise<Page>;
  /** A persona's dev sign-in token, for raw requests whose refusal a test expects. */
  token(persona: Persona): Promise<string>;
  /** Calls the API as a persona; asserts a 2xx answer. */
  api<T>(persona: Persona, path: string, init?: RequestInit): Promise<T>;
  /** Clicks the language switcher's button of `lang`, then waits for `<html lang>`. */
  setLanguage(page: Page, lang: "fi" | "sv" | "en"): Promise<void>;
  /**
   * Console errors matching `pattern` are expected in the current test (e.g. a 409 it provokes);
   * with `url`, only those logged for a resource whose address matches it.
   */
  expectNoise(pattern: RegExp, url?: RegExp): void;
  /** Fails with the axe WCAG 2.1 AA violations of the page. */
  axeClean(page: Page, what: string): Promise<void>;
  /** The dev personas' tenant (from a dev sign-in token), for arranging rows they can see. */
  devTenant(): Promise<string>;
}

/**
 * Installs before/after hooks in the calling describe block: server up, browser up, pages
 * closed after each test, and page errors or console errors failing a passing test.
 */
export function useTabHarness(
  viewport?: { width: number; height: number },
  options: { env?: Record<string, string>; timezoneId?: string } = {},
): TabHarness {
  let app: TestApp;
  let browser: TestBrowser;
  const pages: Page[] = [];
  let problems: string[] = [];
  let noise: { pattern: RegExp; url?: RegExp }[] = [];

  before(async function () {
    this.timeout(120_000);
    ensureTabBuilt();
    app = await startTestApp({ env: options.env });
    browser = await launchBrowser({
      ...(viewport ? { viewport } : {}),
      ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(() => {
    problems = [];
    noise = [];
  });
  afterEach(async function () {
    while (pages.length) await pages.pop()!.close();
    if (this.currentTest?.state === "passed") assert.deepEqual(problems, [], "browser errors");
  });

  const token = async (persona: Persona) => {
    const res = await fetch(`${app.url}/api/auth/dev-signin`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ persona }),
    });
    return ((await res.json()) as { token: string }).token;
  };

  return {
    get app() {
      return app;
    },
    token,
    async open(hash, options = {}) {
      const page = await browser.newPage({ colorScheme: options.colorScheme });
      pages.push(page);
      page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
      page.on("console", (m) => {
        const text = m.text();
        const expected = [{ pattern: KNOWN_CONSOLE_NOISE }, ...noise].some(
          (n) => n.pattern.test(text) && (!n.url || n.url.test(m.location().url)),
        );
        if (m.type() === "error" && !expected) problems.push(`console: ${text}`);
      });
      await page.goto(`${app.url}/api/health`);
      await clearStorage(page);
      await page.goto(`${app.url}/${hash}`);
      if (options.as) {
        await page.locator(`button[aria-describedby="persona-${options.as}-d"]`).click();
        await page
          .locator("main h1")
          .filter({ hasNotText: /Kehityskirjautuminen/ })
          .waitFor();
      }
      return page;
    },
    async api<T>(persona: Persona, path: string, init: RequestInit = {}) {
      const res = await fetch(`${app.url}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${await token(persona)}`,
          "content-type": "application/json",
          ...(init.headers as Record<string, string>),
        },
      });
      assert.ok(res.ok, `${init.method ?? "GET"} ${path} → ${res.status} ${await res.clone().text()}`);
      return (await res.json()) as T;
    },
    async setLanguage(page, lang) {
      await page.locator(`button[lang="${lang}"]`).click();
      await page.locator(`html[lang="${lang}"]`).waitFor({ state: "attached" });
    },
    expectNoise(pattern, url) {
      noise.push({ pattern, url });
    },
    async axeClean(page, what) {
      // Let finite animations (a dialog fading in over the page) finish first: mid-fade, axe
      // measures contrast against a half-transparent backdrop and reports what no user sees.
      await page
        .waitForFunction(
          () => {
            // A function, not a string: the tab's CSP forbids evaluating strings in the page.
            type Anim = {
              playState: string;
              effect: { getComputedTiming(): { iterations?: number } } | null;
            };
            const doc = (globalThis as unknown as { document: { getAnimations(): Anim[] } }).document;
            return doc
              .getAnimations()
              .every(
                (a) => a.playState !== "running" || a.effect?.getComputedTiming().iterations === Infinity,
              );
          },
          undefined,
          { timeout: 3_000 },
        )
        .catch(() => undefined);
      const violations = await runAxe(page);
      assert.equal(violations.length, 0, `${what}:\n${formatViolations(violations)}`);
    },
    async devTenant() {
      const payload = (await token("coordinator")).split(".")[1]!;
      return (JSON.parse(Buffer.from(payload, "base64url").toString()) as { tid: string }).tid;
    },
  };
}
