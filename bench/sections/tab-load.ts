import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "playwright-core";
import { startTestApp, type TestApp } from "../../bot/testing/app";
import { CHROMIUM_ARGS, CHROMIUM_PATH, ensureTabBuilt } from "../../bot/testing/browser";
import type { BenchContext } from "../lib/context";
import type { Figure } from "../lib/report";
import { percentile, round } from "../lib/stats";
import { buildFluentFloor, FLOOR_SELECTOR } from "../lib/fluent-floor";
import { initialChunks } from "./bundle-size";

const DIST = path.resolve("tab/dist");
/** The tab keeps the dev sign-in token here (tab/src/platform/auth/session.tsx). */
const DEV_TOKEN_KEY = "dialogi.devToken";
const HELLO = '<!doctype html><html lang="en"><title>hello</title><p id="hello">hello</p></html>\n';

/** The files of the first load: index.html, the JS it loads or preloads (with static imports), its CSS. */
function initialFiles(): string[] {
  const html = readFileSync(path.join(DIST, "index.html"), "utf8");
  const css = [...html.matchAll(/href="\.?\/?(assets\/[^"]+\.css)"/g)].map((m) => m[1]!);
  return ["index.html", ...initialChunks().map((f) => `assets/${f}`), ...css];
}

interface Load {
  /** From navigation start to the awaited element in the page (page clock, frame resolution). */
  ms: number;
  /** Encoded response body bytes of the initial files. */
  wireBytes: number;
}

/**
 * Installed before any page script: stores the dev sign-in token, and reports the first frame
 * in which `selector` is in the DOM (page clock: ms since navigation start) to the binding
 * `reportFirstSeen`. A MutationObserver notices the element, the next animation frame — the
 * frame that paints it — gives the time. Nothing polls from outside: Playwright's injected
 * script (≈ 30 ms of main-thread work) would otherwise compete with the page it measures. Plain
 * JavaScript on purpose: a compiled function would carry tsx's `__name` helper, which does not
 * exist in the page.
 */
const PAGE_PROBE = `(([key, token, selector]) => {
  sessionStorage.setItem(key, token);
  const observer = new MutationObserver(() => {
    if (!document.querySelector(selector)) return;
    observer.disconnect();
    requestAnimationFrame(() => window.reportFirstSeen(performance.now()));
  });
  observer.observe(document, { childList: true, subtree: true });
})`;

/**
 * Loads `url` in a fresh context and resolves with the time its `selector` was first painted
 * (see {@link PAGE_PROBE}) and the bytes the initial files took on the wire.
 */
async function timedLoad(
  browser: Browser,
  url: string,
  selector: string,
  token: string,
  files: ReadonlySet<string>,
  repeat: boolean,
): Promise<Load> {
  const context = await browser.newContext({ locale: "fi-FI", viewport: { width: 1280, height: 900 } });
  try {
    await context.addInitScript({
      content: `${PAGE_PROBE}(${JSON.stringify([DEV_TOKEN_KEY, token, selector])});`,
    });
    const page = await context.newPage();
    // The probe reports through a binding: nothing of Playwright runs in the page meanwhile.
    let seen: (ms: number) => void = () => {};
    await page.exposeBinding("reportFirstSeen", (_source, ms: number) => seen(ms));
    const firstSeen = () =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${selector} not seen in 30 s`)), 30_000);
        seen = (ms) => {
          clearTimeout(timer);
          resolve(ms);
        };
      });
    if (repeat) {
      // A returning user: the cache holds the assets, index.html is revalidated (304). Leaving
      // the page first makes the measured visit a new document (going to the same URL with a
      // hash again would only be a same-document fragment navigation).
      const warmed = firstSeen();
      await page.goto(url);
      await warmed;
      await page.goto("about:blank");
    }
    let wireBytes = 0;
    const pending: Promise<void>[] = [];
    page.on("requestfinished", (req) => {
      const rel = new URL(req.url()).pathname.replace(/^\/+/, "") || "index.html";
      if (!files.has(rel)) return;
      pending.push(
        req.sizes().then((s) => {
          wireBytes += s.responseBodySize;
        }),
      );
    });
    const measured = firstSeen();
    await page.goto(url, { waitUntil: "commit" });
    const ms = await measured;
    await Promise.all(pending);
    return { ms, wireBytes };
  } finally {
    await context.close();
  }
}

/** The pages each round loads: the tab, the static hello page, the bare React + Fluent page. */
type Loads = { tab: Load[]; hello: Load[]; floor: Load[] };

/** Runs `n` rounds, alternating tab, hello and floor so load drifts hit all alike. */
async function compare(
  browser: Browser,
  app: TestApp,
  token: string,
  files: ReadonlySet<string>,
  n: number,
  repeat: boolean,
): Promise<Loads> {
  const out: Loads = { tab: [], hello: [], floor: [] };
  const none = new Set<string>();
  for (let i = 0; i < n; i++) {
    const tabUrl = `${app.url}/#/directory`;
    out.tab.push(await timedLoad(browser, tabUrl, 'article[aria-labelledby^="o-"]', token, files, repeat));
    out.hello.push(await timedLoad(browser, `${app.url}/hello.html`, "#hello", token, none, repeat));
    const floorUrl = `${app.url}/floor/index.html`;
    out.floor.push(await timedLoad(browser, floorUrl, FLOOR_SELECTOR, token, none, repeat));
  }
  return out;
}

