// `npm start` (and `prepare`): builds contracts, tab and bot only when their inputs changed since
// their last build here. Each build's output folder holds a hash of its inputs (file paths and
// contents, plus the VITE_* variables the tab bakes in); a build runs when that stamp is missing
// or differs, or an expected output is missing. Contents, not mtimes: a checkout that switches
// branches and back rebuilds nothing, an edited source always rebuilds. Dependency-free.
// Usage: node scripts/build-if-stale.mjs [--force] [contracts|tab|bot ...]   (default: all three,
// in order; --force builds them whatever the stamps say, as `npm run build` does, and stamps them)
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Name of the stamp file in each output folder. */
export const STAMP = ".inputs-hash";

const SHARED = ["tsconfig.base.json", "package-lock.json"];

/** The builds `npm start` needs, in order (the bot's build reads contracts/dist's types). */
export const TARGETS = [
  {
    name: "contracts",
    inputs: ["contracts/src", "contracts/tsconfig.json", "contracts/package.json", ...SHARED],
    outDir: "contracts/dist",
    outputs: ["contracts/dist/index.js"],
    command: ["npm", "run", "build", "-w", "contracts"],
  },
  {
    name: "tab",
    // The tab bundles @dialogi/contracts from its source.
    inputs: [
      "tab/src",
      "tab/index.html",
      "tab/vite.config.ts",
      "tab/vite-precompress.ts",
      "tab/package.json",
      "tab/tsconfig.json",
      "tab/scripts",
      "tab/.env",
      "tab/.env.production",
      "tab/.env.local",
      "tab/.env.production.local",
      "contracts/src",
      ...SHARED,
    ],
    env: /^VITE_/,
    outDir: "tab/dist",
    outputs: ["tab/dist/index.html"],
    command: ["npm", "run", "build", "-w", "tab"],
  },
  {
    name: "bot",
    inputs: [
      "bot/src",
      "bot/tsconfig.build.json",
      "bot/package.json",
      "scripts/copy-assets.mjs",
      "contracts/src",
      ...SHARED,
    ],
    outDir: "bot/dist",
    outputs: ["bot/dist/main.js"],
    // npm start emits without type-checking (isolatedModules makes that safe; `npm test` and
    // `npm run typecheck` check types): the check is most of tsc's time. `npm run build`
    // (--force, what deploys) type-checks.
    command: ["npm", "run", "build:emit", "-w", "bot"],
    checkedCommand: ["npm", "run", "build", "-w", "bot"],
  },
];

function listFiles(abs, rel, out) {
  if (!existsSync(abs)) return;
  if (statSync(abs).isDirectory()) {
    for (const name of readdirSync(abs).sort()) listFiles(path.join(abs, name), `${rel}/${name}`, out);
  } else out.push([rel, abs]);
}

/** Hash of a target's inputs under `root` (paths + contents; matching environment variables). */
export function inputsHash(target, root, env = process.env) {
  const files = [];
  for (const input of target.inputs) listFiles(path.join(root, input), input, files);
  const hash = createHash("sha256");
  for (const [rel, abs] of files) {
    hash.update(`${rel}\0`);
    hash.update(readFileSync(abs));
    hash.update("\0");
  }
  if (target.env) {
    for (const key of Object.keys(env)
      .filter((k) => target.env.test(k))
      .sort())
      hash.update(`env:${key}=${env[key]}\0`);
  }
  return hash.digest("hex");
}

/** Why a target must be built, or undefined when its outputs are current. */
export function staleReason(target, root, hash = inputsHash(target, root)) {
  const missing = target.outputs.find((o) => !existsSync(path.join(root, o)));
  if (missing) return `${missing} is missing`;
  const stampFile = path.join(root, target.outDir, STAMP);
  if (!existsSync(stampFile)) return "no record of the inputs it was built from";
  if (readFileSync(stampFile, "utf8").trim() !== hash) return "its inputs changed";
  return undefined;
}

/**
 * Builds each stale target (in order) and stamps it; skips the current ones. Returns what was
 * built. Throws when a build fails (no stamp is written, so the next start tries again).
 */
export function buildIfStale(targets, { root, log = console.log, env = process.env, force = false } = {}) {
  const built = [];
  for (const target of targets) {
    // Hashed before building: a source edited during the build makes the next start rebuild.
    const hash = inputsHash(target, root, env);
    const reason = force ? "forced" : staleReason(target, root, hash);
    if (!reason) {
      log(`${target.name}: up to date, not rebuilt`);
      continue;
    }
    log(`${target.name}: building (${reason})…`);
    const command = (force && target.checkedCommand) || target.command;
    const [cmd, ...args] = command;
    const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
    if (r.status !== 0) throw new Error(`${target.name}: \`${command.join(" ")}\` failed`);
    writeFileSync(path.join(root, target.outDir, STAMP), `${hash}\n`);
    built.push(target.name);
  }
  return built;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const force = process.argv.includes("--force");
  const names = process.argv.slice(2).filter((a) => a !== "--force");
  const unknown = names.filter((n) => !TARGETS.some((t) => t.name === n));
  if (unknown.length > 0) {
    console.error(`unknown build target ${unknown.join(", ")}: use ${TARGETS.map((t) => t.name).join(", ")}`);
    process.exit(2);
  }
  try {
    buildIfStale(names.length > 0 ? TARGETS.filter((t) => names.includes(t.name)) : TARGETS, { root, force });
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
