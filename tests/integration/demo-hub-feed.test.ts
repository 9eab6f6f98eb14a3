import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../server/auth/hash.ts";
import { getDb } from "../../server/db/client.ts";
import { closeEdgeRuntime } from "../../server/hub/edge/edge-runtime.ts";
import { DEMO_API_CLIENT } from "../../server/seed/demo-accounts.ts";
import { runDemoHubFeed } from "../../server/seed/demo-hub-feed.ts";
import { DEMO_EVENT_SOURCES } from "../../server/seed/event-sources.ts";

// The demo's other units send their events through the hub's own edge, as the demo integration client: stored,
// counted, answered as any sender's are.

const db = getDb();

describe("demo hub feed", () => {
  beforeAll(async () => {
    const { clientId, clientSecret, name, scopes } = DEMO_API_CLIENT;
    await db.apiClient.upsert({
      where: { clientId },
      create: { clientId, name, secretHash: sha256Hex(clientSecret), scopes: [...scopes] },
      update: {},
    });
    for (const source of DEMO_EVENT_SOURCES)
      await db.eventSource.upsert({
        where: { key: source.key },
        create: { key: source.key, name: source.name },
        update: { status: "active" },
      });
  });
  afterAll(closeEdgeRuntime);

  it("stores each tick's events through the edge, and the day's schema failure dead once", async () => {
    const first = await runDemoHubFeed(db, new Date());
    const second = await runDemoHubFeed(db, new Date());
    // The day's schema failure (422, first tick only), then each tick's batch (202).
    expect(first.statuses).toEqual([422, 202]);
    expect(second.statuses).toEqual([202]);
    const rows = await db.inboundEvent.findMany({
      where: { receivedVia: `bearer:${DEMO_API_CLIENT.clientId}` },
      select: { eventId: true, type: true, status: true, failureClass: true },
    });
    expect(rows).toHaveLength(1 + first.events + second.events);
    expect(rows.filter((row) => row.status === "dead")).toEqual([
      expect.objectContaining({ type: "OrderStatusUpdated", failureClass: "schema" }),
    ]);
    expect(rows.map((row) => row.type)).toContain("OrderCancellationRequested");
  });
});
