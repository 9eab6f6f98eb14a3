import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { escalateOverdueRiskCases } from "../../server/risk/escalate.ts";
import { ingestSignals } from "../../server/risk/ingest.ts";
import { createUser } from "../support/fixtures.ts";
import { callerFor, createTicket, newSubjectId, refundSignal, riskTestContext } from "../support/risk.ts";

const db = getDb();
const MINUTE_MS = 60_000;

async function newCase(subjectId = newSubjectId(), now = new Date()) {
  const [result] = await ingestSignals(db, riskTestContext(now), { signals: [refundSignal(subjectId)] });
  return result?.caseId ?? "";
}

const eventTypes = async (caseId: string) =>
  (await db.domainEvent.findMany({ where: { aggregateId: caseId }, orderBy: { seq: "asc" } })).map(
    (e) => e.type,
  );

describe("mitigating a risk case", () => {
  it("plans, starts and completes an action, closes the case, and releases the subject for a new case", async () => {
    const subjectId = newSubjectId();
    const caseId = await newCase(subjectId);
    const manager = await createUser(["risk_manager"]);
    const api = callerFor(manager).risk;

    const planned = await api.addAction({ caseId, action: { kind: "refund_review" } });
    expect(planned).toMatchObject({ status: "todo", owner: { id: manager.id } });
    await expect(api.close({ caseId, resolution: "mitigated" })).rejects.toMatchObject({ code: "CONFLICT" });

    await api.startAction({ caseId, actionId: planned.id });
    expect(await db.riskCase.findUnique({ where: { id: caseId } })).toMatchObject({
      status: "mitigating",
      acknowledgedAt: expect.any(Date),
    });
    await expect(api.startAction({ caseId, actionId: planned.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const done = await api.completeAction({ caseId, actionId: planned.id, result: "Refunds reviewed" });
    expect(done).toMatchObject({ status: "completed", result: "Refunds reviewed" });

    await api.close({ caseId, resolution: "mitigated", note: "Refund pattern stopped." });
    const closed = await db.riskCase.findUnique({ where: { id: caseId } });
    expect(closed).toMatchObject({
      status: "closed",
      resolution: "mitigated",
      openKey: null,
      closedAt: expect.any(Date),
    });
    await expect(api.close({ caseId, resolution: "mitigated" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(api.addAction({ caseId, action: { kind: "refund_review" } })).rejects.toMatchObject({
      code: "CONFLICT",
    });

    expect(await eventTypes(caseId)).toEqual([
      "RiskDetected",
      "MitigationPlanned",
      "MitigationStarted",
      "MitigationCompleted",
      "CaseClosed",
    ]);
    const history = await api.history({ caseId });
    expect(history.items.map((e) => e.action)).toEqual([
      "CaseClosed",
      "MitigationCompleted",
      "MitigationStarted",
      "MitigationPlanned",
      "RiskDetected",
    ]);
    expect(history.items[0]).toMatchObject({ actorId: manager.id, actorName: manager.name });

    expect(await newCase(subjectId)).not.toBe(caseId);
  });

  it("asks for a note on false positives and names the field", async () => {
    const caseId = await newCase();
    const api = callerFor(await createUser(["risk_manager"])).risk;
    await expect(api.close({ caseId, resolution: "false_positive" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^note:/),
    });
    await expect(api.close({ caseId, resolution: "mitigated" })).rejects.toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
    });
    await api.close({ caseId, resolution: "false_positive", note: "Known reseller, refunds agreed." });
    expect(await db.riskCase.findUnique({ where: { id: caseId }, select: { resolution: true } })).toEqual({
      resolution: "false_positive",
    });
  });

  it("cancels an action that is not finished, and not one that is", async () => {
    const caseId = await newCase();
    const api = callerFor(await createUser(["risk_manager"])).risk;
    const action = await api.addAction({ caseId, action: { kind: "freeze_refunds" }, start: true });
    await api.cancelAction({ caseId, actionId: action.id, note: "Duplicate of the card block" });
    await expect(api.cancelAction({ caseId, actionId: action.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(api.completeAction({ caseId, actionId: action.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("acknowledges once and takes ownership", async () => {
    const caseId = await newCase();
    const manager = await createUser(["risk_manager"]);
    const first = await callerFor(manager).risk.acknowledge({ caseId });
    const second = await callerFor(await createUser(["risk_manager"])).risk.acknowledge({ caseId });
    expect(first).toEqual({ acknowledgedAt: expect.any(Date), changed: true });
    expect(second).toEqual({ ...first, changed: false });
    expect(await db.riskCase.findUnique({ where: { id: caseId }, select: { ownerId: true } })).toEqual({
      ownerId: manager.id,
    });
    expect((await eventTypes(caseId)).filter((t) => t === "RiskAcknowledged")).toHaveLength(1);
  });
});

describe("escalation of unacknowledged critical cases", () => {
  async function criticalCase(openedAt: Date) {
    const subjectId = newSubjectId();
    const signals = Array.from({ length: 3 }, () =>
      refundSignal(subjectId, {
        attributes: { refundCount24h: 4, amountJpy: 12_000, accountAgeDays: 3 },
        observedAt: openedAt,
      }),
    );
    const [result] = await ingestSignals(db, riskTestContext(openedAt), { signals });
    expect(result?.level).toBe("critical");
    return result?.caseId ?? "";
  }

  it("escalates once, after the deadline, even when runs overlap", async () => {
    const openedAt = new Date(Date.now() - 60 * MINUTE_MS);
    const overdue = await criticalCase(openedAt);
    const acknowledged = await criticalCase(openedAt);
    await callerFor(await createUser(["risk_manager"])).risk.acknowledge({ caseId: acknowledged });
    const early = await escalateOverdueRiskCases(
      db,
      riskTestContext(new Date(openedAt.getTime() + 14 * MINUTE_MS)),
    );
    expect(early.caseIds).not.toContain(overdue);

    const runs = await Promise.all([1, 2, 3].map(() => escalateOverdueRiskCases(db, riskTestContext())));
    expect(runs.flatMap((r) => r.caseIds).filter((id) => id === overdue)).toHaveLength(1);
    expect(runs.flatMap((r) => r.caseIds)).not.toContain(acknowledged);
    expect((await escalateOverdueRiskCases(db, riskTestContext())).caseIds).not.toContain(overdue);
    expect(await eventTypes(overdue)).toEqual(["RiskDetected", "RiskEscalated"]);
  });

  it("runs from the cron route with the cron secret only", async () => {
    const { POST } = await import("../../app/api/cron/risk/route.ts");
    expect((await POST(new Request("http://localhost/api/cron/risk", { method: "POST" }))).status).toBe(401);
    const response = await POST(
      new Request("http://localhost/api/cron/risk", {
        method: "POST",
        headers: { authorization: `Bearer ${process.env.CRON_SECRET}` },
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ job: "risk-escalation", escalated: expect.any(Number) });
  });
});

describe("tickets linked to a case", () => {
  it("suggests tickets about the same order, links them both ways, once", async () => {
    const orderRef = `ORD-${newSubjectId()}`;
    const [result] = await ingestSignals(db, riskTestContext(), {
      signals: [
        refundSignal(orderRef, {
          subjectType: "order",
          type: "order_anomaly",
          attributes: { ordersLast1h: 7 },
        }),
      ],
    });
    const caseId = result?.caseId ?? "";
    const ticket = await createTicket(orderRef);
    const api = callerFor(await createUser(["risk_manager"])).risk;

    const before = await api.get({ caseId });
    expect(before.relatedTickets.map((t) => t.id)).toEqual([ticket.id]);
    expect(await api.linkTicket({ caseId, ticketId: ticket.id })).toEqual({ linked: true });
    expect(await api.linkTicket({ caseId, ticketId: ticket.id })).toEqual({ linked: false });
    const after = await api.get({ caseId });
    expect(after.linkedTickets.map((t) => t.number)).toEqual([ticket.number]);
    expect(after.relatedTickets).toEqual([]);
    expect(await api.casesForTicket({ ticketId: ticket.id })).toEqual([
      expect.objectContaining({ id: caseId }),
    ]);
    await expect(
      api.linkTicket({ caseId, ticketId: "0190f5b2-7c1e-7a3b-9c4d-5e6f7a8b9c0d" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await eventTypes(caseId)).filter((t) => t === "RiskTicketLinked")).toHaveLength(1);
  });
});
