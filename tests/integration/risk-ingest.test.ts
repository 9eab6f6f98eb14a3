import pg from "pg";
import { describe, expect, it } from "vitest";
import { EVENTS_CHANNEL } from "../../server/events/record.ts";
import { getDb } from "../../server/db/client.ts";
import { ingestSignals } from "../../server/risk/ingest.ts";
import { newSubjectId, refundSignal, riskTestContext } from "../support/risk.ts";

const db = getDb();
const HOUR_MS = 3_600_000;

async function casesOf(subjectId: string) {
  return db.riskCase.findMany({
    where: { subjectId },
    include: { signals: true },
    orderBy: { number: "asc" },
  });
}

async function eventsOf(caseId: string) {
  return (await db.domainEvent.findMany({ where: { aggregateId: caseId }, orderBy: { seq: "asc" } })).map(
    (e) => e.type,
  );
}

describe("risk signal ingest", () => {
  it("stores a re-sent signal once and answers with the existing case", async () => {
    const signal = refundSignal(newSubjectId());
    const [first] = await ingestSignals(db, riskTestContext(), { signals: [signal] });
    const [again] = await ingestSignals(db, riskTestContext(), { signals: [signal] });
    expect(first).toMatchObject({ created: true, duplicate: false, score: 40, level: "medium" });
    expect(again).toEqual({ ...first, created: false, duplicate: true });
    const cases = await casesOf(signal.subjectId);
    expect(cases).toHaveLength(1);
    expect(cases[0]?.signals).toHaveLength(1);
    expect(await eventsOf(cases[0]?.id ?? "")).toEqual(["RiskDetected"]);
    expect(await db.auditLog.count({ where: { entityId: cases[0]?.id } })).toBe(1);
  });

  it("answers a signal repeated inside one batch as a duplicate of the first", async () => {
    const signal = refundSignal(newSubjectId());
    const [first, repeat] = await ingestSignals(db, riskTestContext(), { signals: [signal, signal] });
    expect(repeat).toEqual({ ...first, created: false, duplicate: true });
    expect(await db.riskSignal.count({ where: { sourceEventId: signal.sourceEventId } })).toBe(1);
  });

  it("refuses a batch that reuses a sourceEventId for another subject, naming the field", async () => {
    const signal = refundSignal(newSubjectId());
    const other = { ...refundSignal(newSubjectId()), sourceEventId: signal.sourceEventId };
    await expect(ingestSignals(db, riskTestContext(), { signals: [signal, other] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/signals\.1\.sourceEventId/),
    });
    expect(await db.riskSignal.count({ where: { sourceEventId: signal.sourceEventId } })).toBe(0);
  });

  it("joins a second signal of the same subject and type to the open case and re-scores it", async () => {
    const subjectId = newSubjectId();
    const [first] = await ingestSignals(db, riskTestContext(), { signals: [refundSignal(subjectId)] });
    const [second] = await ingestSignals(db, riskTestContext(), { signals: [refundSignal(subjectId)] });
    expect(second).toMatchObject({
      caseId: first?.caseId,
      created: false,
      duplicate: false,
      score: 80,
      level: "high",
    });
    const [riskCase] = await casesOf(subjectId);
    expect(riskCase).toMatchObject({
      score: 80,
      level: "high",
      queue: "risk-high",
      ruleSetVersion: expect.any(Number),
      version: 2,
    });
    expect(riskCase?.signals).toHaveLength(2);
    expect(riskCase?.ackDueAt?.getTime()).toBe((riskCase?.openedAt.getTime() ?? 0) + HOUR_MS);
    expect(await eventsOf(riskCase?.id ?? "")).toEqual(["RiskDetected", "RiskAssessed"]);
  });

  it("keeps a signal of another type or subject out of the case", async () => {
    const subjectId = newSubjectId();
    const results = await ingestSignals(db, riskTestContext(), {
      signals: [
        refundSignal(subjectId),
        refundSignal(subjectId, { type: "payment_anomaly", attributes: { declinedAttempts1h: 5 } }),
        refundSignal(newSubjectId()),
      ],
    });
    expect(new Set(results.map((r) => r.caseId)).size).toBe(3);
    expect(results.every((r) => r.created)).toBe(true);
  });

  it("opens a new case once the open case's window has run out, leaving the old one open", async () => {
    const subjectId = newSubjectId();
    const opened = new Date("2026-01-01T00:00:00Z");
    const [old] = await ingestSignals(db, riskTestContext(opened), {
      signals: [refundSignal(subjectId, { observedAt: opened })],
    });
    const later = new Date(opened.getTime() + 8 * 24 * HOUR_MS);
    const [fresh] = await ingestSignals(db, riskTestContext(later), {
      signals: [refundSignal(subjectId, { observedAt: later })],
    });
    expect(fresh?.caseId).not.toBe(old?.caseId);
    expect(fresh?.created).toBe(true);
    const cases = await casesOf(subjectId);
    expect(cases.map((c) => [c.status, c.openKey])).toEqual([
      ["open", null],
      ["open", `consumer:${subjectId}:refund_abuse`],
    ]);
  });

  it("scores history rules from the subject's earlier signals", async () => {
    const subjectId = newSubjectId();
    const now = new Date();
    const weak = (hoursAgo: number) =>
      refundSignal(subjectId, {
        attributes: { refundCount24h: 1 },
        observedAt: new Date(now.getTime() - hoursAgo * HOUR_MS),
      });
    const results = await ingestSignals(db, riskTestContext(now), { signals: [weak(3), weak(2), weak(1)] });
    const [riskCase] = await casesOf(subjectId);
    expect(riskCase?.contributions).toEqual([
      expect.objectContaining({ ruleId: "ra_repeat_signals", points: 20 }),
    ]);
    expect(results.map((r) => r.score)).toEqual([20, 20, 20]);
  });

  it("counts a subject's other case in history when both are re-scored in one batch", async () => {
    const subjectId = newSubjectId();
    const now = new Date();
    const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR_MS);
    const takeover = (hoursAgo: number) =>
      refundSignal(subjectId, { type: "account_takeover", attributes: {}, observedAt: at(hoursAgo) });
    await ingestSignals(db, riskTestContext(now), {
      signals: [refundSignal(subjectId, { observedAt: at(3) })],
    });
    await ingestSignals(db, riskTestContext(now), { signals: [takeover(2)] });
    await ingestSignals(db, riskTestContext(now), {
      signals: [refundSignal(subjectId, { observedAt: at(1) }), takeover(0.5)],
    });
    const takeoverCase = (await casesOf(subjectId)).find((c) => c.type === "account_takeover");
    expect(takeoverCase?.signals).toHaveLength(2);
    // The refund case was re-scored in the same batch; its earlier signal still anchors the takeover rule.
    expect(takeoverCase?.contributions).toEqual([
      expect.objectContaining({ ruleId: "at_refunds_after_takeover", points: 20, matchedSignals: 1 }),
    ]);
  });

  it("opens exactly one case when the same subject is ingested concurrently", async () => {
    const subjectId = newSubjectId();
    const signals = Array.from({ length: 12 }, () => refundSignal(subjectId));
    const results = await Promise.all(
      signals.map((signal) => ingestSignals(db, riskTestContext(), { signals: [signal] })),
    );
    const cases = await casesOf(subjectId);
    expect(cases).toHaveLength(1);
    expect(cases[0]?.signals).toHaveLength(12);
    expect(results.flat().filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.flat().map((r) => r.caseId))).toEqual(new Set([cases[0]?.id]));
  });

  it("stores a signal sent concurrently several times exactly once", async () => {
    const signal = refundSignal(newSubjectId());
    const results = (
      await Promise.all(
        Array.from({ length: 6 }, () => ingestSignals(db, riskTestContext(), { signals: [signal] })),
      )
    ).flat();
    expect(await db.riskSignal.count({ where: { sourceEventId: signal.sourceEventId } })).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.caseId)).size).toBe(1);
  });

  it("writes nothing when a signal names an unknown city", async () => {
    const good = refundSignal(newSubjectId());
    const bad = refundSignal(newSubjectId(), { cityId: "00000000-0000-7000-8000-000000000000" });
    await expect(ingestSignals(db, riskTestContext(), { signals: [good, bad] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/signals\.1\.cityId/),
    });
    expect(
      await db.riskSignal.count({
        where: { sourceEventId: { in: [good.sourceEventId, bad.sourceEventId] } },
      }),
    ).toBe(0);
  });

  it("records each case's event with its audit entry and notifies listeners on commit", async () => {
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    const heard: { type: string; aggregateId: string }[] = [];
    listener.on("notification", (message) => heard.push(JSON.parse(message.payload ?? "{}")));
    await listener.query(`LISTEN ${EVENTS_CHANNEL}`);
    try {
      const subjectId = newSubjectId();
      const [result] = await ingestSignals(db, riskTestContext(), {
        signals: [refundSignal(subjectId), refundSignal(newSubjectId())],
      });
      const caseId = result?.caseId ?? "";
      await expect
        .poll(() => heard.filter((n) => n.aggregateId === caseId).map((n) => n.type))
        .toEqual(["RiskDetected"]);
      const event = await db.domainEvent.findFirstOrThrow({ where: { aggregateId: caseId } });
      const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: caseId } });
      expect(audit).toMatchObject({
        action: "RiskDetected",
        entityType: "risk_case",
        eventId: event.id,
        details: event.payload,
      });
      expect(event.payload).toMatchObject({ subjectId, score: 40, level: "medium" });
    } finally {
      await listener.end();
    }
  });
});
