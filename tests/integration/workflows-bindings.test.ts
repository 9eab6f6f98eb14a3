import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createRule } from "../support/alerts.ts";
import { drain } from "../support/backbone.ts";
import { createCity } from "../support/cities.ts";
import { createUser } from "../support/fixtures.ts";
import { contextFor, newTicket, supportTeams } from "../support/tickets.ts";
import {
  completeBySystem,
  firingPlan,
  instanceState,
  PLAN_TASKS,
  recoveryState,
} from "../support/workflow-plans.ts";
import {
  alertResolved,
  alertTriggered,
  instancesBoundTo,
  produce,
  publishDefinition,
  publishRepositoryTemplates,
  systemAt,
} from "../support/workflow-bindings.ts";
import { getDb } from "../../server/db/client.ts";
import type { DeliveredEvent } from "../../server/events/delivered-event.ts";
import { userContext } from "../../server/lib/service-context.ts";
import { updateTicket } from "../../server/tickets/service.ts";
import { startWorkflow } from "../../server/workflows/service.ts";
import { runWorkflowClock } from "../../server/workflows/bindings/clock.ts";
import { moveWorkflowsOnBoundEvents } from "../../server/workflows/bindings/consumer.ts";

// Workflows bound to tickets, risk cases and alerts: trigger rules start them (once, however often the event is
// delivered), the bound object's changes move their steps, its closing ends them by the template's rule, and a
// response plan finishes only once the city has stayed recovered.

const db = getDb();
const CONSUMER = "workflows.bindings";
const MINUTE = 60_000;
let templateIds: Map<string, string>;

const redeliver = (event: DeliveredEvent) =>
  moveWorkflowsOnBoundEvents(db, systemAt(undefined, CONSUMER), event);

const eventsOf = (instanceId: string, type: string) =>
  db.domainEvent.findMany({ where: { aggregateId: instanceId, type }, orderBy: { seq: "asc" } });

beforeAll(async () => {
  templateIds = await publishRepositoryTemplates();
  await supportTeams();
  // People the templates' candidates resolve to.
  await createUser(["support_agent"]);
  await createUser(["risk_manager"]);
  await createUser(["risk_manager"]);
  await createUser(["city_manager"]);
  await createUser(["admin"]);
  await drain(CONSUMER);
});

