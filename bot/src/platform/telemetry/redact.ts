import type { Context } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace-base";

/**
 * Telemetry must not keep what opens someone's registration or data. The HTTP instrumentation of
 * Azure Monitor records full URLs — confirm and manage links (`?p&e&t`, `?u&e&t`), signed CSV,
 * summary and `.ics` links (`?t=`), Graph filters with join links — and the client's address
 * (`http.client_ip`, from X-Forwarded-For). Every span passes {@link RedactingSpanProcessor} before
 * any exporter sees it, and every log line passes {@link redactLogText} (the first three rules):
 * - attributes naming a client or peer address, or a user agent, are dropped;
 * - query strings become `?[redacted]` (every signed link keeps its signature there);
 * - e-mail addresses (also `%40`-encoded) become `[email]`, IP addresses `[ip]`, and long opaque
 *   runs (32+ letters, digits, `_`/`-`: tokens, HMACs) `[token]`, Azure Tables row keys in
 *   entity paths (user keys, pending ids) `'[redacted]'`.
 * The route template (`http.route`) and status stay: enough to see what failed.
 */

/** Attributes that only ever hold an address or a fingerprint of a person's device. */
const DROPPED = new Set([
  "http.client_ip",
  "client.address",
  "client.port",
  "client.socket.address",
  "client.socket.port",
  "net.peer.ip",
  "net.peer.port",
  "net.sock.peer.addr",
  "net.sock.peer.port",
  "network.peer.address",
  "network.peer.port",
  "source.address",
  "http.user_agent",
  "user_agent.original",
  "url.query",
]);

const EMAIL = /[\w.!#$%&'*+^`{|}~-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+/g;
const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}\b/g;
// Two or more groups with a "::", or all eight: not matched inside words or times ("10:30").
const IPV6 = /(?<![\w:])(?:[0-9a-f]{1,4}:){1,7}(?::|(?::[0-9a-f]{1,4}){1,7}|[0-9a-f]{1,4})(?![\w:])/gi;
const QUERY = /\?[^\s"'<>#]+/g;
/** Azure Tables addresses an entity by its keys in the path; row keys hold user keys and ids. */
const ROW_KEY = /(RowKey=)'(?:[^']|'')*'/g;
const TOKEN = /(?<![\w-])[\w-]{32,}(?![\w-])/g;

/**
 * A log line's text with query strings and addresses (e-mail, IP) replaced. Log fields carry ids
 * (conversation, dialogue, activity) on purpose, so long ids stay.
 */
export function redactLogText(text: string): string {
  return text
    .replace(QUERY, "?[redacted]")
    .replace(EMAIL, "[email]")
    .replace(IPV4, "[ip]")
    .replace(IPV6, (m) => (m.includes("::") || m.split(":").length === 8 ? "[ip]" : m));
}

/** Telemetry text: as {@link redactLogText}, and table row keys and long tokens too. */
export function redactText(text: string): string {
  return redactLogText(text.replace(ROW_KEY, "$1'[redacted]'")).replace(TOKEN, "[token]");
}

type Attrs = Record<string, unknown>;

/** Redacts an attribute map in place (spans hand out their own objects). */
export function redactAttributes(attrs: Attrs): void {
  for (const key of Object.keys(attrs)) {
    const value = attrs[key];
    if (DROPPED.has(key)) delete attrs[key];
    else if (typeof value === "string") attrs[key] = redactText(value);
    else if (Array.isArray(value))
      attrs[key] = value.map((v: unknown) => (typeof v === "string" ? redactText(v) : v));
  }
}

/**
 * A span processor that redacts every finished span (name, attributes, event attributes) in
 * place. Registered first; exporters' processors only queue a span in `onEnd` (batching) or run
 * after this one (simple), so nothing unredacted leaves the process.
 */
export class RedactingSpanProcessor implements SpanProcessor {
  onStart(_span: Span, _context: Context): void {}

  onEnd(span: ReadableSpan): void {
    const s = span as unknown as { name: string; attributes: Attrs; events: { attributes?: Attrs }[] };
    s.name = redactText(s.name);
    redactAttributes(s.attributes);
    for (const e of s.events ?? []) if (e.attributes) redactAttributes(e.attributes);
  }

  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

/** The part of an OpenTelemetry log record the redaction touches (sdk-logs' `SdkLogRecord`). */
interface MutableLogRecord {
  body?: unknown;
  attributes: Attrs;
}

/**
 * The same redaction for OpenTelemetry log records (Azure Monitor exports those of instrumented
 * loggers; our own JSON lines pass {@link redactLogText} in `logger.ts`).
 */
export class RedactingLogRecordProcessor {
  onEmit(record: MutableLogRecord): void {
    if (typeof record.body === "string") record.body = redactText(record.body);
    redactAttributes(record.attributes);
  }

  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}
