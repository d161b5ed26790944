import { activeTraceIds } from "./platform/telemetry/instrument";
import { redactLogText } from "./platform/telemetry/redact";

/** Log levels in increasing severity. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

/** Structured fields: ids and counts only — never note text or personal data. */
export type LogFields = Record<string, string | number | boolean | undefined | null>;

/** A minimal structured logger (JSON lines), injectable so tests can capture output. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** Creates a logger writing one JSON object per line to `sink` (stdout by default). */
export function createLogger(
  level: LogLevel,
  sink: (line: string) => void = (l) => process.stdout.write(l + "\n"),
): Logger {
  const write = (lvl: Exclude<LogLevel, "silent">, msg: string, fields?: LogFields) => {
    if (ORDER[lvl] < ORDER[level]) return;
    // Correlates the line with the request or job it belongs to (Application Insights joins them).
    const ids = activeTraceIds();
    // Field values are ids and counts by rule; redaction (query strings, addresses) backs the
    // rule up for what slips through, e.g. an error message quoting a signed link.
    const safe: LogFields = {};
    for (const [k, v] of Object.entries(fields ?? {})) safe[k] = typeof v === "string" ? redactLogText(v) : v;
    sink(
      JSON.stringify({
        t: new Date().toISOString(),
        level: lvl,
        msg: redactLogText(msg),
        ...safe,
        ...(ids ? { traceId: ids.traceId, spanId: ids.spanId } : {}),
      }),
    );
  };
  return {
    debug: (m, f) => write("debug", m, f),
    info: (m, f) => write("info", m, f),
    warn: (m, f) => write("warn", m, f),
    error: (m, f) => write("error", m, f),
  };
}

/** Extracts loggable facts from an error without its message body leaking user input. */
export function errorFields(err: unknown): LogFields {
  const e = err as { name?: string; code?: string; statusCode?: number; message?: string };
  return {
    error: e?.name ?? "Error",
    code: e?.code,
    status: e?.statusCode,
    detail: e?.message?.slice(0, 200),
  };
}
