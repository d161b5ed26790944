import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Figure } from "../lib/report";
import { round } from "../lib/stats";

const DIST = path.resolve("tab/dist");
const BUDGET_KB = 250;
/** React + ReactDOM alone, as measured when the stack was chosen (≈ 69 KB gzip). */
const REACT_DOCUMENTED_KB = 69;

const gzipKb = (buf: Buffer) => gzipSync(buf, { level: 9 }).length / 1024;

/** Static imports of a chunk (`import…from"./x.js"`, `import"./x.js"`), not `import("./x.js")`. */
function staticImports(code: string): string[] {
  return [...code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']\.\/([^"']+\.js)["']/g)].map(
    (m) => m[1]!,
  );
}

/** The JS that loads before the first view: what index.html references, plus their static imports. */
export function initialChunks(): string[] {
  const html = readFileSync(path.join(DIST, "index.html"), "utf8");
  const queue = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\.?\/?assets\/([^"]+\.js)"/g)].map(
    (m) => m[1]!,
  );
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...staticImports(readFileSync(path.join(DIST, "assets", file), "utf8")));
  }
  return [...seen];
}

/** Reads the sizes; retries when another build is replacing dist/ under us. */
async function measureDist(): Promise<{
  initialKb: number;
  allKb: number;
  initialFiles: number;
  allFiles: number;
}> {
  for (let attempt = 1; ; attempt++) {
    try {
      const initial = initialChunks();
      const assets = path.join(DIST, "assets");
      const all = readdirSync(assets).filter((f) => f.endsWith(".js"));
      const size = (files: string[]) =>
        files.reduce((s, f) => s + gzipKb(readFileSync(path.join(assets, f))), 0);
      return {
        initialKb: size(initial),
        allKb: size(all),
        initialFiles: initial.length,
        allFiles: all.length,
      };
    } catch (err) {
      if (attempt >= 3) throw err;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

/**
 * Same-run baseline: React + ReactDOM (`createRoot` + `createElement`) bundled alone with the
 * tab's Vite in production mode. Falls back to the documented figure when that cannot run.
 */
async function reactAloneKb(): Promise<{ kb: number; measured: boolean }> {
  const dir = path.resolve("node_modules/.cache/dialogi-bench-react");
  mkdirSync(dir, { recursive: true });
  const entry = path.join(dir, "main.js");
  writeFileSync(
    entry,
    'import { createElement } from "react";\nimport { createRoot } from "react-dom/client";\n' +
      'createRoot(document.getElementById("root")).render(createElement("p", null, "Dialogi"));\n',
  );
  try {
    // A variable specifier: the bot's tsconfig (node10 resolution) cannot type Vite's ESM exports.
    const specifier = "vite";
    const vite = (await import(specifier)) as unknown as { build(config: object): Promise<unknown> };
    const out = (await vite.build({
      configFile: false,
      root: dir,
      logLevel: "silent",
      mode: "production",
      build: { write: false, target: "es2022", rollupOptions: { input: entry } },
    })) as { output: { type: string; code?: string }[] } | { output: { type: string; code?: string }[] }[];
    const outputs = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output);
    const kb = outputs
      .filter((o) => o.type === "chunk" && o.code)
      .reduce((s, o) => s + gzipKb(Buffer.from(o.code!)), 0);
    return { kb, measured: true };
  } catch {
    return { kb: REACT_DOCUMENTED_KB, measured: false };
  }
}

/**
 * Tab bundle size: gzip of the initial JS (the entry chunk and the chunks index.html preloads,
 * with their static imports — not lazy views) and of all JS, beside React + ReactDOM alone.
 * Builds the tab first when tab/dist is missing.
 */
export async function bundleSizeBench(): Promise<Figure[]> {
  if (!existsSync(path.join(DIST, "index.html"))) {
    const built = spawnSync("npm", ["run", "build", "-w", "tab"], { stdio: "ignore" });
    if (built.status !== 0) throw new Error("npm run build -w tab failed");
  }
  const dist = await measureDist();
  const react = await reactAloneKb();
  const baseline = {
    name: react.measured
      ? "React+ReactDOM alone, KB gzip (same run)"
      : "React+ReactDOM alone, KB gzip (measured when the stack was chosen)",
    value: round(react.kb, 1),
  };
  return [
    {
      section: "tab bundle",
      name: `initial JS (${dist.initialFiles} chunks), gzip`,
      value: round(dist.initialKb, 1),
      unit: "KB",
      baseline,
      ratio: round(dist.initialKb / react.kb),
      goal: `≤ ${BUDGET_KB} KB`,
      met: dist.initialKb <= BUDGET_KB,
    },
    {
      section: "tab bundle",
      name: `all JS (${dist.allFiles} chunks), gzip`,
      value: round(dist.allKb, 1),
      unit: "KB",
      baseline,
      ratio: round(dist.allKb / react.kb),
    },
  ];
}