describe("auto-start triggers", () => {
  it("a courier_safety ticket starts the safety workflow once; redelivery starts nothing", async () => {
    const ticket = await newTicket({ category: "courier_safety", priority: "P1" });
    const other = await newTicket({ category: "delivery_delay" });
    await drain(CONSUMER);
    const [started, ...more] = await instancesBoundTo("ticket", ticket.id);
    expect(more).toHaveLength(0);
    expect(started?.template.key).toBe("courier_safety_incident");
    expect(started?.state).toBe("pending");
    expect(started?.startedById).toBeNull();
    expect(started?.steps.map((s) => [s.key, s.state])).toEqual([
      ["contact_courier", "active"],
      ["secure_safety", "blocked"],
      ["incident_report", "blocked"],
      ["ticket_resolved", "blocked"],
    ]);
    expect(started?.steps[0]?.ownerIds.length).toBeGreaterThan(0);
    expect(await eventsOf(started!.id, "WorkflowInitiated")).toHaveLength(1);
    expect(await instancesBoundTo("ticket", other.id)).toHaveLength(0);

    const created = await db.domainEvent.findFirstOrThrow({
      where: { aggregateId: ticket.id, type: "TicketCreated" },
    });
    const note = await redeliver({ ...created, type: "TicketCreated" });
    expect(note).toContain("started already");
    await Promise.all([
      redeliver({ ...created, type: "TicketCreated" }),
      redeliver({ ...created, type: "TicketCreated" }),
    ]);
    expect(await instancesBoundTo("ticket", ticket.id)).toHaveLength(1);
    expect(await db.workflowTriggerStart.count({ where: { subjectId: ticket.id } })).toBe(1);
  });

  it("a critical account_takeover case starts the takeover workflow once, detected or escalated", async () => {
    const caseId = randomUUID();
    const lowCase = randomUUID();
    const detected = await produce(
      "RiskDetected",
      { type: "risk_case", id: caseId },
      { number: 1, type: "account_takeover", level: "critical", score: 95 },
    );
    await produce(
      "RiskEscalated",
      { type: "risk_case", id: caseId },
      { number: 1, type: "account_takeover", level: "critical", target: "risk_lead" },
    );
    await produce(
      "RiskDetected",
      { type: "risk_case", id: lowCase },
      { number: 2, type: "account_takeover", level: "medium", score: 40 },
    );
    await drain(CONSUMER);
    await redeliver(detected);
    const instances = await instancesBoundTo("risk_case", caseId);
    expect(instances.map((i) => i.template.key)).toEqual(["account_takeover_mitigation"]);
    expect(instances[0]?.steps[0]).toMatchObject({ key: "revoke_sessions", state: "active" });
    expect(await instancesBoundTo("risk_case", lowCase)).toHaveLength(0);
  });

  it("an alert whose rule names a response plan starts that plan, bound to the alert", async () => {
    const city = await createCity(`Plan city ${randomUUID().slice(0, 6)}`);
    const rule = await createRule({ cityId: city.id, responsePlanId: templateIds.get("courier_shortage") });
    const bare = await createRule({ cityId: city.id });
    const alertId = randomUUID();
    const fired = await alertTriggered(alertId, rule, city.id);
    const bareAlert = randomUUID();
    await alertTriggered(bareAlert, bare, city.id);
    await drain(CONSUMER);
    await redeliver(fired);
    const [plan, ...more] = await instancesBoundTo("alert", alertId);
    expect(more).toHaveLength(0);
    expect(plan?.template.key).toBe("courier_shortage");
    expect(plan?.context).toMatchObject({ ruleId: rule.id, cityId: city.id });
    expect(await instancesBoundTo("alert", bareAlert)).toHaveLength(0);
  });
});

describe("bound objects move and end their workflows", () => {
  it("resolving the ticket completes its safety workflow by the template's rule, with the reason", async () => {
    const ticket = await newTicket({ category: "courier_safety", priority: "P1" });
    await drain(CONSUMER);
    const [instance] = await instancesBoundTo("ticket", ticket.id);
    await updateTicket(db, contextFor(null), { id: ticket.id, version: ticket.version, status: "resolved" });
    await drain(CONSUMER);
    const after = await db.workflowInstance.findUniqueOrThrow({ where: { id: instance!.id } });
    expect(after.state).toBe("completed");
    expect(after.endedReason).toBe("bound ticket resolved");
    expect(await eventsOf(instance!.id, "WorkflowCompleted")).toHaveLength(1);
  });

  it("a ticket resolved while its workflow waits for that resolution finishes the wait step itself", async () => {
    const ticket = await newTicket({ category: "courier_safety", priority: "P1" });
    await drain(CONSUMER);
    const [instance] = await instancesBoundTo("ticket", ticket.id);
    await completeBySystem(instance!.id, "contact_courier");
    await completeBySystem(instance!.id, "secure_safety", [
      "emergency_services",
      "order_reassigned",
      "courier_paused",
    ]);
    await completeBySystem(instance!.id, "incident_report");
    await updateTicket(db, contextFor(null), { id: ticket.id, version: ticket.version, status: "resolved" });
    await drain(CONSUMER);
    const [after] = await instancesBoundTo("ticket", ticket.id);
    expect(after?.state).toBe("completed");
    expect(after?.endedReason).toBeNull();
    expect(after?.steps.find((s) => s.key === "ticket_resolved")?.state).toBe("done");
  });

  it("closing the risk case cancels its takeover workflow (its rule) and redelivery changes nothing", async () => {
    const caseId = randomUUID();
    await produce(
      "RiskDetected",
      { type: "risk_case", id: caseId },
      { number: 3, type: "account_takeover", level: "critical", score: 90 },
    );
    await drain(CONSUMER);
    const closed = await produce(
      "CaseClosed",
      { type: "risk_case", id: caseId },
      { number: 3, resolution: "false_positive", note: null, score: 90, level: "critical" },
    );
    await drain(CONSUMER);
    await redeliver(closed);
    const [instance] = await instancesBoundTo("risk_case", caseId);
    expect(instance?.state).toBe("cancelled");
    expect(instance?.endedReason).toBe("bound risk case closed");
    expect(instance?.steps.every((s) => s.state === "cancelled")).toBe(true);
    expect(await eventsOf(instance!.id, "WorkflowCancelled")).toHaveLength(1);
  });
});

