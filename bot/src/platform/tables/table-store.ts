import { TableClient, TableServiceClient, type TableServiceClientOptions } from "@azure/data-tables";
import { DefaultAzureCredential } from "@azure/identity";
import { tracedTable } from "../telemetry/table-spans";

/** Where the tables live: a connection string (Azurite, keys) or an endpoint with managed identity. */
export type TableStoreTarget = { connectionString: string } | { endpoint: string };

/** Creates table clients for one storage account; clients are created once and reused. */
export interface TableStore {
  /** A client for a logical table name (the configured prefix is applied). */
  table(name: string): TableClient;
  /** Creates every named table if missing. Idempotent. */
  ensureTables(names: readonly string[]): Promise<void>;
  /** Round-trips to the service; rejects when it does not answer in time. */
  ping(timeoutMs?: number): Promise<void>;
}

/** Options for {@link createTableStore}. */
export interface TableStoreOptions {
  target: TableStoreTarget;
  /** Prefix for every table name, so several environments or test runs can share one account. */
  prefix?: string;
  /** Wrap clients so every call is a telemetry span (only when telemetry is on). */
  traced?: boolean;
}

const clientOptions = (insecure: boolean): TableServiceClientOptions => ({
  allowInsecureConnection: insecure,
  // A short retry budget: users must hear "try again" within seconds, not after a minute.
  retryOptions: { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 1000 },
});

/** Builds a {@link TableStore}. Nothing connects until a client is used. */
export function createTableStore(options: TableStoreOptions): TableStore {
  const prefix = options.prefix ?? "";
  const clients = new Map<string, TableClient>();
  const { target } = options;
  let service: TableServiceClient;
  let makeClient: (table: string) => TableClient;
  if ("connectionString" in target) {
    const insecure = /DefaultEndpointsProtocol=http;|UseDevelopmentStorage=true|TableEndpoint=http:/i.test(
      target.connectionString,
    );
    service = TableServiceClient.fromConnectionString(target.connectionString, clientOptions(insecure));
    makeClient = (table) =>
      TableClient.fromConnectionString(target.connectionString, table, clientOptions(insecure));
  } else {
    const credential = new DefaultAzureCredential();
    service = new TableServiceClient(target.endpoint, credential, clientOptions(false));
    makeClient = (table) => new TableClient(target.endpoint, table, credential, clientOptions(false));
  }
  const table = (name: string): TableClient => {
    const full = `${prefix}${name}`;
    let client = clients.get(full);
    if (!client) {
      client = makeClient(full);
      if (options.traced) client = tracedTable(client, name);
      clients.set(full, client);
    }
    return client;
  };
  return {
    table,
    async ensureTables(names) {
      await Promise.all(names.map((n) => table(n).createTable()));
    },
    async ping(timeoutMs = 2000) {
      const abortSignal = AbortSignal.timeout(timeoutMs);
      const iter = service.listTables({ abortSignal }).byPage({ maxPageSize: 1 });
      await iter.next();
    },
  };
}
