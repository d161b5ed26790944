import { context, metrics, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { MeterProvider, type MetricReader } from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { resetInstruments } from "./instrument";
import { RedactingLogRecordProcessor, RedactingSpanProcessor } from "./redact";

/** Where telemetry goes. */
export interface TelemetryOptions {
  /** Application Insights (Azure Monitor) connection string: export traces and metrics there. */
  connectionString?: string;
  /** Tests: export spans here instead (e.g. an InMemorySpanExporter). */
  spanExporter?: SpanExporter;
  /** Tests: read metrics with this reader. */
  metricReader?: MetricReader;
}

/** A started telemetry pipeline. */
export interface Telemetry {
  /** Flushes and unregisters the providers. */
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry for the process: Azure Monitor when a connection string is configured
 * (it also instruments outgoing HTTP and the Azure SDK), an explicit exporter in tests, nothing
 * otherwise (the instruments in `instrument.ts` then cost a no-op call).
 */
export async function startTelemetry(options: TelemetryOptions): Promise<Telemetry> {
  if (options.spanExporter || options.metricReader) {
    // Spans must follow awaits so nested calls (Tables, connector) become children.
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const tracerProvider = new BasicTracerProvider({
      spanProcessors: options.spanExporter
        ? [new RedactingSpanProcessor(), new SimpleSpanProcessor(options.spanExporter)]
        : [],
    });
    trace.setGlobalTracerProvider(tracerProvider);
    const meterProvider = new MeterProvider({ readers: options.metricReader ? [options.metricReader] : [] });
    metrics.setGlobalMeterProvider(meterProvider);
    resetInstruments();
    return {
      async shutdown() {
        await tracerProvider.shutdown();
        await meterProvider.shutdown();
        trace.disable();
        metrics.disable();
        context.disable();
        resetInstruments();
      },
    };
  }
  if (options.connectionString) {
    // Loaded only when configured: the exporter and its instrumentations are heavy.
    const monitor = await import("@azure/monitor-opentelemetry");
    monitor.useAzureMonitor({
      azureMonitorExporterOptions: { connectionString: options.connectionString },
      instrumentationOptions: { http: { enabled: true }, azureSdk: { enabled: true } },
      // Full URLs (signed links) and client addresses never leave the process (redact.ts).
      spanProcessors: [new RedactingSpanProcessor()],
      logRecordProcessors: [new RedactingLogRecordProcessor()],
    });
    resetInstruments();
    return { shutdown: () => monitor.shutdownAzureMonitor() };
  }
  return { shutdown: async () => {} };
}
