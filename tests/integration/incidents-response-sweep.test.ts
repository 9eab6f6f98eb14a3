import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { runIncidentResponseSweep } from "../../server/incidents/response-sweep.ts";
import { changeIncidentState, declareIncident } from "../../server/incidents/service.ts";
import { fixedClock, systemContext, userContext } from "../../server/lib/service-context.ts";
import { createUser } from "../support/fixtures.ts";

// The incidents.response-sweep job: an incident nobody acknowledged in its P1 15 minutes is escalated once, however
// many sweeps run at the same moment; its missed mitigation target adds one more record, not a second move; an
// acknowledged incident is not escalated for its acknowledgement.

const db = getDb();
const MINUTE = 60_000;
let admin: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  admin = await createUser(["admin"]);
});

const sweepAt = (at: Date) =>
  runIncidentResponseSweep(db, systemContext("incidents.response-sweep", { clock: fixedClock(at) }));

async function declaredAt(at: Date, priority: "P1" | "P3") {
  return declareIncident(db, userContext(admin, "declare", fixedClock(at)), {
    title: `Feed down ${at.toISOString()}`,
    priority,
  });
}

const missed = (incidentId: string) =>
  db.domainEvent.findMany({
    where: { aggregateId: incidentId, type: "IncidentTargetMissed" },
    orderBy: { seq: "asc" },
  });

describe("incident response sweep", () => {
  it("escalates an unacknowledged P1 once, even with eight sweeps at the same moment", async () => {
    const declared = new Date(Date.now() - 20 * MINUTE);
    const incident = await declaredAt(declared, "P1");
    // Before its 15 minutes are up nothing happens.
    await sweepAt(new Date(declared.getTime() + 14 * MINUTE));
    expect(await missed(incident.id)).toHaveLength(0);

    const at = new Date(declared.getTime() + 20 * MINUTE);
    const runs = await Promise.all(Array.from({ length: 8 }, () => sweepAt(at)));
    expect(runs.reduce((sum, run) => sum + run.respond, 0)).toBeGreaterThanOrEqual(1);
    const [event, ...more] = await missed(incident.id);
    expect(more).toHaveLength(0);
    expect(event?.payload).toMatchObject({ target: "respond", state: "escalated", version: 2 });
    const row = await db.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(row).toMatchObject({
      state: "escalated",
      version: 2,
      respondEscalatedAt: at,
      acknowledgedAt: null,
    });
    const moved = await db.domainEvent.findMany({
      where: { aggregateId: incident.id, type: "IncidentStateChanged" },
    });
    expect(moved.map((e) => e.payload)).toEqual([
      expect.objectContaining({ from: "detected", state: "escalated" }),
    ]);
    expect(
      await db.auditLog.count({ where: { entityId: incident.id, action: "IncidentTargetMissed" } }),
    ).toBe(1);

    // A commander holding version 1 is refused; the first person to move it on acknowledges it.
    const stale = await changeIncidentState(db, userContext(admin, "triage"), {
      incidentId: incident.id,
      to: "investigating",
      expectedVersion: 1,
    }).catch((error: unknown) => error);
    expect(stale).toMatchObject({ code: "CONFLICT" });
    const taken = await changeIncidentState(db, userContext(admin, "take"), {
      incidentId: incident.id,
      to: "investigating",
      expectedVersion: 2,
    });
    expect(taken.acknowledgedAt).not.toBeNull();

    // Past the mitigation hour: one more record, and one move into Escalated again from investigating.
    const later = new Date(declared.getTime() + 61 * MINUTE);
    await Promise.all([sweepAt(later), sweepAt(later)]);
    const events = await missed(incident.id);
    expect(events.map((e) => (e.payload as { target: string }).target)).toEqual(["respond", "mitigate"]);
    expect(await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).toMatchObject({
      state: "escalated",
      version: 4,
      mitigateEscalatedAt: later,
    });
    await sweepAt(new Date(declared.getTime() + 200 * MINUTE));
    expect(await missed(incident.id)).toHaveLength(2);
  });

  it("does not escalate an acknowledged incident for its acknowledgement, nor a resolved one at all", async () => {
    const declared = new Date(Date.now() - 30 * MINUTE);
    const acknowledged = await declaredAt(declared, "P1");
    await changeIncidentState(
      db,
      userContext(admin, "ack", fixedClock(new Date(declared.getTime() + 5 * MINUTE))),
      {
        incidentId: acknowledged.id,
        to: "triaged",
        expectedVersion: 1,
      },
    );
    const resolved = await declaredAt(declared, "P1");
    await changeIncidentState(db, userContext(admin, "fix"), {
      incidentId: resolved.id,
      to: "resolved",
      expectedVersion: 1,
    });
    await sweepAt(new Date(declared.getTime() + 30 * MINUTE));
    expect(await missed(acknowledged.id)).toHaveLength(0);
    expect(await missed(resolved.id)).toHaveLength(0);
    expect((await db.incident.findUniqueOrThrow({ where: { id: acknowledged.id } })).state).toBe("triaged");
  });
});
