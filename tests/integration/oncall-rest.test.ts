import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST as acknowledgeRoute } from "../../app/api/operations/escalations/[objectType]/[objectId]/acknowledge/route.ts";
import { GET as schedulesRoute } from "../../app/api/operations/oncall/schedules/route.ts";
import { getDb } from "../../server/db/client.ts";
import { recordEvent } from "../../server/events/record.ts";
import { issueClientCredentialsToken } from "../../server/integration/oauth.ts";
import { openApiDocument } from "../../server/integration/openapi/index.ts";
import { fixedClock, systemContext, userContext } from "../../server/lib/service-context.ts";
import { runOncallClock } from "../../server/oncall/clock.ts";
import { createSchedule } from "../../server/oncall/schedule-service.ts";
import { drain } from "../support/backbone.ts";
import { createApiClient, createUser } from "../support/fixtures.ts";
import { alertTriggeredPayload } from "../support/alert-payload.ts";

// REST on-call: GET /api/operations/oncall/schedules (oncall:read) and
// POST /api/operations/escalations/{objectType}/{objectId}/acknowledge (oncall:write), which ends every pending step.

const db = getDb();
const MINUTE = 60_000;

async function tokenWith(scopes: string[]) {
  const client = await createApiClient(scopes);
  return (await issueClientCredentialsToken(db, { ...client, scope: null })).access_token;
}

async function json(response: Response) {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const getSchedules = async (token: string) =>
  json(
    await schedulesRoute(
      new Request("http://localhost/api/operations/oncall/schedules", {
        headers: { authorization: `Bearer ${token}` },
      }),
      { params: Promise.resolve({}) },
    ),
  );

const acknowledge = async (token: string, objectType: string, objectId: string) =>
  json(
    await acknowledgeRoute(
      new Request(`http://localhost/api/operations/escalations/${objectType}/${objectId}/acknowledge`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
      }),
      { params: Promise.resolve({ objectType, objectId }) },
    ),
  );

async function criticalAlert() {
  const alertId = randomUUID();
  await db.$transaction((tx) =>
    recordEvent(tx, systemContext("oncall-rest-test"), {
      type: "AlertTriggered",
      aggregateType: "alert",
      aggregateId: alertId,
      payload: alertTriggeredPayload(new Date(), {
        alertId,
        ruleName: "Orders stalled",
        metric: "orders_per_minute",
        value: 0,
        valueText: "0/min",
        metricLabel: { en: "Orders", ja: "注文" },
      }),
    }),
  );
  await drain("oncall.alerts");
  return alertId;
}

describe("on-call REST", () => {
  it("lists who is on call now and next per schedule, with the oncall:read scope only", async () => {
    const admin = await createUser(["admin"]);
    const [first, second] = [await createUser(["support_agent"]), await createUser(["support_agent"])];
    const name = `REST rotation ${randomUUID()}`;
    await createSchedule(db, userContext(admin, "schedule", fixedClock(new Date())), {
      name,
      teamId: null,
      timezone: "Asia/Tokyo",
      layers: [
        {
          id: "primary",
          name: "Primary",
          kind: "daily",
          handoffMinute: 540,
          handoffWeekday: 1,
          startDate: "2026-01-01",
          endDate: null,
          participants: [first.id, second.id],
          restriction: null,
        },
      ],
    });
    const { status, body } = await getSchedules(await tokenWith(["oncall:read"]));
    expect(status).toBe(200);
    const schedules = body.schedules as {
      name: string;
      now: { userId: string } | null;
      next: { userId: string };
    }[];
    const mine = schedules.find((s) => s.name === name);
    expect(mine?.now?.userId).toBeDefined();
    expect([first.id, second.id]).toContain(mine?.now?.userId);
    expect(mine?.next.userId).not.toBe(mine?.now?.userId);

    expect((await getSchedules(await tokenWith(["tickets:read"]))).status).toBe(403);
  });

  it("acknowledging an alert's escalation stops its pending steps; again it acknowledges nothing", async () => {
    await createUser(["city_manager"]);
    const alertId = await criticalAlert();
    const [escalation] = await db.escalation.findMany({ where: { objectId: alertId } });
    // Live: still paging, or every level paged and waiting (a one-level policy) — both end on acknowledgement.
    expect(["active", "exhausted"]).toContain(escalation?.status);

    expect((await acknowledge(await tokenWith(["oncall:read"]), "alert", alertId)).status).toBe(403);
    const writer = await tokenWith(["oncall:write"]);
    const first = await acknowledge(writer, "alert", alertId);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ objectType: "alert", objectId: alertId, acknowledged: 1 });
    const acked = await db.escalation.findUniqueOrThrow({ where: { id: escalation!.id } });
    expect(acked).toMatchObject({ status: "acknowledged", acknowledgedVia: "api", nextStepAt: null });

    // The clock passing every timeout fires nothing more.
    const steps = () =>
      db.domainEvent.count({ where: { aggregateId: escalation!.id, type: "EscalationStepDue" } });
    const before = await steps();
    await runOncallClock(
      db,
      systemContext("oncall-test", { clock: fixedClock(new Date(Date.now() + 120 * MINUTE)) }),
    );
    expect(await steps()).toBe(before);

    const again = await acknowledge(writer, "alert", alertId);
    expect(again.body).toMatchObject({ acknowledged: 0, acknowledgedAt: null });
    expect((await acknowledge(writer, "spaceship", alertId)).status).toBe(404);
  });

  it("documents both operations with their scopes", () => {
    const document = openApiDocument() as {
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    expect(document.paths["/api/operations/oncall/schedules"]?.get?.security).toEqual([
      { oauth2: ["oncall:read"] },
    ]);
    expect(
      document.paths["/api/operations/escalations/{objectType}/{objectId}/acknowledge"]?.post?.security,
    ).toEqual([{ oauth2: ["oncall:write"] }]);
  });
});
