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
  /** Port of the queue service (the outbox's work queue); 0 or absent picks a free one. */
  queuePort?: number;
  /** How long to wait for the port to accept connections (default 45 s: a loaded 2-core machine). */
  startTimeoutMs?: number;
}

/** A running Azurite table and queue service, each spawned as a child process. */
export interface AzuriteHandle {
  readonly port: number;
  readonly queuePort: number;
  readonly host: string;
  readonly connectionString: string;
  /** Stops the child process and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Builds the connection string for an Azurite table endpoint and, when given, its queue endpoint:
 * one storage account string, as Azure's own (which names every service) would be.
 */
export function azuriteConnectionString(host: string, port: number, queuePort?: number): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
    `TableEndpoint=http://${host}:${port}/${DEV_ACCOUNT};` +
    (queuePort ? `QueueEndpoint=http://${host}:${queuePort}/${DEV_ACCOUNT};` : "")
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

/** Spawns one Azurite service (`table` or `queue`) and waits until its port accepts connections. */
async function spawnService(
  service: "table" | "queue",
  host: string,
  port: number,
  options: AzuriteOptions,
): Promise<ChildProcess> {
  const main = path.join(
    path.dirname(require.resolve("azurite/package.json")),
    `dist/src/${service}/main.js`,
  );
  const args = [
    main,
    `--${service}Host`,
    host,
    `--${service}Port`,
    String(port),
    "--silent",
    "--disableTelemetry",
  ];
  // The queue SDK speaks a newer service version than this Azurite knows; the calls we use
  // (create, send, receive, update, delete) are the same in both.
  if (service === "queue") args.push("--skipApiVersionCheck");
  if (options.location) {
    const dir = service === "table" ? options.location : path.join(options.location, "queue");
    mkdirSync(dir, { recursive: true });
    args.push("--location", dir);
  } else {
    args.push("--inMemoryPersistence");
  }
  const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  try {
    await waitForPort(host, port, options.startTimeoutMs ?? 45_000, child);
  } catch (err) {
    child.kill("SIGKILL");
    throw new Error(`${(err as Error).message}${stderr ? `: ${stderr}` : ""}`, { cause: err });
  }
  return child;
}

/** Stops a child with SIGINT (killed if it hangs) and waits for it to exit. */
const stopChild = (child: ChildProcess) =>
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
  });

/**
 * Spawns the Azurite table and queue services from the installed npm package (the queue serves
 * the outbox, docs/architecture.md). Child processes, rather than in-process servers, because
 * Azurite has no supported embedding API and a child can be killed to simulate the store going
 * down. The two start side by side.
 */
export async function startAzurite(options: AzuriteOptions = {}): Promise<AzuriteHandle> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port && options.port > 0 ? options.port : await freePort(host);
  const queuePort = options.queuePort && options.queuePort > 0 ? options.queuePort : await freePort(host);
  const [table, queue] = await Promise.allSettled([
    spawnService("table", host, port, options),
    spawnService("queue", host, queuePort, options),
  ]);
  if (table.status === "rejected" || queue.status === "rejected") {
    for (const c of [table, queue]) if (c.status === "fulfilled") c.value.kill("SIGKILL");
    throw table.status === "rejected" ? table.reason : (queue as PromiseRejectedResult).reason;
  }
  return {
    port,
    queuePort,
    host,
    connectionString: azuriteConnectionString(host, port, queuePort),
    stop: async () => {
      await Promise.all([stopChild(table.value), stopChild(queue.value)]);
    },
  };
}
