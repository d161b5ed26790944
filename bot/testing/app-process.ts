import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "../src/platform/tables/azurite";

/** Options for {@link startAppProcess}. */
export interface AppProcessOptions {
  /** Table store the app uses (it must outlive the app: a test-owned Azurite). */
  connectionString: string;
  /** Table prefix, so the restarted app sees the same tables. */
  prefix: string;
  /** Extra environment (defaults: local mode — auth off, dev sign-in on —, no demo data, LOG_LEVEL warn). */
  env?: Record<string, string>;
  /** Command-line arguments of the entry point (e.g. `--local`). */
  args?: string[];
  /** How long to wait for /api/health to answer 200 (default 60 s: module loading on a loaded 2-core machine). */
  startTimeoutMs?: number;
}

/** The app (`bot/src/main.ts`, the `npm start` entry point) running as a child process. */
export interface AppProcess {
  url: string;
  pid: number;
  /** Output of the process so far (stdout and stderr, the last 20 KB), for failure messages. */
  output(): string;
  /** SIGKILL — no shutdown hooks, no flushing: the crash case. */
  kill(): Promise<void>;
  /**
   * SIGTERM and wait for exit (the orderly case, as App Service stops an instance; also used for
   * clean-up); SIGKILL after `timeoutMs` (default 5 s). Says how it ended and how long it took.
   */
  stop(options?: { timeoutMs?: number }): Promise<AppExit>;
}

/** How a stopped process ended: `graceful` when it exited by itself (code 0) before the deadline. */
export interface AppExit {
  graceful: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
}

const REPO = path.resolve(__dirname, "..", "..");

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
  });

/**
 * Spawns the real entry point with tsx on a free loopback port, pointed at the given store, and
 * waits until /api/health answers 200. Used by crash tests that must kill the app without
 * giving it a chance to finish anything.
 */
export async function startAppProcess(options: AppProcessOptions): Promise<AppProcess> {
  const port = await freePort();
  let out = "";
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join("bot", "src", "main.ts"), ...(options.args ?? [])],
    {
      cwd: REPO,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "test",
        HOST: "127.0.0.1",
        PORT: String(port),
        TABLES_CONNECTION_STRING: options.connectionString,
        TABLES_PREFIX: options.prefix,
        SEED_DEMO_DATA: "false",
        LOCAL_MODE: "true",
        DEV_SIGNIN: "true",
        LINK_SIGNING_SECRET: "app-process-link-signing-secret-0123456789",
        LOG_LEVEL: "warn",
        ...options.env,
      },
    },
  );
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}: ${out}`);
    const ok = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1000) })
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`app did not become healthy on ${url}: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    output: () => out,
    async kill() {
      child.kill("SIGKILL");
      await exited(child);
    },
    async stop(stopOptions = {}) {
      const t0 = performance.now();
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), stopOptions.timeoutMs ?? 5000);
      await exited(child);
      clearTimeout(timer);
      const { exitCode: code, signalCode: signal } = child;
      return { graceful: code === 0, code, signal, ms: performance.now() - t0 };
    },
  };
}
