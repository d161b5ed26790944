// Prints the gzip size of every JS/CSS file in tab/dist and checks the initial-load budget:
// the entry chunk plus the chunks index.html preloads must stay within 250 KB gzip.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 250;
const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "dist");
const html = readFileSync(path.join(dist, "index.html"), "utf8");
const initial = new Set(
  [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]),
);

const kb = (n) => (n / 1024).toFixed(1).padStart(7);
let initialTotal = 0;
const rows = [];
for (const file of readdirSync(path.join(dist, "assets"))) {
  if (!/\.(js|css)$/.test(file)) continue;
  const buf = readFileSync(path.join(dist, "assets", file));
  const gz = gzipSync(buf, { level: 9 }).length;
  const rel = `assets/${file}`;
  const first = initial.has(rel);
  if (first) initialTotal += gz;
  rows.push({ rel, raw: buf.length, gz, first });
}
// A budget over nothing passes trivially: index.html must reference an entry script, and every
// asset it references must be among the files measured.
const measured = new Set(rows.filter((r) => r.first).map((r) => r.rel));
const missing = [...initial].filter((rel) => !measured.has(rel));
if (![...initial].some((rel) => rel.endsWith(".js")) || missing.length > 0) {
  console.error(
    `index.html's initial assets were not measured (found: ${[...initial].join(", ") || "none"}; ` +
      `missing in dist/assets: ${missing.join(", ") || "none"})`,
  );
  process.exit(1);
}
rows.sort((a, b) => Number(b.first) - Number(a.first) || b.gz - a.gz);
console.log("    raw KB   gzip KB  file");
for (const r of rows) console.log(`${kb(r.raw)}  ${kb(r.gz)}  ${r.rel}${r.first ? "  (initial)" : ""}`);
console.log(`initial load: ${(initialTotal / 1024).toFixed(1)} KB gzip (budget ${BUDGET_KB} KB)`);
if (initialTotal / 1024 > BUDGET_KB) {
  console.error(`over budget by ${(initialTotal / 1024 - BUDGET_KB).toFixed(1)} KB`);
  process.exit(1);
}
