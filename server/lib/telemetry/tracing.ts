import { createRequire } from "node:module";
import { context, propagation, trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import { PrismaInstrumentation } from "@prisma/instrumentation";
import { setTracingEnabled, tracingEnabled } from "./spans.ts";

// The tracer provider: spans over HTTP (both directions), Prisma queries and the console's own spans
// (spans.ts), exported by OTLP/HTTP. Loaded only when tracing is configured (start.ts), so an unconfigured
// process never loads the SDK.

export interface TracingOptions {
  serviceName: string;
  /** Tests pass an in-memory exporter; spans then go out one by one (SimpleSpanProcessor). */
  exporter?: SpanExporter;
}

interface Tracing {
  provider: NodeTracerProvider;
  unhook: () => void;
}

const globalForTracing = globalThis as unknown as { opsTracing?: Tracing };

/**
 * Registers the provider, the W3C propagator and the instrumentations, once per process. Returns false when
 * tracing was already on (the custom server starts it before Next's instrumentation hook runs).
 */
export function startTracing(options: TracingOptions): boolean {
  if (tracingEnabled()) return false;
  const processor = options.exporter
    ? new SimpleSpanProcessor(options.exporter)
    : // The exporter reads OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT and _HEADERS itself.
      new BatchSpanProcessor(new OTLPTraceExporter());
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    spanProcessors: [processor],
  });
  provider.register();
  const unhook = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        // Scrapes and probes every few seconds would drown the traces that matter.
        ignoreIncomingRequestHook: (req) => /^\/api\/(metrics|health)\b/.test(req.url ?? ""),
      }),
      new PrismaInstrumentation(),
    ],
  });
  // The instrumentation patches node:http when it is next required; this process imports it as an ES module
  // (not hooked), so require it once here: the patch lands on the shared module object every server uses.
  const require = createRequire(import.meta.url);
  require("http");
  require("https");
  globalForTracing.opsTracing = { provider, unhook };
  setTracingEnabled(true);
  return true;
}

/** Flushes and removes the provider (tests, and a stopping process so the last spans are sent). */
export async function stopTracing(): Promise<void> {
  const tracing = globalForTracing.opsTracing;
  if (!tracing) return;
  globalForTracing.opsTracing = undefined;
  setTracingEnabled(false);
  tracing.unhook();
  await tracing.provider.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
}
