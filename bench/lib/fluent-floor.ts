import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The element the floor page renders (what the bench waits for). */
export const FLOOR_SELECTOR = "#floor";

const ENTRY = `import { createElement as h } from "react";
import { createRoot } from "react-dom/client";
import { Badge, Button, FluentProvider, Text, teamsLightTheme } from "@fluentui/react-components";

createRoot(document.getElementById("root")).render(
  h(FluentProvider, { theme: teamsLightTheme },
    h("main", null,
      h("h1", null, "Dialogi"),
      h("article", { id: "floor" }, h(Text, null, "Valtiovarainministeriö"), h(Badge, null, "3"), h(Button, null, "OK")))),
);
`;

const HTML = `<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>floor</title>
<script type="module" src="./main.js"></script></head><body><div id="root"></div></body></html>
`;

/**
 * Builds the framework floor: a bare React + Fluent UI page (provider, theme, a heading, a text,
 * a badge and a button) with the tab's Vite in production mode, into `outDir` (served by the
 * same server as the tab). What any React + Fluent tab costs before it does anything of its own.
 */
export async function buildFluentFloor(outDir: string): Promise<void> {
  const root = path.resolve("node_modules/.cache/dialogi-bench-floor");
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, "main.js"), ENTRY);
  writeFileSync(path.join(root, "index.html"), HTML);
  // A variable specifier: the bot's tsconfig (node10 resolution) cannot type Vite's ESM exports.
  const specifier = "vite";
  const vite = (await import(specifier)) as unknown as { build(config: object): Promise<unknown> };
  await vite.build({
    configFile: false,
    root,
    base: "./",
    logLevel: "silent",
    mode: "production",
    build: { outDir, emptyOutDir: true, target: "es2022" },
  });
}
