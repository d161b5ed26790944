import path from "node:path";
import type { Env } from "./env-schema";
import { ConfigError } from "./errors";

/** Where the table store is: given by configuration, or an embedded Azurite to start. */
export type TablesConfig =
  | { kind: "connectionString"; connectionString: string; prefix: string }
  | { kind: "endpoint"; endpoint: string; prefix: string }
  | { kind: "embeddedAzurite"; dataDir: string; port: number; queuePort: number; prefix: string };

/** One of a connection string or an endpoint; neither = embedded Azurite, which production refuses. */
export function tablesConfig(e: Env, production: boolean): TablesConfig {
  if (e.TABLES_CONNECTION_STRING && e.TABLES_ENDPOINT) {
    throw new ConfigError("TABLES_CONNECTION_STRING and TABLES_ENDPOINT: set only one");
  }
  const tables: TablesConfig = e.TABLES_CONNECTION_STRING
    ? { kind: "connectionString", connectionString: e.TABLES_CONNECTION_STRING, prefix: e.TABLES_PREFIX }
    : e.TABLES_ENDPOINT
      ? { kind: "endpoint", endpoint: e.TABLES_ENDPOINT, prefix: e.TABLES_PREFIX }
      : {
          kind: "embeddedAzurite",
          dataDir: path.resolve(e.AZURITE_DATA_DIR),
          port: e.AZURITE_PORT,
          queuePort: e.AZURITE_QUEUE_PORT,
          prefix: e.TABLES_PREFIX,
        };
  if (production && tables.kind === "embeddedAzurite") {
    throw new ConfigError("TABLES_CONNECTION_STRING or TABLES_ENDPOINT: required when NODE_ENV=production");
  }
  return tables;
}
