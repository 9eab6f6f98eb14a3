import { SpanStatusCode, trace } from "@opentelemetry/api";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentTraceparent, inSpan, setSpanObject, tracingEnabled } from "./spans.ts";
import { startTracing, stopTracing } from "./tracing.ts";

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

describe("span helpers with tracing off", () => {
  it("run the work and name no trace", async () => {
    expect(tracingEnabled()).toBe(false);
    const seen = await inSpan("work", {}, async () => {
      setSpanObject("ticket", "t-1");
      return currentTraceparent();
    });
    expect(seen).toBeNull();
  });
});

describe("span helpers with tracing on", () => {
  const exporter = new InMemorySpanExporter();
  beforeAll(() => startTracing({ serviceName: "spans-test", exporter }));
  afterAll(() => stopTracing());
  const finished = (name: string) => exporter.getFinishedSpans().find((s) => s.name === name);

  it("names objects on the work span even while a library's span is active inside it", async () => {
    const traceparent = await inSpan("service call", {}, async () => {
      // Prisma's transaction span, say: active, but not the console's work span.
      await trace.getTracer("library").startActiveSpan("prisma:client:transaction", async (span) => {
        setSpanObject("risk_case", "rc-7");
        span.end();
      });
      return currentTraceparent();
    });
    const service = finished("service call")!;
    expect(service.attributes).toEqual({ "ops.risk_case.id": "rc-7" });
    expect(finished("prisma:client:transaction")!.attributes).toEqual({});
    expect(traceparent).toMatch(TRACEPARENT);
    expect(traceparent?.split("-")[2]).toBe(service.spanContext().spanId);
  });

  it("continues a stored traceparent as the parent, and marks a thrown error", async () => {
    const parent = `00-${"ab".repeat(16)}-${"cd".repeat(8)}-01`;
    await expect(
      inSpan("consumer", { parent }, async () => {
        throw new Error("downstream refused");
      }),
    ).rejects.toThrow("downstream refused");
    const consumer = finished("consumer")!;
    expect(consumer.spanContext().traceId).toBe("ab".repeat(16));
    expect(consumer.parentSpanContext?.spanId).toBe("cd".repeat(8));
    expect(consumer.status).toEqual({ code: SpanStatusCode.ERROR, message: "downstream refused" });
    expect(consumer.events.map((e) => e.name)).toEqual(["exception"]);
  });

  it("nests spans started inside another as its children", async () => {
    await inSpan("outer", {}, () => inSpan("inner", {}, async () => undefined));
    expect(finished("inner")!.parentSpanContext?.spanId).toBe(finished("outer")!.spanContext().spanId);
  });
});
