import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-node";
import { afterAll, describe, expect, it } from "vitest";
import { logger } from "../lib/logger.ts";
import { startTracing, stopTracing } from "../lib/telemetry/tracing.ts";
import { drainWorkList } from "./runner.ts";
import type { ItemSpan, WorkList } from "./work-list.ts";

// The runner's span per attempt: none at all with tracing off (the list is not even asked for one), and with
// tracing on a consumer span continuing the item's stored trace, marked failed when the handler throws.

interface Item {
  id: string;
  attempts: number;
  traceparent: string | null;
  fails?: boolean;
}

function listOf(items: Item[], span: (item: Item) => ItemSpan) {
  const outcomes: string[] = [];
  let pending = [...items];
  const list: WorkList<Item, string> = {
    name: "test.list",
    async claim(limit) {
      const batch = pending.slice(0, limit);
      pending = pending.slice(limit);
      return batch;
    },
    async handle(item) {
      if (item.fails) throw new Error(`${item.id} refused`);
      return `handled ${item.id}`;
    },
    async done(item) {
      outcomes.push(`done ${item.id}`);
    },
    classify: () => ({ failureClass: null, permanent: true }),
    async failed(item) {
      outcomes.push(`dead ${item.id}`);
    },
    describe: (item) => ({ id: item.id }),
    span,
  };
  return { list, outcomes };
}

const PARENT = `00-${"12".repeat(16)}-${"34".repeat(8)}-01`;

describe("runner spans", () => {
  it("asks for no span and opens none with tracing off", async () => {
    const { list, outcomes } = listOf([{ id: "a", attempts: 1, traceparent: PARENT }], () => {
      throw new Error("span() called with tracing off");
    });
    await drainWorkList(list, { log: logger });
    expect(outcomes).toEqual(["done a"]);
  });

  describe("with tracing on", () => {
    const exporter = new InMemorySpanExporter();
    afterAll(() => stopTracing());

    it("runs each attempt in a consumer span continuing the item's trace, failed when the handler throws", async () => {
      startTracing({ serviceName: "runner-test", exporter });
      const { list, outcomes } = listOf(
        [
          { id: "a", attempts: 1, traceparent: PARENT },
          { id: "b", attempts: 3, traceparent: null, fails: true },
        ],
        (item) => ({
          name: `test process ${item.id}`,
          parent: item.traceparent,
          attributes: { "ops.item": item.id },
        }),
      );
      await drainWorkList(list, { log: logger });
      expect(outcomes.sort()).toEqual(["dead b", "done a"]);
      const span = (id: string) => exporter.getFinishedSpans().find((s) => s.name === `test process ${id}`)!;
      expect(span("a")).toMatchObject({
        kind: SpanKind.CONSUMER,
        attributes: { "ops.item": "a", "ops.work.list": "test.list", "ops.work.attempt": 1 },
        status: { code: SpanStatusCode.UNSET },
      });
      expect(span("a").spanContext().traceId).toBe("12".repeat(16));
      expect(span("a").parentSpanContext?.spanId).toBe("34".repeat(8));
      expect(span("b").status).toEqual({ code: SpanStatusCode.ERROR, message: "b refused" });
      expect(span("b").parentSpanContext).toBeUndefined();
    });
  });
});