describe("a ticket's status change moves the step waiting for it", () => {
  it("a PATCH that sets the status a step waits for advances it; another status does not", async () => {
    const key = `status_wait_${randomUUID().slice(0, 8)}`;
    await publishDefinition({
      key,
      name: "Wait for the customer",
      nameJa: "お客様の返信待ち",
      version: "1",
      bindings: ["ticket"],
      steps: [
        {
          key: "customer_asked",
          kind: "wait_for_event",
          title: "Ticket set to pending",
          titleJa: "保留に設定",
          event: { type: "TicketStatusUpdated", match: { ticketId: "$bound", to: "pending" } },
        },
        {
          key: "follow_up",
          kind: "task",
          title: "Follow up",
          titleJa: "フォロー",
          candidates: { assignee: "initiator" },
        },
      ],
    });
    const agent = await createUser(["support_agent"]);
    const ticket = await newTicket({ category: "delivery_delay" });
    const started = await startWorkflow(db, userContext(agent, `test-${randomUUID()}`), {
      templateKey: key,
      bound: { type: "ticket", id: ticket.id },
    });
    const open = await updateTicket(db, contextFor(null), {
      id: ticket.id,
      version: ticket.version,
      status: "open",
    });
    await drain(CONSUMER);
    const stepsOf = async () =>
      (await instancesBoundTo("ticket", ticket.id))
        .find((i) => i.id === started.id)!
        .steps.map((s) => s.state);
    expect(await stepsOf()).toEqual(["active", "blocked"]);
    await updateTicket(db, contextFor(null), { id: ticket.id, version: open.version, status: "pending" });
    await drain(CONSUMER);
    expect(await stepsOf()).toEqual(["done", "active"]);
  });
});

describe("a response plan waits for the city to recover", () => {
  it("finishes only after the alert has stayed resolved for 15 minutes", async () => {
    const { city, rule, alertId, planId } = await firingPlan(templateIds.get("courier_shortage"));
    for (const step of PLAN_TASKS) await completeBySystem(planId, step);
    await drain(CONSUMER);
    expect(await recoveryState(planId)).toBe("active");

    const resolvedAt = Date.now();
    await alertResolved(alertId, rule, city.id);
    await drain(CONSUMER);
    expect(await instanceState(planId)).toBe("in_progress");
    expect(await recoveryState(planId)).toBe("holding");

    await runWorkflowClock(db, systemAt(new Date(resolvedAt + 10 * MINUTE)));
    expect(await instanceState(planId)).toBe("in_progress");
    const done = await runWorkflowClock(db, systemAt(new Date(resolvedAt + 16 * MINUTE)));
    expect(done.moved).toBeGreaterThanOrEqual(1);
    expect(await instanceState(planId)).toBe("completed");
    expect(await recoveryState(planId)).toBe("done");
    expect(await eventsOf(planId, "WorkflowCompleted")).toHaveLength(1);
  });

  it("an alert resolved before the plan's tasks are done holds once they are", async () => {
    const { city, rule, alertId, planId } = await firingPlan(templateIds.get("courier_shortage"));
    await completeBySystem(planId, PLAN_TASKS[0]!);
    await alertResolved(alertId, rule, city.id);
    await drain(CONSUMER);
    // The closing alert does not end a plan that must see the recovery held.
    expect(await instanceState(planId)).toBe("in_progress");
    expect(await recoveryState(planId)).toBe("blocked");

    for (const step of PLAN_TASKS.slice(1)) await completeBySystem(planId, step);
    await drain(CONSUMER);
    expect(await recoveryState(planId)).toBe("holding");
  });
});
