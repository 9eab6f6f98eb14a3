import { describe, expect, it } from "vitest";
import { checkCloudEvent, type EventChecks } from "../hub/edge/cloud-event.ts";
import { ALL_SOURCES } from "../hub/edge/test-fixtures.ts";
import { demoHubEvents, demoSchemaFailure, type CancelledOrders } from "./demo-hub-events.ts";
import { Rng } from "./random.ts";

const checks: EventChecks = {
  sources: ALL_SOURCES,
  signedBy: null,
  clientSources: [],
  receivedVia: "bearer:demo-integration",
  traceparent: null,
  mayHoldUnstorable: true,
  mayNestTooDeep: true,
};

describe("demoHubEvents", () => {
  const now = new Date("2026-12-07T09:00:00Z");

  it("sends only events the edge takes, a cancellation every two minutes, and later updates of those orders", () => {
    const rng = new Rng(7);
    const cancelled: CancelledOrders = [];
    const ticks = Array.from({ length: 240 }, (_, tick) => demoHubEvents(tick, now, rng, cancelled));
    const all = ticks.flat();
    for (const event of all) {
      const checked = checkCloudEvent(event, checks);
      expect(checked, event.type).toMatchObject({ kind: "store", schemaIssues: null });
    }
    const cancellations = all.filter((event) => event.type === "OrderCancellationRequested");
    expect(cancellations).toHaveLength(240 / 24);
    expect(ticks[0]!.map((event) => event.type)).toContain("OrderCancellationRequested");
    const cancelledIds = new Set(cancellations.map((event) => event.data.orderId));
    const updates = all.filter((event) => event.type === "OrderStatusUpdated");
    expect(updates).toHaveLength(240);
    expect(updates.filter((event) => cancelledIds.has(event.data.orderId)).length).toBeGreaterThan(40);
    expect(new Set(all.map((event) => event.id)).size).toBe(all.length);
    expect(cancelled.length).toBeLessThanOrEqual(20);
  });

  it("has one schema failure a day, which the edge stores dead", () => {
    const failure = demoSchemaFailure(now);
    expect(failure.id).toBe(demoSchemaFailure(new Date("2026-12-07T23:00:00Z")).id);
    const checked = checkCloudEvent(failure, checks);
    expect(checked).toMatchObject({ kind: "store", row: { status: "dead", failureClass: "schema" } });
  });
});
