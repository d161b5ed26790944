/** Statuses Teams answers when a retry may succeed: throttled (429), precondition race (412), gateway trouble. */
const RETRYABLE_STATUS = new Set([412, 429, 502, 503, 504]);
const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "REQUEST_SEND_ERROR",
]);

/** HTTP status of a connector error (a core-rest-pipeline RestError), if any. */
export function connectorStatus(err: unknown): number | undefined {
  const e = err as { statusCode?: unknown; response?: { status?: unknown } } | undefined;
  const s = e?.statusCode ?? e?.response?.status;
  return typeof s === "number" ? s : undefined;
}

/** True when the failed call is worth repeating. Other 4xx (403 bot removed, 404…) are final. */
export function isRetryable(err: unknown): boolean {
  const status = connectorStatus(err);
  if (status !== undefined) return RETRYABLE_STATUS.has(status);
  const code = (err as { code?: unknown })?.code;
  return typeof code === "string" && NETWORK_CODES.has(code);
}

/** The server's Retry-After (seconds or an HTTP date) in ms, if it sent one. */
export function retryAfterMs(err: unknown, nowMs: number = Date.now()): number | undefined {
  const headers = (err as { response?: { headers?: { get?(name: string): string | undefined } } })?.response
    ?.headers;
  const raw = typeof headers?.get === "function" ? headers.get("retry-after") : undefined;
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
