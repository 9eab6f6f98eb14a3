import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import type { EventType } from "../../server/events/types.ts";
import { addActionItem } from "../../server/incidents/action-items.ts";
import { followIncidentLifecycle } from "../../server/incidents/lifecycle-consumer.ts";
import { changeIncidentState, declareIncident } from "../../server/incidents/service.ts";
import { systemContext, userContext } from "../../server/lib/service-context.ts";
import { openActionItemTicket } from "../../server/tickets/incident-consumer.ts";
import { decideWorkflow } from "../../server/workflows/service.ts";
import { loadTemplateFiles } from "../../server/workflows/template-files.ts";
import { createRule } from "../support/alerts.ts";
import { drain } from "../support/backbone.ts";
import { createCity } from "../support/cities.ts";
import { createUser } from "../support/fixtures.ts";
import { supportTeams, trpcFor } from "../support/tickets.ts";
import { instancesBoundTo, produce, publishDefinition } from "../support/workflow-bindings.ts";

// An incident resolving starts its postmortem on the workflow engine, through the engine's trigger rules (the
// workflows.bindings consumer), once; the postmortem completing takes the incident to PostMortem through the
// incidents.lifecycle consumer. A member alert's recovery is marked on the incident once.

const db = getDb();
let lead: Awaited<ReturnType<typeof createUser>>;
let reviewer: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  const { templates } = await loadTemplateFiles();
  const postmortem = templates.find((t) => t.template.key === "incident_postmortem");
  await publishDefinition(postmortem?.template);
  await supportTeams();
  lead = await createUser(["city_manager", "admin"]);
  reviewer = await createUser(["risk_manager"]);
});

const eventsOf = (type: EventType, aggregateId: string) =>
  db.domainEvent.findMany({ where: { type, aggregateId }, orderBy: { seq: "asc" } });

/** A firing alert of a fresh rule in a fresh city, as the evaluator would have stored it. */
async function firingAlert() {
  const city = await createCity("Osaka");
  const rule = await createRule({ cityId: city.id });
  const now = new Date();
  const alert = await db.alert.create({
    data: {
      ruleId: rule.id,
      cityId: city.id,
      state: "firing",
      severity: "warning",
      pendingSince: now,
      firedAt: now,
      lastEvaluatedAt: now,
    },
  });
  return { ...alert, city };
}

/** An incident declared from an alert (a fresh one unless given), resolved at once. */
async function resolvedIncident(alertId?: string) {
  const ops = userContext(lead, "incident");
  const incident = await declareIncident(db, ops, {
    title: "Courier shortage in Osaka",
    priority: "P2",
    source: { kind: "alert", id: alertId ?? (await firingAlert()).id },
  });
  return changeIncidentState(db, ops, { incidentId: incident.id, to: "resolved", expectedVersion: 1 });
}

