/** Raised (or recognised) when the table store cannot be reached or answers with a server error. */
export class StoreUnavailableError extends Error {
  override name = "StoreUnavailableError";
  constructor(cause?: unknown) {
    super("Table store unavailable", { cause });
  }
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "REQUEST_SEND_ERROR",
]);

/**
 * True when an error from @azure/data-tables means "the store is down or overloaded"
 * (network failure, timeout, 5xx) rather than a problem with the request itself.
 */
export function isStoreUnavailable(err: unknown): boolean {
  if (err instanceof StoreUnavailableError) return true;
  const e = err as { code?: string; statusCode?: number; name?: string; cause?: unknown } | undefined;
  if (!e) return false;
  if (e.name === "AbortError" || e.name === "TimeoutError") return true;
  if (e.code && NETWORK_CODES.has(e.code)) return true;
  if (typeof e.statusCode === "number" && e.statusCode >= 500) return true;
  return e.cause !== undefined && e.cause !== err && isStoreUnavailable(e.cause);
}

/** HTTP status of an @azure/data-tables RestError, if any. */
export function statusOf(err: unknown): number | undefined {
  const s = (err as { statusCode?: unknown })?.statusCode;
  return typeof s === "number" ? s : undefined;
}
