import { env } from "../env.ts";
import { tracingEnabled } from "./spans.ts";

// Tracing is on when an OTLP endpoint is configured (or OTEL_TRACES_EXPORTER=otlp, the endpoint then being the
// exporter's default, localhost:4318) and OTEL_TRACES_EXPORTER is not "none". Off, nothing is registered and
// the SDK is not even loaded: the span helpers find no provider and return at once.

function tracingConfigured(): boolean {
  if (env.OTEL_TRACES_EXPORTER === "none") return false;
  return (
    env.OTEL_TRACES_EXPORTER === "otlp" ||
    env.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined ||
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT !== undefined
  );
}

/** Starts tracing for this process when configured; call it before the HTTP server and Prisma are created. */
export async function startTracingIfConfigured(): Promise<void> {
  if (tracingEnabled() || !tracingConfigured()) return;
  const { startTracing } = await import("./tracing.ts");
  startTracing({ serviceName: env.OTEL_SERVICE_NAME });
}

/** Sends the spans still buffered; a stopping process calls it last. */
export async function flushTracing(): Promise<void> {
  if (!tracingEnabled()) return;
  const { stopTracing } = await import("./tracing.ts");
  await stopTracing();
}
