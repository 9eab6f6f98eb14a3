import { SpanStatusCode } from "@opentelemetry/api";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/client.ts";
import { AppError } from "../lib/errors.ts";
import { logger } from "../lib/logger.ts";
import { setSpanObject } from "../lib/telemetry/spans.ts";
import { startTracing, stopTracing } from "../lib/telemetry/tracing.ts";
import { runJob } from "../jobs/scheduler.ts";
import { createCallerFactory, publicProcedure, router, type Context } from "./trpc.ts";

// Each tRPC procedure and each scheduled job run is a span of its own, with the ids its service names.

const testRouter = router({
  tickets: router({
    get: publicProcedure.query(() => {
      setSpanObject("ticket", "t-42");
      return "ticket";
    }),
    reopen: publicProcedure.mutation(() => {
      throw new AppError("CONFLICT", "The ticket is closed.");
    }),
  }),
});
const context: Context = { db: {} as Db, user: null, correlationId: "tracing", log: logger.child({}) };
const caller = createCallerFactory(testRouter)(context);
const exporter = new InMemorySpanExporter();
const finished = (name: string) => exporter.getFinishedSpans().find((s) => s.name === name);

beforeAll(() => startTracing({ serviceName: "trpc-tracing-test", exporter }));
afterAll(() => stopTracing());

describe("procedure and job spans", () => {
  it("opens a span per procedure, named by its path, carrying the ids its service names", async () => {
    await caller.tickets.get();
    expect(finished("trpc tickets.get")?.attributes).toEqual({
      "rpc.system": "trpc",
      "rpc.method": "tickets.get",
      "ops.trpc.type": "query",
      "ops.ticket.id": "t-42",
    });
  });

  it("marks a procedure's span failed when it refuses", async () => {
    await expect(caller.tickets.reopen()).rejects.toThrow("The ticket is closed.");
    expect(finished("trpc tickets.reopen")?.status.code).toBe(SpanStatusCode.ERROR);
  });

  it("runs each scheduled job in a span of its own", async () => {
    const job = { name: "sla-sweep", everyMs: 60_000, run: async () => ({ breached: 0 }) };
    await runJob(job, logger);
    const span = finished("job sla-sweep");
    expect(span?.attributes["ops.job.name"]).toBe("sla-sweep");
    expect(span?.parentSpanContext).toBeUndefined();
  });
});