describe("incident postmortem and alert recovery", () => {
  it("resolving starts one postmortem; completing it takes the incident to its final state", async () => {
    const incident = await resolvedIncident();
    await drain("workflows.bindings");
    await drain("workflows.bindings");
    const [instance, ...more] = await instancesBoundTo("incident", incident.id);
    expect(more).toHaveLength(0);
    expect(instance?.template.key).toBe("incident_postmortem");
    expect(instance?.state).toBe("pending");
    expect(instance?.context).toMatchObject({ incidentNumber: incident.number, priority: "P2" });

    const act = (decision: Parameters<typeof decideWorkflow>[2]["decision"]) =>
      decideWorkflow(db, userContext(lead, "postmortem"), { instanceId: instance!.id, decision });
    await act({ type: "complete", stepKey: "timeline_export" });
    await act({
      type: "complete",
      stepKey: "contributing_factors",
      checked: ["detection", "causes", "impact"],
    });
    // Not done yet: the incident stays resolved while its postmortem runs.
    await drain("incidents.lifecycle");
    expect((await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).state).toBe("resolved");
    await act({ type: "complete", stepKey: "action_items" });
    // Someone who wrote it cannot approve it: a second person reviews.
    const done = await decideWorkflow(db, userContext(reviewer, "review"), {
      instanceId: instance!.id,
      decision: { type: "approve", stepKey: "review" },
    });
    expect(done.state).toBe("completed");

    await drain("incidents.lifecycle");
    const row = await db.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(row).toMatchObject({ state: "postmortem", version: incident.version + 1 });
    const moves = await eventsOf("IncidentStateChanged", incident.id);
    expect(moves.at(-1)?.payload).toMatchObject({
      from: "resolved",
      state: "postmortem",
      reason: "postmortem completed",
      workflowInstanceId: instance!.id,
    });
    // Its WorkflowCompleted again (a redelivery) moves nothing.
    const [completed] = await db.domainEvent.findMany({
      where: { type: "WorkflowCompleted", aggregateId: instance!.id },
    });
    const again = await followIncidentLifecycle(db, systemContext("incidents.lifecycle"), {
      ...completed!,
      type: "WorkflowCompleted",
    });
    expect(again).toContain("already");
    expect(await eventsOf("IncidentStateChanged", incident.id)).toHaveLength(moves.length);
  });

  it("a reopened incident is not closed by its postmortem completing", async () => {
    const incident = await resolvedIncident();
    await changeIncidentState(db, userContext(lead, "reopen"), {
      incidentId: incident.id,
      to: "investigating",
      expectedVersion: incident.version,
    });
    const note = await followIncidentLifecycle(db, systemContext("incidents.lifecycle"), {
      id: randomUUID(),
      seq: 1n,
      type: "WorkflowCompleted",
      aggregateType: "workflow",
      aggregateId: randomUUID(),
      occurredAt: new Date(),
      correlationId: randomUUID(),
      payload: {
        instanceId: randomUUID(),
        templateKey: "incident_postmortem",
        templateVersion: 1,
        boundType: "incident",
        boundId: incident.id,
        state: "completed",
        round: 1,
      },
    });
    expect(note).toContain("investigating: it stays");
    expect((await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).state).toBe("investigating");
  });

  it("marks a member alert recovered once and records it on the incident", async () => {
    const alert = await firingAlert();
    const alertId = alert.id;
    const incident = await resolvedIncident(alertId);
    const resolved = await produce(
      "AlertResolved",
      { type: "alert", id: alertId },
      { alertId, ruleId: alert.ruleId, cityId: alert.cityId, city: alert.city.code, state: "resolved" },
    );
    await drain("incidents.lifecycle");
    const member = await db.incidentMember.findFirstOrThrow({ where: { incidentId: incident.id } });
    expect(member.recoveredAt).toEqual(resolved.occurredAt);
    const [recovered, ...more] = await eventsOf("IncidentAlertRecovered", incident.id);
    expect(more).toHaveLength(0);
    expect(recovered?.payload).toMatchObject({ alertId, reason: "alert recovered" });
    const again = await followIncidentLifecycle(db, systemContext("incidents.lifecycle"), resolved);
    expect(again).toBe("alert recovered in 0 incidents");
    expect(await eventsOf("IncidentAlertRecovered", incident.id)).toHaveLength(1);
  });

  it("a postmortem action item becomes one internal ticket; an open incident takes none", async () => {
    const ops = userContext(lead, "actions");
    const open = await declareIncident(db, ops, { title: "Payments slow", priority: "P3" });
    const early = await addActionItem(db, ops, {
      incidentId: open.id,
      title: "Add a payment latency alert",
      description: "Page when p95 > 2 s",
      category: "payment",
    }).catch((error: unknown) => error);
    expect(early).toMatchObject({ code: "UNPROCESSABLE" });

    const incident = await resolvedIncident();
    const { itemId } = await addActionItem(db, ops, {
      incidentId: incident.id,
      title: "Add courier capacity alerts for Osaka",
      description: "Alert when utilization stays above 90 % for 15 min",
      category: "courier_payout",
      priority: "P2",
    });
    const [added] = await eventsOf("IncidentActionItemAdded", incident.id);
    expect(added?.payload).toMatchObject({ itemId, title: incident.title, priority: "P2" });
    await drain("tickets.incident-action-items");
    const ticket = await db.ticket.findUniqueOrThrow({ where: { externalId: `incident-action:${itemId}` } });
    expect(ticket).toMatchObject({
      subject: `[Incident #${incident.number}] Add courier capacity alerts for Osaka`,
      category: "courier_payout",
      priority: "P2",
      source: "internal",
    });
    // Over tRPC a category no ticket has is a 400 naming the field, and nothing is recorded.
    const refused = await trpcFor(lead)
      .incidents.addActionItem({
        incidentId: incident.id,
        title: "Fix it",
        description: "x",
        category: "misc" as never,
      })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "BAD_REQUEST" });
    expect(JSON.stringify(refused)).toContain("category");
    expect(await eventsOf("IncidentActionItemAdded", incident.id)).toHaveLength(1);
    // Redelivered: the same ticket, no second one.
    const again = await openActionItemTicket(
      db,
      systemContext("tickets.incident-action-items", { causationId: added!.id }),
      { ...added!, type: "IncidentActionItemAdded" },
    );
    expect(again).toContain("already had");
    expect(await db.ticket.count({ where: { externalId: `incident-action:${itemId}` } })).toBe(1);
  });
});
