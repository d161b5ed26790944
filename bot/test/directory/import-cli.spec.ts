import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sharedAzurite, uniquePrefix } from "../../testing/azurite";

const ROOT = path.join(__dirname, "../../..");
const SEED = path.join(ROOT, "bot/src/features/directory/seed/listing-001.txt");

/** Runs `import-listing` as `npm run import:listing` does (tsx), with the given environment. */
function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bot/src/cli/import-listing.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "test", ...env },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.on("close", (code) => resolve({ code: code ?? -1, out, err }));
  });
}

describe("npm run import:listing", function () {
  this.timeout(60_000);

  it("imports the seed once, reports 0 changes on a re-run, and refuses a broken file", async () => {
    const env = {
      TABLES_CONNECTION_STRING: (await sharedAzurite()).connectionString,
      TABLES_PREFIX: uniquePrefix(),
    };
    const first = await runCli([SEED, "--tenant", "cli-test"], env);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /organisations\s+10 new/);
    assert.match(first.out, /entries\s+46 new/);
    assert.match(first.out, /skipped line 101: Kelaa sitä\./);
    assert.match(first.out, /56 changes written/);

    const second = await runCli([SEED, "--tenant", "cli-test"], env);
    assert.equal(second.code, 0, second.err);
    assert.match(second.out, /entries\s+0 new, 0 updated, 46 unchanged/);
    assert.match(second.out, /^0 changes written\.$/m);

    const broken = path.join(os.tmpdir(), `broken-listing-${process.pid}.txt`);
    writeFileSync(broken, "Valtiovarainministeriö\n\n • Hyvä rivi\nrivitetty jatko\n");
    const bad = await runCli([broken, "--tenant", "cli-test"], env);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /line 4: text directly under a bullet/);
    assert.match(bad.err, /nothing was imported/);
  });

  it("explains how to reach the embedded Azurite when the app is not running", async () => {
    const res = await runCli([SEED], {
      AZURITE_PORT: "1",
      TABLES_CONNECTION_STRING: "",
      TABLES_ENDPOINT: "",
    });
    assert.equal(res.code, 2);
    assert.match(res.err, /npm start/);
    assert.match(res.err, /TABLES_CONNECTION_STRING/);
  });
});
