import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../bot/src/platform/tables/azurite";
import type { Figure } from "../lib/report";
import { round } from "../lib/stats";

/**
 * `npm start` to healthy after the build: spawns the built server (as `npm start` does after
 * building) with embedded Azurite on a fresh data folder, polls /api/health.
 */
export async function startupBench(): Promise<Figure[]> {
  // CI runs the bench after `npm test`, which builds only the tab: build the server first.
  if (!existsSync(path.resolve("bot/dist/main.js"))) {
    const built = spawnSync("npm", ["run", "build", "-w", "bot"], { stdio: "ignore" });
    if (built.status !== 0) throw new Error("start-up bench: `npm run build -w bot` failed");
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "dialogi-bench-"));
  const port = await freePort();
  const azuritePort = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.resolve("bot/dist/main.js"), "--local"], {
    env: {
      ...process.env,
      PORT: String(port),
      AZURITE_DATA_DIR: dataDir,
      AZURITE_PORT: String(azuritePort),
      LOG_LEVEL: "warn",
    },
    stdio: "ignore",
  });
  let healthyMs = -1;
  try {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && child.exitCode === null) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (res.status === 200) {
          healthyMs = performance.now() - t0;
          break;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    // A child that already exited (e.g. it failed to start) emits no second "exit": don't wait for one.
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGINT");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  const seconds = round(healthyMs / 1000);
  return [
    {
      section: "start-up",
      name: "start to healthy (embedded Azurite, first start incl. seeding)",
      value: seconds,
      unit: "s",
      goal: "≤ 5 s",
      met: healthyMs > 0 && seconds <= 5,
    },
  ];
}
