import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { correlateMemberEvent } from "../../server/incidents/correlation-consumer.ts";
import { saveCorrelationRule } from "../../server/incidents/rule-service.ts";
import { declareIncident } from "../../server/incidents/service.ts";
import { fixedClock, systemContext, userContext } from "../../server/lib/service-context.ts";
import { createUser } from "../support/fixtures.ts";
import { supportTeams } from "../support/tickets.ts";

// Response targets from the database's operations calendar (the support teams' Tokyo 09:00–18:00 week with its
// holidays): a P4 is due by day end of the next business day, declared by hand or opened by correlation; a P1
// stays on the wall clock.

const db = getDb();
/** A local Tokyo time as an instant. */
const jst = (local: string) => new Date(`${local}:00+09:00`);
let lead: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  await supportTeams();
  lead = await createUser(["city_manager", "admin"]);
});

describe("incident response targets on the operations calendar", () => {
  it("a P4 declared the day before a holiday is due the day after it, at day end", async () => {
    // Monday 2 November 2026; Tuesday 3 November (文化の日) is a holiday on the teams' calendar.
    const at = jst("2026-11-02T10:00");
    const p4 = await declareIncident(db, userContext(lead, "p4", fixedClock(at)), {
      title: "Menu photos missing for one restaurant",
      priority: "P4",
    });
    expect(p4.respondDueAt).toEqual(jst("2026-11-04T18:00"));
    expect(p4.mitigateDueAt).toEqual(jst("2026-11-10T18:00"));
    const p1 = await declareIncident(db, userContext(lead, "p1", fixedClock(at)), {
      title: "Ordering is down in Osaka",
      priority: "P1",
    });
    expect(p1.respondDueAt).toEqual(jst("2026-11-02T10:15"));
  });

  it("a P4 opened by correlation on a Friday evening is due Monday at day end", async () => {
    const name = `P4 courier tickets ${randomUUID()}`;
    const { id: ruleId } = await saveCorrelationRule(db, userContext(lead, "rule"), {
      name,
      definition: {
        key: "courier",
        windowMinutes: 30,
        maxWindowMinutes: 60,
        minCount: 1,
        minReporters: 1,
        members: [{ kind: "ticket", categories: ["courier_payout"] }],
        priority: "P4",
        title: "Payout questions from courier {key}",
      },
    });
    const friday = jst("2026-12-04T19:30");
    const courierId = `courier-${randomUUID()}`;
    const note = await correlateMemberEvent(
      db,
      systemContext("incidents.correlation", { clock: fixedClock(friday) }),
      {
        id: randomUUID(),
        seq: 1n,
        type: "TicketCreated",
        aggregateType: "ticket",
        aggregateId: randomUUID(),
        payload: { number: 1, category: "courier_payout", cityId: null, courierId, requesterKey: "c1" },
        occurredAt: friday,
        correlationId: randomUUID(),
      },
    );
    expect(note).toContain(`${name}: opened incident`);
    const incident = await db.incident.findFirstOrThrow({ where: { ruleId, courierId } });
    expect(incident.respondDueAt).toEqual(jst("2026-12-07T18:00"));
  });
});
