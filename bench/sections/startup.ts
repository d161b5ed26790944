import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../bot/src/platform/tables/azurite";
import type { Figure } from "../lib/report";
import { round } from "../lib/stats";

/**
 * Spawns `command` (in its own process group, so `npm start` and the server under it stop
 * together) and polls /api/health; resolves with the milliseconds to the first 200, or -1.
 */
async function timeToHealthy(
  command: string,
  args: string[],
  dataDir: string,
  timeoutMs: number,
): Promise<number> {
  const port = await freePort();
  const azuritePort = await freePort();
  const t0 = performance.now();
  const child = spawn(command, args, {
    env: {
      ...process.env,
      PORT: String(port),
      AZURITE_DATA_DIR: dataDir,
      AZURITE_PORT: String(azuritePort),
      LOG_LEVEL: "warn",
    },
    stdio: "ignore",
    detached: true,
  });
  let healthyMs = -1;
  try {
    const deadline = Date.now() + timeoutMs;
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
      process.kill(-child.pid!, "SIGINT");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGKILL");
    }
  }
  return healthyMs;
}

const seconds = (ms: number) => round(ms / 1000);

/**
 * Start-up, three ways: the built server to healthy on a fresh data folder (embedded Azurite,
 * seeding); `npm start` again on that checkout and data (nothing changed: no build runs); and
 * `npm start` as the first start after `npm install` (contracts built by `prepare`, tab/dist and
 * bot/dist absent: both are built). The checkout's tab/dist and bot/dist are moved aside for
 * the last one and put back if that start fails.
 */
export async function startupBench(): Promise<Figure[]> {
  // CI runs the bench after `npm test`, which builds only the tab: bring every build up to date.
  const built = spawnSync(process.execPath, ["scripts/build-if-stale.mjs"], { stdio: "ignore" });
  if (built.status !== 0) throw new Error("start-up bench: `node scripts/build-if-stale.mjs` failed");
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "dialogi-bench-"));
  const figures: Figure[] = [];
  try {
    const first = await timeToHealthy(
      process.execPath,
      [path.resolve("bot/dist/main.js"), "--local"],
      dataDir,
      60_000,
    );
    figures.push({
      section: "start-up",
      name: "start to healthy (embedded Azurite, first start incl. seeding)",
      value: seconds(first),
      unit: "s",
      goal: "≤ 5 s",
      met: first > 0 && seconds(first) <= 5,
    });
    const restart = await timeToHealthy("npm", ["start"], dataDir, 60_000);
    figures.push({
      section: "start-up",
      name: "`npm start` on an unchanged, built checkout to healthy (builds skipped)",
      value: seconds(restart),
      unit: "s",
      // The machine's load moves both alike: the ratio is what the build check adds.
      baseline: { name: "built server start, s", value: seconds(first) },
      ratio: first > 0 && restart > 0 ? round(restart / first) : undefined,
      goal: "≤ 3 s",
      met: restart > 0 && seconds(restart) <= 3,
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const cold = await coldStart();
  const serverMs = figures[0]!.value * 1000;
  if (serverMs > 0 && cold.value > 0) {
    cold.baseline = { name: "built server start, s", value: figures[0]!.value };
    cold.ratio = round((cold.value * 1000) / serverMs);
  }
  figures.push(cold);
  return figures;
}

/** `npm start` right after `npm install`: tab and bot are built before the server starts. */
async function coldStart(): Promise<Figure> {
  // Beside the original (a rename across file systems would fail), in a folder named dist so
  // git, ESLint and Prettier ignore it like the original.
  const aside = (d: string) => path.join(path.dirname(d), ".bench-aside", "dist");
  const outputs = ["tab/dist", "bot/dist"].filter((d) => existsSync(d));
  for (const d of outputs) {
    rmSync(path.dirname(aside(d)), { recursive: true, force: true });
    mkdirSync(path.dirname(aside(d)));
    renameSync(d, aside(d));
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "dialogi-bench-"));
  let ms = -1;
  try {
    ms = await timeToHealthy("npm", ["start"], dataDir, 180_000);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    // A failed cold start leaves no usable build: put the previous one back.
    for (const d of outputs) {
      if (ms < 0) {
        rmSync(d, { recursive: true, force: true });
        renameSync(aside(d), d);
      }
      rmSync(path.dirname(aside(d)), { recursive: true, force: true });
    }
  }
  return {
    section: "start-up",
    name: "first `npm start` after `npm install` to healthy (builds tab and bot)",
    value: seconds(ms),
    unit: "s",
    goal: "≤ 20 s",
    met: ms > 0 && seconds(ms) <= 20,
  };
}
