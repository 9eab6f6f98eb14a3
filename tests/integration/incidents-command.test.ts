import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { assignCommander } from "../../server/incidents/command.ts";
import { changeIncidentState, declareIncident } from "../../server/incidents/service.ts";
import { isAppError } from "../../server/lib/errors.ts";
import { fixedClock, userContext } from "../../server/lib/service-context.ts";
import { createUser } from "../support/fixtures.ts";

// Taking command: an incident without a commander (as correlation opens them) gets one at the version seen (409
// when stale), which acknowledges it for its respond target, recorded with audit; a commander who is no active
// user is a 400 naming commanderId, on declaring too; a resolved incident takes no new commander.

const db = getDb();
let lead: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  lead = await createUser(["city_manager", "admin"]);
});

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describe("taking command of an incident", () => {
  it("sets the commander at the version seen, acknowledging the incident once, audited", async () => {
    const declaredAt = new Date("2026-12-06T10:00:00Z");
    const incident = await declareIncident(db, userContext(lead, "declare", fixedClock(declaredAt)), {
      title: "Osaka couriers short",
      priority: "P1",
    });
    expect(incident.commanderId).toBeNull();
    const commander = await createUser(["city_manager"]);
    const takenAt = new Date("2026-12-06T10:05:00Z");
    const taken = await assignCommander(db, userContext(commander, "take", fixedClock(takenAt)), {
      incidentId: incident.id,
      commanderId: commander.id,
      expectedVersion: 1,
    });
    expect(taken).toMatchObject({ commanderId: commander.id, version: 2, acknowledgedAt: takenAt });

    const stale = await errorOf(
      assignCommander(db, userContext(lead, "stale"), {
        incidentId: incident.id,
        commanderId: lead.id,
        expectedVersion: 1,
      }),
    );
    expect(isAppError(stale) && stale.code).toBe("CONFLICT");

    // A hand-over keeps the first acknowledgement.
    const handedOver = await assignCommander(db, userContext(lead, "handover"), {
      incidentId: incident.id,
      commanderId: lead.id,
      expectedVersion: 2,
      reason: "Shift change",
    });
    expect(handedOver).toMatchObject({ commanderId: lead.id, acknowledgedAt: takenAt, version: 3 });
    const audit = await db.auditLog.findMany({
      where: { entityId: incident.id, action: "IncidentCommanderAssigned" },
      orderBy: { seq: "asc" },
    });
    expect(audit.map((a) => a.actorId)).toEqual([commander.id, lead.id]);
    const events = await db.domainEvent.findMany({
      where: { aggregateId: incident.id, type: "IncidentCommanderAssigned" },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => e.payload)).toMatchObject([
      { commanderId: commander.id, from: null },
      { commanderId: lead.id, from: commander.id, reason: "Shift change" },
    ]);
  });

  it("refuses a commander who is no active user (also on declaring) and a resolved incident", async () => {
    const ops = userContext(lead, "refusals");
    const unknown = randomUUID();
    const onDeclare = await errorOf(
      declareIncident(db, ops, { title: "Nobody in charge", priority: "P3", commanderId: unknown }),
    );
    expect(isAppError(onDeclare) && [onDeclare.code, onDeclare.details]).toEqual([
      "BAD_REQUEST",
      { field: "commanderId" },
    ]);
    const incident = await declareIncident(db, ops, { title: "Someone in charge", priority: "P3" });
    const onAssign = await errorOf(
      assignCommander(db, ops, { incidentId: incident.id, commanderId: unknown, expectedVersion: 1 }),
    );
    expect(isAppError(onAssign) && onAssign.details).toEqual({ field: "commanderId" });
    await changeIncidentState(db, ops, { incidentId: incident.id, to: "resolved", expectedVersion: 1 });
    const resolved = await errorOf(
      assignCommander(db, ops, { incidentId: incident.id, commanderId: lead.id, expectedVersion: 2 }),
    );
    expect(isAppError(resolved) && resolved.code).toBe("UNPROCESSABLE");
    expect(
      await db.domainEvent.count({ where: { aggregateId: incident.id, type: "IncidentCommanderAssigned" } }),
    ).toBe(0);
  });
});
