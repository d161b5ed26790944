import { metrics, SpanStatusCode, trace, type Attributes } from "@opentelemetry/api";

/**
 * Attributes we put on spans and metrics: ids, kinds, counts and statuses only. Never note
 * text, names, e-mail addresses or free text from users (bot/test/security/privacy.spec.ts
 * exports every span and metric of a full flow and searches them).
 */
export type TelemetryAttributes = Record<string, string | number | boolean | undefined>;

/** The app's counters and histograms (OpenTelemetry metric names). */
export type MetricName =
  | "dialogi.notes.saved"
  | "dialogi.registrations"
  | "dialogi.connector.throttled"
  | "dialogi.messages.paced"
  | "dialogi.jobs.lag"
  | "dialogi.outbox.sent"
  | "dialogi.outbox.retried"
  | "dialogi.outbox.failed";

// Instruments use the global OpenTelemetry API: without an SDK registered (no
// APPLICATIONINSIGHTS_CONNECTION_STRING) every call is a cheap no-op.
const tracer = () => trace.getTracer("dialogi");
const meter = () => metrics.getMeter("dialogi");

function clean(attrs: TelemetryAttributes): Attributes {
  const out: Attributes = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) out[k] = v;
  return out;
}

/**
 * Runs `fn` inside a span that is active for everything it awaits (nested spans, log
 * correlation). A thrown error marks the span failed with the error's name only — messages can
 * quote user input.
 */
export async function withSpan<T>(
  name: string,
  attrs: TelemetryAttributes,
  fn: () => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(name, { attributes: clean(attrs) }, async (span) => {
    try {
      return await fn();
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error)?.name ?? "Error" });
      throw err;
    } finally {
      span.end();
    }
  });
}

const counters = new Map<string, ReturnType<ReturnType<typeof meter>["createCounter"]>>();
const histograms = new Map<string, ReturnType<ReturnType<typeof meter>["createHistogram"]>>();

/** Adds `value` to a counter. */
export function countMetric(name: MetricName, value = 1, attrs: TelemetryAttributes = {}): void {
  let c = counters.get(name);
  if (!c) counters.set(name, (c = meter().createCounter(name)));
  c.add(value, clean(attrs));
}

/** Records one value of a histogram (e.g. job lag in ms). */
export function recordMetric(name: MetricName, value: number, attrs: TelemetryAttributes = {}): void {
  let h = histograms.get(name);
  if (!h) histograms.set(name, (h = meter().createHistogram(name, { unit: "ms" })));
  h.record(value, clean(attrs));
}

/** The active span's trace and span ids, for correlating a log line; undefined outside a span. */
export function activeTraceIds(): { traceId: string; spanId: string } | undefined {
  const ctx = trace.getActiveSpan()?.spanContext();
  if (!ctx || !trace.isSpanContextValid(ctx)) return undefined;
  return { traceId: ctx.traceId, spanId: ctx.spanId };
}

/** Forgets cached instruments (a new meter provider was registered). */
export function resetInstruments(): void {
  counters.clear();
  histograms.clear();
}
