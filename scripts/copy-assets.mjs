// Copies the bot's runtime assets (card templates, locale files) next to the compiled JS,
// since tsc only emits .ts output.
import { cpSync, readdirSync, statSync, mkdirSync } from "node:fs";
import path from "node:path";

const src = path.resolve("src");
const out = path.resolve("dist");

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else if (name.endsWith(".json") || name.endsWith(".txt")) {
      const target = path.join(out, path.relative(src, full));
      mkdirSync(path.dirname(target), { recursive: true });
      cpSync(full, target);
    }
  }
}
walk(src);
