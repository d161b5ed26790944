import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";

/** Well-known Azurite development account (public, documented by Microsoft; not a secret). */
const DEV_ACCOUNT = "devstoreaccount1";
const DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

/** Options for {@link startAzurite}. */
export interface AzuriteOptions {
  /** Folder for persistent data; omit for an in-memory store (tests). */
  location?: string;
  host?: string;
  /** Port to listen on; 0 picks a free one. */
  port?: number;
  /** How long to wait for the port to accept connections. */
  startTimeoutMs?: number;
}

/** A running Azurite table service spawned as a child process. */
export interface AzuriteHandle {
  readonly port: number;
  readonly host: string;
  readonly connectionString: string;
  /** Stops the child process and waits for it to exit. */
  stop(): Promise<void>;
}

/** Builds the connection string for an Azurite table endpoint. */
export function azuriteConnectionString(host: string, port: number): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
    `TableEndpoint=http://${host}:${port}/${DEV_ACCOUNT};`
  );
}

/** Finds a free TCP port on the host by binding port 0 and releasing it. */
export async function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(
  host: string,
  port: number,
  timeoutMs: number,
  child: ChildProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Azurite exited early with code ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, host);
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Azurite did not start on ${host}:${port} within ${timeoutMs} ms`);
}

/**
 * Spawns the Azurite table service from the installed npm package. A child process,
 * rather than an in-process server, because Azurite has no supported embedding API
 * and a child can be killed to simulate the store going down.
 */
export async function startAzurite(options: AzuriteOptions = {}): Promise<AzuriteHandle> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port && options.port > 0 ? options.port : await freePort(host);
  const main = path.join(path.dirname(require.resolve("azurite/package.json")), "dist/src/table/main.js");
  const args = [main, "--tableHost", host, "--tablePort", String(port), "--silent", "--disableTelemetry"];
  if (options.location) {
    mkdirSync(options.location, { recursive: true });
    args.push("--location", options.location);
  } else {
    args.push("--inMemoryPersistence");
  }
  const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  try {
    await waitForPort(host, port, options.startTimeoutMs ?? 15_000, child);
  } catch (err) {
    child.kill("SIGKILL");
    throw new Error(`${(err as Error).message}${stderr ? `: ${stderr}` : ""}`, { cause: err });
  }
  return {
    port,
    host,
    connectionString: azuriteConnectionString(host, port),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        // SIGINT, not SIGTERM: Azurite saves its database (--location) only on SIGINT; SIGTERM
        // drops the writes of the last autosave interval (5 s). Killed if it hangs.
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGINT");
      }),
  };
}
