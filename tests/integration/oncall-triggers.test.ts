import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import type { AlertTriggeredPayload } from "../../server/events/payloads.ts";
import { escalationStepDuePayload } from "../../server/events/payloads.ts";
import { recordEvent } from "../../server/events/record.ts";
import type { EventType } from "../../server/events/types.ts";
import { fixedClock, systemContext, userContext } from "../../server/lib/service-context.ts";
import { runOncallClock } from "../../server/oncall/clock.ts";
import { FIRST_RESPONSE_WARNING_MINUTES } from "../../server/oncall/default-policies.ts";
import { createSchedule } from "../../server/oncall/schedule-service.ts";
import { assignToMe, updateTicket } from "../../server/tickets/service.ts";
import { runSlaSweep } from "../../server/tickets/sla-sweep.ts";
import type { SessionUser } from "../../server/auth/repository.ts";
import { alertTriggeredPayload } from "../support/alert-payload.ts";
import { drain } from "../support/backbone.ts";
import { createUser } from "../support/fixtures.ts";
import { freshAgents, newTicket, supportTeams, teamMember } from "../support/tickets.ts";

// The triggers as backbone consumers of the console's own events: a P1 ticket nearing its first-response
// deadline pages the team's on-call and a person taking it on acknowledges; an SLA breach pages the team lead;
// critical risk cases and city alerts page by policy; resolutions and provider acknowledgements end escalations.
// Each handler runs again on redelivery without a second escalation.

const db = getDb();
// Monday 11:00 in Tokyo, inside the test teams' business hours.
const T = new Date("2026-03-02T02:00:00Z");
const MINUTE = 60_000;
const job = (now: Date) => systemContext("oncall-test", { clock: fixedClock(now) });

const escalationsOf = (objectId: string) =>
  db.escalation.findMany({ where: { objectId }, orderBy: { startedAt: "asc" } });

async function pagedUsers(escalationId: string) {
  const rows = await db.domainEvent.findMany({
    where: { aggregateId: escalationId, type: "EscalationStepDue" },
    orderBy: { seq: "asc" },
  });
  return rows.map((row) => escalationStepDuePayload.parse(row.payload).recipients.map((r) => r.userId));
}

async function record(type: EventType, aggregateType: string, aggregateId: string, payload: object) {
  return db.$transaction((tx) =>
    recordEvent(tx, systemContext("oncall-test"), {
      type,
      aggregateType,
      aggregateId,
      payload: payload as never,
    }),
  );
}

const alertPayload = (overrides: Partial<AlertTriggeredPayload> = {}) => alertTriggeredPayload(T, overrides);

/** A daily Tokyo rotation of the consumer team with one participant. */
function consumerSchedule(teamId: string, admin: SessionUser, participant: string) {
  return createSchedule(db, userContext(admin, "schedule", fixedClock(T)), {
    name: `Consumer support ${randomUUID()}`,
    teamId,
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
        participants: [participant],
        restriction: null,
      },
    ],
  });
}

