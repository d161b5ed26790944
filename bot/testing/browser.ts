import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

/** Debian's Chromium (`apt-get install chromium`); playwright-core ships no browser. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Flags for a quiet, offline, sandbox-less headless run (containers, CI). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A running Chromium with its own fresh profile directory. */
export interface TestBrowser {
  context: BrowserContext;
  /** A new page; requests leaving loopback are aborted (no internet here, and none needed). */
  newPage(options?: { colorScheme?: "light" | "dark"; locale?: string }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Launches Debian Chromium via playwright-core with a fresh user-data dir (removed on close).
 * Default viewport 1280×900, locale fi-FI.
 */
export async function launchBrowser(
  options: { viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<TestBrowser> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), "dialogi-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: options.locale ?? "fi-FI",
  });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
  return {
    context,
    async newPage(pageOptions = {}) {
      const page = await context.newPage();
      if (pageOptions.colorScheme) await page.emulateMedia({ colorScheme: pageOptions.colorScheme });
      return page;
    },
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** One axe violation, trimmed to what a failing assertion should print. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** WCAG 2.1 A and AA rule tags (axe also tags 2.0 rules, which 2.1 includes). */
export const WCAG21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

let axeSource: string | undefined;

/**
 * Runs axe-core (node_modules/axe-core/axe.min.js, injected into the page) limited to the
 * WCAG 2.1 A/AA tags and returns the violations (empty = pass).
 */
export async function runAxe(
  page: Page,
  options: { tags?: string[]; exclude?: string[] } = {},
): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  const loaded = await page.evaluate(
    () => typeof (globalThis as unknown as { axe?: unknown }).axe !== "undefined",
  );
  if (!loaded) await page.addScriptTag({ content: axeSource });
  const tags = options.tags ?? WCAG21_AA_TAGS;
  const exclude = options.exclude ?? [];
  return page.evaluate(
    async ({ tags, exclude }) => {
      const axe = (
        globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<AxeRun> } }
      ).axe;
      type AxeRun = {
        violations: Array<{
          id: string;
          impact: string | null;
          help: string;
          nodes: Array<{ target: unknown[] }>;
        }>;
      };
      const result = await axe.run(
        { include: [["html"]], exclude: exclude.map((s) => [s]) },
        { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] },
      );
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => n.target.map(String).join(" ")),
      }));
    },
    { tags, exclude },
  );
}

/** Formats violations for an assertion message. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).join("\n    ")}`)
    .join("\n");
}
