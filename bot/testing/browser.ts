import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
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
 * Default viewport 1280×900, locale fi-FI, the machine's time zone unless `timezoneId` is given.
 */
export async function launchBrowser(
  options: { viewport?: { width: number; height: number }; locale?: string; timezoneId?: string } = {},
): Promise<TestBrowser> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), "dialogi-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: options.locale ?? "fi-FI",
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
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
  // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') stays in force
  // for the app while axe still loads.
  if (!loaded) await page.evaluate(axeSource);
  // Colour contrast is meaningless mid-animation (dialogs fade in): let animations finish first.
  await page.evaluate(async () => {
    const doc = (
      globalThis as unknown as { document: { getAnimations(): Array<{ finished: Promise<unknown> }> } }
    ).document;
    await Promise.all(doc.getAnimations().map((a) => a.finished.catch(() => undefined)));
  });
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
          nodes: Array<{ target: unknown[]; html: string }>;
        }>;
      };
      const result = await axe.run(
        { include: [["html"]], exclude: exclude.map((s) => [s]) },
        { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] },
      );
      return result.violations
        .map((v) => ({
          ...v,
          // Fluent UI's focus manager (tabster) adds aria-hidden focus sentinels that only
          // redirect focus; Microsoft's own Accessibility Insights treats them as a false positive.
          nodes:
            v.id === "aria-hidden-focus"
              ? v.nodes.filter((n) => !n.html.includes("data-tabster-dummy"))
              : v.nodes,
        }))
        .filter((v) => v.nodes.length > 0)
        .map((v) => ({
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

/** Empties localStorage and sessionStorage of the page's origin (the persistent profile keeps them). */
export async function clearStorage(page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as unknown as { localStorage: Storage; sessionStorage: Storage };
    g.localStorage.clear();
    g.sessionStorage.clear();
  });
}

type Storage = { clear(): void };

const TAB_DIR = path.resolve(__dirname, "..", "..", "tab");
/** The tab bundles @dialogi/contracts from source (LIMITS, types, languages): a change there is a tab change. */
const CONTRACTS_SRC = path.resolve(__dirname, "..", "..", "contracts", "src");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const st = statSync(full);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(full) : st.mtimeMs);
  }
  return newest;
}

/**
 * Builds the tab (vite) when tab/dist is missing or older than its sources (tab/src and
 * contracts/src, which the tab bundles), so browser tests never run against a stale build. CI builds first, so there this is a no-op.
 */
export function ensureTabBuilt(): void {
  const index = path.join(TAB_DIR, "dist", "index.html");
  const sources = Math.max(
    newestMtime(path.join(TAB_DIR, "src")),
    newestMtime(CONTRACTS_SRC),
    statSync(path.join(TAB_DIR, "index.html")).mtimeMs,
    statSync(path.join(TAB_DIR, "vite.config.ts")).mtimeMs,
    statSync(path.join(TAB_DIR, "vite-precompress.ts")).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  // A production build, as `npm run build` makes it: mocha runs with NODE_ENV=test, which would
  // otherwise give React's development JSX runtime (and a tab twice the size).
  const r = spawnSync("npx", ["vite", "build", "--logLevel", "warn"], {
    cwd: TAB_DIR,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (r.status !== 0) throw new Error(`tab build failed:\n${r.stdout}\n${r.stderr}`);
}