/**
 * The tab in headless Chromium against the real server: bytes on the wire for the first load
 * (beside their gzip -9 size) and the time from navigation to the directory's first rendered
 * organisation card, beside a static "hello" page served by the same server in the same run
 * (the goal) and beside a bare React + Fluent UI page (what the stack itself costs).
 */
export async function tabLoadBench(ctx: BenchContext): Promise<Figure[]> {
  ensureTabBuilt();
  const dir = mkdtempSync(path.join(os.tmpdir(), "dialogi-bench-tab-"));
  cpSync(DIST, dir, { recursive: true });
  writeFileSync(path.join(dir, "hello.html"), HELLO);
  await buildFluentFloor(path.join(dir, "floor"));
  const files = initialFiles();
  const raw = files.map((f) => readFileSync(path.join(DIST, f)));
  const gzipBytes = raw.reduce((s, b) => s + gzipSync(b, { level: 9 }).length, 0);
  const rawBytes = raw.reduce((s, b) => s + b.length, 0);
  const app = await startTestApp({
    connectionString: ctx.azurite.connectionString,
    env: { TAB_DIST: dir, LOG_LEVEL: "warn" },
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    // No request leaves the machine, without intercepting requests (Playwright's routing would
    // send every request of the page through this process and slow the tab's ten alike).
    args: [...CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"],
    headless: true,
  });
  try {
    const signIn = await fetch(`${app.url}/api/auth/dev-signin`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ persona: "reader" }),
    });
    const { token } = (await signIn.json()) as { token: string };
    const n = ctx.quick ? 3 : 7;
    const fileSet = new Set(files);
    // Warm-up: the server's first hashes of each file, Chromium's first start.
    await compare(browser, app, token, fileSet, 1, false);
    const cold = await compare(browser, app, token, fileSet, n, false);
    const warm = await compare(browser, app, token, fileSet, n, true);
    const wire = percentile(
      cold.tab.map((l) => l.wireBytes),
      50,
    );
    const section = "tab load";
    const kb = (b: number) => round(b / 1024);
    const out: Figure[] = [
      {
        section,
        name: `first load on the wire (${files.length} files: index.html, initial JS/CSS)`,
        value: kb(wire),
        unit: "KB",
        baseline: {
          name: `gzip -9 of the same files KB (identity ${kb(rawBytes)} KB)`,
          value: kb(gzipBytes),
        },
        ratio: round(wire / gzipBytes),
        goal: "≤ 1.05×",
        met: wire <= 1.05 * gzipBytes,
      },
    ];
    for (const [label, r] of [
      ["first visit", cold],
      ["repeat visit (cached assets)", warm],
    ] as const) {
      const tabMs = percentile(
        r.tab.map((l) => l.ms),
        50,
      );
      const helloMs = percentile(
        r.hello.map((l) => l.ms),
        50,
      );
      const floorMs = percentile(
        r.floor.map((l) => l.ms),
        50,
      );
      out.push(
        {
          section,
          name: `${label}: navigation → first organisation card, p50 of ${n}`,
          value: round(tabMs),
          unit: "ms",
          baseline: { name: "static hello page ms", value: round(helloMs) },
          ratio: round(tabMs / helloMs),
          goal: "≤ 3×",
          met: tabMs <= 3 * helloMs,
        },
        {
          section,
          name: `${label}: the same, beside a bare React + Fluent UI page (framework floor)`,
          value: round(tabMs),
          unit: "ms",
          baseline: { name: "React + Fluent page, first element ms", value: round(floorMs) },
          ratio: round(tabMs / floorMs),
        },
      );
    }
    return out;
  } finally {
    await browser.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
