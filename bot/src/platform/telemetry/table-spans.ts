import type { TableClient } from "@azure/data-tables";
import { withSpan } from "./instrument";

const TRACED = new Set([
  "createEntity",
  "upsertEntity",
  "updateEntity",
  "getEntity",
  "deleteEntity",
  "submitTransaction",
  "createTable",
]);

/**
 * Wraps a table client so each single-entity call and transaction is a span
 * (`tables.upsertEntity`, table name as attribute; keys and values are not recorded — row keys
 * can be user ids). Listing is left to the caller's span: its pages are lazy.
 */
export function tracedTable(client: TableClient, table: string): TableClient {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== "string" || !TRACED.has(prop) || typeof value !== "function") return value;
      return (...args: unknown[]) =>
        withSpan(`tables.${prop}`, { "db.system": "azure.tables", "db.collection.name": table }, () =>
          (value as (...a: unknown[]) => Promise<unknown>).apply(target, args),
        );
    },
  });
}
