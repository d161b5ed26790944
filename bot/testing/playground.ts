import { spawn } from "node:child_process";
import path from "node:path";
import { freePort } from "../src/platform/tables/azurite";

/** How long {@link Playground.stop} waits for a clean exit before killing the process. */
const STOP_GRACE_MS = 3_000;

/** A running Microsoft 365 Agents Playground (local Teams-like client). */
export interface Playground {
  url: string;
  /** Stops the Playground (SIGTERM, then SIGKILL after a few seconds). */
  stop(): Promise<void>;
}

/**
 * Starts the Agents Playground against a bot endpoint, bound to 127.0.0.1 (it listens on all
 * interfaces by default; scripts/loopback-listen.cjs narrows that) with no browser of its own.
 */
export async function startPlayground(botEndpoint: string): Promise<Playground> {
  const root = path.resolve(__dirname, "..", "..");
  const cli = path.join(
    path.dirname(require.resolve("@microsoft/m365agentsplayground/package.json")),
    "cli.js",
  );
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      "--require",
      path.join(root, "scripts/loopback-listen.cjs"),
      cli,
      "start",
      "-e",
      botEndpoint,
      "-c",
      "msteams",
      "-p",
      String(port),
      "--disable-telemetry",
    ],
    { env: { ...process.env, TEAMSAPPTESTER_BROWSER: "none" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const collect = (c: Buffer) => (output = (output + c.toString()).slice(-4000));
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Agents Playground exited: ${output}`);
    try {
      const res = await fetch(url);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`Agents Playground did not start: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        // Bounded: a Playground that ignores SIGTERM is killed after a few seconds.
        const force = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
        child.once("exit", () => {
          clearTimeout(force);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}
