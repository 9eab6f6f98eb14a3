import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SpanKind } from "@opentelemetry/api";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { recordEvent } from "../../server/events/record.ts";
import type { AlertTriggeredPayload } from "../../server/events/payloads.ts";
import { closeEdgeRuntime, edgeRuntime } from "../../server/hub/edge/edge-runtime.ts";
import { createEventListener } from "../../server/hub/edge/listener.ts";
import { systemContext } from "../../server/lib/service-context.ts";
import { acknowledgeCase } from "../../server/risk/service.ts";
import { changeTicket } from "../../server/tickets/service.ts";
import { currentTraceparent, inSpan } from "../../server/lib/telemetry/spans.ts";
import { startTracing, stopTracing } from "../../server/lib/telemetry/tracing.ts";
import { drain } from "../support/backbone.ts";
import { bearer, createCity } from "../support/cities.ts";
import { drainInbox } from "../support/hub-inbox.ts";
import { contextFor, supportTeams } from "../support/tickets.ts";

// Traces with the SDK's in-memory exporter: an inbound event's request span → the inbox row → its processing
// span → the ticket it opened, all one trace; a domain event recorded in one span yields its consumer's span as a
// child; spans name the tickets and alerts they touch; Prisma's queries are spans of the same trace.

const db = getDb();
const exporter = new InMemorySpanExporter();
let listener: Server;
let listenerUrl: string;

const traceIdOf = (traceparent: string | null) => traceparent?.split("-")[1];
const spansOf = (traceId: string) =>
  exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

beforeAll(async () => {
  startTracing({ serviceName: "ops-console-test", exporter });
  await db.eventSource.upsert({
    where: { key: "consumer_experience" },
    create: { key: "consumer_experience", name: "consumer_experience", status: "active" },
    update: { status: "active" },
  });
  // Created after tracing started, as `npm start` does: node:http's server spans cover it.
  listener = createEventListener(
    (_req, res) => res.writeHead(404).end(),
    () => edgeRuntime().deps,
  );
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => listener.close(resolve));
  await closeEdgeRuntime();
  await stopTracing();
});

describe("traces", () => {
  it("follows an inbound event from the edge's request through the inbox to the ticket it opened", async () => {
    await supportTeams();
    const city = await createCity();
    const eventId = `trace-${randomUUID()}`;
    const response = await fetch(`${listenerUrl}/api/operations/events`, {
      method: "POST",
      headers: {
        authorization: await bearer(["events:write"]),
        "content-type": "application/cloudevents+json",
      },
      body: JSON.stringify({
        specversion: "1.0",
        id: eventId,
        source: "consumer_experience",
        type: "OrderCancellationRequested",
        time: new Date().toISOString(),
        data: {
          orderId: `ord_${eventId}`,
          consumerId: `cus_${eventId}`,
          restaurantId: "res_1",
          cityCode: city.code,
          reason: "late_delivery",
          requestedAt: new Date().toISOString(),
        },
      }),
    });
    expect(response.status).toBe(202);
    const row = await db.inboundEvent.findUniqueOrThrow({
      where: { source_eventId: { source: "consumer_experience", eventId } },
    });
    const serverSpan = exporter
      .getFinishedSpans()
      .find((s) => s.spanContext().spanId === row.traceparent?.split("-")[2]);
    expect(serverSpan).toMatchObject({ kind: SpanKind.SERVER, name: "POST" });

    await drainInbox();
    const ticket = await db.ticket.findUniqueOrThrow({
      where: { externalId: `inbound:consumer_experience:${eventId}` },
    });
    const traceId = traceIdOf(row.traceparent)!;
    const processing = spansOf(traceId).find((s) => s.name === "hub.inbox process");
    expect(processing).toBeDefined();
    expect(parentOf(processing!)).toBe(serverSpan!.spanContext().spanId);
    expect(processing!.attributes).toMatchObject({
      "ops.inbound.type": "OrderCancellationRequested",
      "ops.ticket.id": ticket.id,
    });
    // The ticket's own event carries the trace on to whichever consumer hears it.
    const created = await db.domainEvent.findFirstOrThrow({
      where: { type: "TicketCreated", aggregateId: ticket.id },
    });
    expect(traceIdOf(created.traceparent)).toBe(traceId);
    // Prisma's queries of that processing are spans in the same trace.
    expect(spansOf(traceId).some((s) => s.name.startsWith("prisma:"))).toBe(true);
  });

  it("starts a consumer's span as the child of the span that recorded the event, naming the alert and ticket", async () => {
    await supportTeams();
    const city = await createCity();
    const alertId = randomUUID();
    const payload = {
      alertId,
      ruleId: randomUUID(),
      ruleName: "Delivery time above 45 min",
      metric: "avg_delivery_minutes",
      cityId: city.id,
      city: city.code,
      severity: "critical",
      value: 58,
      valueText: "58 min",
      metricLabel: { en: "Average delivery time", ja: "平均配達時間" },
      cityName: { en: "Testville", ja: "テスト市" },
      firedAt: new Date().toISOString(),
      followUps: { ticket: true, riskSignal: false },
    } satisfies AlertTriggeredPayload;
    const recordedIn = await inSpan("alert evaluation", {}, async () => {
      await db.$transaction((tx) =>
        recordEvent(tx, systemContext("traces-test"), {
          type: "AlertTriggered",
          aggregateType: "alert",
          aggregateId: alertId,
          payload,
        }),
      );
      return currentTraceparent()!;
    });
    const stored = await db.domainEvent.findFirstOrThrow({ where: { aggregateId: alertId } });
    expect(stored.traceparent).toBe(recordedIn);

    await drain("tickets.alert-tickets");
    const ticket = await db.ticket.findUniqueOrThrow({ where: { externalId: `alert:${alertId}` } });
    const consumer = spansOf(traceIdOf(recordedIn)!).find((s) => s.name === "tickets.alert-tickets process");
    expect(consumer).toBeDefined();
    expect(parentOf(consumer!)).toBe(recordedIn.split("-")[2]);
    expect(consumer!.attributes).toMatchObject({
      "ops.alert.id": alertId,
      "ops.ticket.id": ticket.id,
      "ops.event.type": "AlertTriggered",
      "ops.work.attempt": 1,
    });
  });

  it("names the ticket or risk case a service works on, even when it refuses the change", async () => {
    const [ticketId, caseId] = [randomUUID(), randomUUID()];
    await expect(
      inSpan("ticket change", {}, () =>
        changeTicket(db, contextFor(null), { id: ticketId, version: 1, change: { priority: "P1" } }),
      ),
    ).rejects.toThrow();
    await expect(
      inSpan("risk acknowledge", {}, () => acknowledgeCase(db, systemContext("traces-test"), { caseId })),
    ).rejects.toThrow("No risk case has this id.");
    const named = (name: string) => exporter.getFinishedSpans().find((s) => s.name === name)?.attributes;
    expect(named("ticket change")).toMatchObject({ "ops.ticket.id": ticketId });
    expect(named("risk acknowledge")).toMatchObject({ "ops.risk_case.id": caseId });
  });
});
