/**
 * `npm start` rebuilds only what changed (scripts/build-if-stale.mjs): a fixture project with a
 * real build command (a node script that counts its runs) shows that an unchanged checkout is
 * skipped and every kind of change — an edited or added source, a VITE_ variable, a deleted
 * output — rebuilds; a failed build is retried on the next start.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BuildTarget } from "../scripts/build-if-stale.mjs";

const root = path.join(__dirname, "..");
const load = () => import("../scripts/build-if-stale.mjs");

describe("build-if-stale: npm start builds only what changed", () => {
  let dir: string;
  let target: BuildTarget;
  const runs = () =>
    existsSync(path.join(dir, "runs.log")) ? readFileSync(path.join(dir, "runs.log"), "utf8").length : 0;
  const build = async (env: NodeJS.ProcessEnv = {}) =>
    (await load()).buildIfStale([target], {
      root: dir,
      log: () => undefined,
      env: { ...process.env, ...env },
    });

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "build-if-stale-"));
    mkdirSync(path.join(dir, "src"));
    writeFileSync(path.join(dir, "src", "a.ts"), "export const a = 1;\n");
    writeFileSync(path.join(dir, "cfg.json"), "{}\n");
    // The "compiler": fails when src/fail exists, else writes out/main.js and counts its runs.
    writeFileSync(
      path.join(dir, "build.mjs"),
      `import { appendFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
       if (existsSync("src/fail")) process.exit(3);
       mkdirSync("out", { recursive: true });
       writeFileSync("out/main.js", "built");
       appendFileSync("runs.log", "x");`,
    );
    target = {
      name: "demo",
      inputs: ["src", "cfg.json", "missing-optional.env"],
      env: /^VITE_/,
      outDir: "out",
      outputs: ["out/main.js"],
      command: [process.execPath, "build.mjs"],
    };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("builds the first time, then skips while nothing changed (even when files are touched)", async () => {
    assert.deepEqual(await build(), ["demo"]);
    assert.equal(runs(), 1);
    assert.deepEqual(await build(), []);
    const future = new Date(Date.now() + 60_000);
    utimesSync(path.join(dir, "src", "a.ts"), future, future);
    assert.deepEqual(await build(), [], "same contents: not rebuilt");
    assert.equal(runs(), 1);
  });

  it("rebuilds when a source is edited or added, a config changes, or a VITE_ variable changes", async () => {
    await build();
    writeFileSync(path.join(dir, "src", "a.ts"), "export const a = 2;\n");
    assert.deepEqual(await build(), ["demo"], "edited source");
    writeFileSync(path.join(dir, "src", "b.ts"), "export const b = 1;\n");
    assert.deepEqual(await build(), ["demo"], "added source");
    writeFileSync(path.join(dir, "cfg.json"), '{"x":1}\n');
    assert.deepEqual(await build(), ["demo"], "config");
    assert.deepEqual(await build({ VITE_ACCESSIBILITY_EMAIL: "a@example.org" }), ["demo"], "VITE_ variable");
    assert.deepEqual(await build({ VITE_ACCESSIBILITY_EMAIL: "a@example.org" }), []);
    assert.deepEqual(
      await build({ VITE_ACCESSIBILITY_EMAIL: "a@example.org", OTHER: "x" }),
      [],
      "other variables do not count",
    );
    assert.equal(runs(), 5);
  });

  it("force (npm run build) builds current targets too, with the checked command when there is one", async () => {
    await build();
    target.checkedCommand = [process.execPath, "-e", "require('fs').appendFileSync('runs.log', 'C')"];
    const { buildIfStale } = await load();
    assert.deepEqual(buildIfStale([target], { root: dir, log: () => undefined, force: true }), ["demo"]);
    assert.equal(readFileSync(path.join(dir, "runs.log"), "utf8"), "xC");
    assert.deepEqual(await build(), [], "stamped by the forced build");
  });

  it("rebuilds when the output is missing although the stamp is there", async () => {
    await build();
    rmSync(path.join(dir, "out", "main.js"));
    assert.deepEqual(await build(), ["demo"]);
    assert.ok(existsSync(path.join(dir, "out", "main.js")));
  });

  it("a failed build throws and leaves no stamp, so the next start builds again", async () => {
    await build();
    writeFileSync(path.join(dir, "src", "fail"), "");
    await assert.rejects(build(), /demo: .* failed/);
    rmSync(path.join(dir, "src", "fail"));
    writeFileSync(path.join(dir, "src", "a.ts"), "export const a = 3;\n");
    assert.deepEqual(await build(), ["demo"]);
    assert.equal(runs(), 2);
  });

  it("the project's own targets name inputs that exist, and npm start goes through it", async () => {
    const { TARGETS } = await load();
    assert.deepEqual(
      TARGETS.map((t) => t.name),
      ["contracts", "tab", "bot"],
    );
    for (const t of TARGETS) {
      for (const input of t.inputs.filter((i) => !/\.env/.test(i)))
        assert.ok(existsSync(path.join(root, input)), `${t.name}: ${input} exists`);
    }
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    assert.match(pkg.scripts.start!, /^node scripts\/build-if-stale\.mjs && node bot\/dist\/main\.js/);
  });
});
