import type { composeApp as ComposeApp } from "./app";
import { ConfigError, loadConfig } from "./config";
import { localLinkSecret } from "./platform/auth/link-secret";
import { startAzurite, type AzuriteHandle } from "./platform/tables/azurite";
import type { TableStoreTarget } from "./platform/tables/table-store";

/** `npm start`: configuration → (embedded Azurite) → app → listen; Ctrl-C stops everything. */
async function main(): Promise<void> {
  // `--local` (passed by `npm start` and `npm run dev`) is the explicit opt-in to local mode.
  const config = loadConfig(undefined, { local: process.argv.slice(2).includes("--local") });
  if (!config.linkSigningSecret) config.linkSigningSecret = await localLinkSecret(config.linkSecretFile);
  let azurite: AzuriteHandle | undefined;
  let target: TableStoreTarget;
  // Azurite boots in its own process while this one loads the app's modules (botbuilder, restify,
  // the Azure SDKs: ~1.5 s) — started one after the other, a restart took a second longer.
  const azuriteStarting =
    config.tables.kind === "embeddedAzurite"
      ? startAzurite({
          location: config.tables.dataDir,
          port: config.tables.port,
          queuePort: config.tables.queuePort,
        })
      : undefined;
  azuriteStarting?.catch(() => undefined); // awaited below; no unhandled rejection meanwhile
  const { composeApp }: { composeApp: typeof ComposeApp } = await import("./app");
  if (config.tables.kind === "embeddedAzurite") {
    azurite = await azuriteStarting!;
    target = { connectionString: azurite.connectionString };
    console.log(
      `Azurite tables on 127.0.0.1:${azurite.port}, queues on :${azurite.queuePort} (data in ${config.tables.dataDir})`,
    );
  } else if (config.tables.kind === "connectionString") {
    target = { connectionString: config.tables.connectionString };
  } else {
    target = { endpoint: config.tables.endpoint };
  }

  const app = await composeApp(config, target);
  const url = await app.listen(config.port, config.host);
  console.log(`Dialogi is running:
  Tab (directory)   ${url}/
  Bot endpoint      ${url}/api/messages  (auth ${config.bot.authEnabled ? "on" : "off: local mode, loopback only"})
  Health            ${url}/api/health
  Teams client      npm run playground`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await app.close().catch(() => undefined);
    await azurite?.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error("Start-up failed:", err);
  process.exit(1);
});