describe("on-call triggers", () => {
  it("pages the team's on-call as a P1 ticket's first response nears; a person taking it acknowledges", async () => {
    const teams = await supportTeams();
    await freshAgents("consumer", 1, 100);
    const onCall = await teamMember("consumer");
    const admin = await createUser(["admin"]);
    await consumerSchedule(teams.consumer, admin, onCall.id);
    const ticket = await newTicket({ priority: "P1" }, T);
    await drain("oncall.tickets");
    await drain("oncall.tickets");
    const watch = await db.oncallWatch.findUniqueOrThrow({
      where: { objectType_objectId: { objectType: "ticket", objectId: ticket.id } },
    });
    const due = await db.ticket.findUniqueOrThrow({
      where: { id: ticket.id },
      select: { firstResponseDueAt: true },
    });
    expect(watch.checkAt).toEqual(
      new Date(due.firstResponseDueAt!.getTime() - FIRST_RESPONSE_WARNING_MINUTES * MINUTE),
    );
    expect(watch.severity).toBe("critical");

    // Before the check is due nothing happens; when it is, the team's on-call is paged, once.
    await runOncallClock(db, job(new Date(watch.checkAt!.getTime() - 1)));
    expect(await escalationsOf(ticket.id)).toHaveLength(0);
    await Promise.all([runOncallClock(db, job(watch.checkAt!)), runOncallClock(db, job(watch.checkAt!))]);
    const [escalation] = await escalationsOf(ticket.id);
    expect(escalation?.triggerKey).toBe(`ticket.first_response:${ticket.id}`);
    expect(await pagedUsers(escalation!.id)).toEqual([[onCall.id]]);
    expect(await escalationsOf(ticket.id)).toHaveLength(1);

    // The paged person takes it on by hand: that acknowledges (routing's own assignment did not).
    await assignToMe(db, userContext(onCall, "take", fixedClock(watch.checkAt!)), {
      id: ticket.id,
      version: (await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).version,
    });
    await drain("oncall.tickets");
    const acked = await db.escalation.findUniqueOrThrow({ where: { id: escalation!.id } });
    expect(acked.status).toBe("acknowledged");
    expect(acked.acknowledgedById).toBe(onCall.id);
    await runOncallClock(db, job(new Date(watch.checkAt!.getTime() + 60 * MINUTE)));
    expect(await pagedUsers(escalation!.id)).toHaveLength(1);
  });

  it("pages the team lead when a P2 ticket breaches its SLA (the sweep's events reach the consumer)", async () => {
    const teams = await supportTeams();
    await freshAgents("consumer", 1, 100);
    const lead = await teamMember("consumer");
    await db.team.update({ where: { id: teams.consumer }, data: { leadId: lead.id } });
    const ticket = await newTicket({ priority: "P2" }, T);
    await drain("oncall.tickets");
    await runSlaSweep(
      db,
      systemContext("sla-sweep", { clock: fixedClock(new Date(T.getTime() + 3 * 3_600_000)) }),
    );
    await drain("oncall.tickets");
    await drain("oncall.tickets");
    const breach = (await escalationsOf(ticket.id)).filter((e) =>
      e.triggerKey.startsWith("ticket.sla_breach:"),
    );
    expect(breach.map((e) => e.triggerKey)).toEqual([`ticket.sla_breach:${ticket.id}:first_response`]);
    expect(await pagedUsers(breach[0]!.id)).toEqual([[lead.id]]);
  });

  it("a P3 ticket is not watched", async () => {
    const ticket = await newTicket({ priority: "P3" }, T);
    await drain("oncall.tickets");
    expect(
      await db.oncallWatch.findUnique({
        where: { objectType_objectId: { objectType: "ticket", objectId: ticket.id } },
      }),
    ).toBeNull();
  });

  it("a critical alert pages the city managers once however often it is delivered; resolving ends it", async () => {
    const manager = await createUser(["city_manager"]);
    const alert = alertPayload();
    await record("AlertTriggered", "alert", alert.alertId, alert);
    await drain("oncall.alerts");
    // A redelivery of the same event (the backbone delivers at least once) starts nothing new.
    await record("AlertTriggered", "alert", alert.alertId, alert);
    await drain("oncall.alerts");
    const [escalation, ...more] = await escalationsOf(alert.alertId);
    expect(more).toHaveLength(0);
    expect((await pagedUsers(escalation!.id))[0]).toContain(manager.id);
    await record("AlertResolved", "alert", alert.alertId, { alertId: alert.alertId });
    await drain("oncall.alerts");
    expect((await db.escalation.findUniqueOrThrow({ where: { id: escalation!.id } })).status).toBe(
      "resolved",
    );
  });

  it("a warning alert pages nobody until a policy is routed to it", async () => {
    const alert = alertPayload({ severity: "warning" });
    await record("AlertTriggered", "alert", alert.alertId, alert);
    await drain("oncall.alerts");
    expect(await escalationsOf(alert.alertId)).toHaveLength(0);
  });

  it("an acknowledgement from the notification side (PagerDuty) acknowledges the escalation", async () => {
    const responder = await createUser(["city_manager"]);
    const alert = alertPayload();
    await record("AlertTriggered", "alert", alert.alertId, alert);
    await drain("oncall.alerts");
    const [escalation] = await escalationsOf(alert.alertId);
    await record("NotificationAcknowledged", "escalation", escalation!.id, {
      objectType: "alert",
      objectId: alert.alertId,
      escalationId: escalation!.id,
      userId: responder.id,
      via: "pagerduty",
      at: new Date(T.getTime() + 2 * MINUTE).toISOString(),
    });
    await drain("oncall.acknowledgements");
    const acked = await db.escalation.findUniqueOrThrow({ where: { id: escalation!.id } });
    expect(acked).toMatchObject({
      status: "acknowledged",
      acknowledgedById: responder.id,
      acknowledgedVia: "pagerduty",
    });
  });

  it("a critical risk case the risk job escalated pages the risk managers; acknowledging the case ends it", async () => {
    const manager = await createUser(["risk_manager"]);
    const caseId = randomUUID();
    await record("RiskEscalated", "risk_case", caseId, {
      number: 42,
      level: "critical",
      target: "oncall_admin",
      channel: "pagerduty",
      openedAt: T.toISOString(),
    });
    await drain("oncall.risk");
    const [escalation] = await escalationsOf(caseId);
    expect((await pagedUsers(escalation!.id))[0]).toContain(manager.id);
    await record("RiskAcknowledged", "risk_case", caseId, {
      acknowledgedAt: T.toISOString(),
      ownerId: manager.id,
    });
    await drain("oncall.risk");
    expect((await db.escalation.findUniqueOrThrow({ where: { id: escalation!.id } })).status).toBe(
      "acknowledged",
    );
  });

  it("a critical risk case pages the risk managers when detected; the risk job's later escalation adds none", async () => {
    const manager = await createUser(["risk_manager"]);
    const caseId = randomUUID();
    const detected = {
      number: 43,
      type: "account_takeover",
      subjectType: "customer",
      subjectId: "c-1",
      score: 95,
    };
    await record("RiskDetected", "risk_case", caseId, {
      ...detected,
      level: "critical",
      ruleSetVersion: 1,
      sourceEventIds: [],
    });
    await drain("oncall.risk");
    const [escalation] = await escalationsOf(caseId);
    expect(escalation?.triggerKey).toMatch(/^risk:/);
    expect(escalation?.severity).toBe("critical");
    expect((await pagedUsers(escalation!.id))[0]).toContain(manager.id);

    await record("RiskEscalated", "risk_case", caseId, {
      number: 43,
      level: "critical",
      target: "oncall_admin",
      channel: "pagerduty",
      openedAt: T.toISOString(),
    });
    await drain("oncall.risk");
    expect(await escalationsOf(caseId)).toHaveLength(1);

    // A case detected at a lower level waits for the risk job.
    const highCase = randomUUID();
    await record("RiskDetected", "risk_case", highCase, {
      ...detected,
      level: "high",
      ruleSetVersion: 1,
      sourceEventIds: [],
    });
    await drain("oncall.risk");
    expect(await escalationsOf(highCase)).toHaveLength(0);
  });

  it("a ticket status the system changes does not acknowledge its escalation; a person's change does", async () => {
    const teams = await supportTeams();
    await freshAgents("consumer", 1, 100);
    const lead = await teamMember("consumer");
    await consumerSchedule(teams.consumer, await createUser(["admin"]), lead.id);
    const ticket = await newTicket({ priority: "P1" }, T);
    await drain("oncall.tickets");
    const watch = await db.oncallWatch.findUniqueOrThrow({
      where: { objectType_objectId: { objectType: "ticket", objectId: ticket.id } },
    });
    await runOncallClock(db, job(watch.checkAt!));
    const [escalation] = await escalationsOf(ticket.id);
    expect(escalation?.status).toBe("active");
    const version = async () => (await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).version;

    await updateTicket(db, systemContext("automation", { clock: fixedClock(watch.checkAt!) }), {
      id: ticket.id,
      version: await version(),
      status: "open",
    });
    await drain("oncall.tickets");
    expect((await db.escalation.findUniqueOrThrow({ where: { id: escalation!.id } })).status).toBe("active");

    await updateTicket(db, userContext(lead, "status", fixedClock(watch.checkAt!)), {
      id: ticket.id,
      version: await version(),
      status: "pending",
    });
    await drain("oncall.tickets");
    const acked = await db.escalation.findUniqueOrThrow({ where: { id: escalation!.id } });
    expect(acked.status).toBe("acknowledged");
    expect(acked.acknowledgedVia).toBe("console");
  });
});
