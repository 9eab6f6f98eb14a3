import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { ingestSignals } from "../../server/risk/ingest.ts";
import { backtestDraft } from "../../server/risk/rule-set-service.ts";
import { closeRiskCase } from "../../server/risk/service.ts";
import { DEFAULT_RULE_SET } from "../../server/risk/rule-set.ts";
import { createUser } from "../support/fixtures.ts";
import { callerFor, newSubjectId, refundSignal, riskTestContext } from "../support/risk.ts";

const db = getDb();

async function rulesAuthor() {
  return callerFor(await createUser(["risk_manager"])).risk.rules;
}

describe("rule-set versions", () => {
  it("copies the published version into a new draft and never changes a published one", async () => {
    const rules = await rulesAuthor();
    await ingestSignals(db, riskTestContext(), { signals: [refundSignal(newSubjectId())] });
    const published = (await rules.list()).find((v) => v.status === "published");
    const publishedRow = await db.riskRuleSet.findUniqueOrThrow({ where: { id: published?.id ?? "" } });

    const draft = await rules.createDraft({});
    expect(draft).toMatchObject({
      status: "draft",
      version: Math.max(...(await rules.list()).map((v) => v.version)),
      rules: published?.rules,
    });
    expect(draft.version).toBeGreaterThan(published?.version ?? Infinity);

    await expect(
      rules.updateDraft({
        id: published?.id ?? "",
        rules: published?.rules,
        thresholds: published?.thresholds,
        notes: "x",
      }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const edited = DEFAULT_RULE_SET.rules.map((r) =>
      r.id === "cs_fatigue" ? { ...r, weight: 25, cap: 25 } : r,
    );
    const saved = await rules.updateDraft({
      id: draft.id,
      rules: edited,
      thresholds: { medium: 45, high: 70, critical: 90 },
      notes: "Fatigue weighs more",
    });
    expect(saved).toMatchObject({ thresholds: { medium: 45 }, notes: "Fatigue weighs more" });
    expect(await db.riskRuleSet.findUniqueOrThrow({ where: { id: publishedRow.id } })).toEqual(publishedRow);
    const audit = await db.auditLog.findFirstOrThrow({
      where: { entityId: draft.id, action: "RuleSetUpdated" },
    });
    expect(audit.details).toMatchObject({ changedRuleIds: ["cs_fatigue"] });
  });

  it("refuses an invalid draft with errors naming each field, and keeps the draft as it was", async () => {
    const rules = await rulesAuthor();
    const draft = await rules.createDraft({});
    const broken = [{ ...DEFAULT_RULE_SET.rules[0], weight: 0 }, ...DEFAULT_RULE_SET.rules.slice(1)];
    const error = await rules
      .updateDraft({
        id: draft.id,
        rules: broken,
        thresholds: { medium: 80, high: 70, critical: 90 },
        notes: "",
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/rules\[0\]\.weight/),
    });
    expect(
      (error as { cause: { details: { errors: { path: string }[] } } }).cause.details.errors.map(
        (e) => e.path,
      ),
    ).toEqual(["rules[0].weight", "thresholds.high"]);
    expect((await rules.list()).find((v) => v.id === draft.id)?.rules).toEqual(draft.rules);
  });

  it("publishes a draft, retires the previous version unchanged, and scores new signals with it", async () => {
    const rules = await rulesAuthor();
    const previous = (await rules.list()).find((v) => v.status === "published");
    const draft = await rules.createDraft({});
    await rules.updateDraft({
      id: draft.id,
      rules: draft.rules,
      thresholds: draft.thresholds,
      notes: "Same rules, new version",
    });
    const published = await rules.publish({ id: draft.id });
    expect(published).toMatchObject({ status: "published", publishedAt: expect.any(Date) });
    await expect(rules.publish({ id: draft.id })).rejects.toMatchObject({ code: "CONFLICT" });

    const versions = await rules.list();
    expect(versions.filter((v) => v.status === "published").map((v) => v.id)).toEqual([draft.id]);
    expect(versions.find((v) => v.id === previous?.id)).toMatchObject({
      status: "retired",
      rules: previous?.rules,
      thresholds: previous?.thresholds,
    });
    const [result] = await ingestSignals(db, riskTestContext(), { signals: [refundSignal(newSubjectId())] });
    expect(
      await db.riskCase.findUnique({ where: { id: result?.caseId ?? "" }, select: { ruleSetVersion: true } }),
    ).toEqual({ ruleSetVersion: draft.version });
    const event = await db.domainEvent.findFirstOrThrow({
      where: { aggregateId: draft.id, type: "RuleSetPublished" },
    });
    expect(event.payload).toEqual({ version: draft.version, retiredVersions: [previous?.version] });
  });
});

describe("backtest", () => {
  // A known set far from every other test's signals: the backtest window only sees these four cases.
  const NOW = new Date("2030-01-20T00:00:00Z");
  const OBSERVED = new Date("2030-01-10T00:00:00Z");
  const payment = (subjectId: string, attributes: Record<string, number>) =>
    refundSignal(subjectId, { type: "payment_anomaly", attributes, observedAt: OBSERVED });

  async function knownCase(
    attributes: Record<string, number>,
    count: number,
    resolution?: "false_positive" | "confirmed_fraud",
  ) {
    const subjectId = newSubjectId();
    const [result] = await ingestSignals(db, riskTestContext(OBSERVED), {
      signals: Array.from({ length: count }, () => payment(subjectId, attributes)),
    });
    const caseId = result?.caseId ?? "";
    if (resolution)
      await closeRiskCase(db, riskTestContext(NOW), { caseId, resolution, note: "Labelled by the test." });
    return caseId;
  }

  it("replays the last 30 days through draft and published rules, with closed cases as labels", async () => {
    const declinedAndCards = { declinedAttempts1h: 5, distinctCards24h: 3 };
    const noise = await knownCase(declinedAndCards, 1, "false_positive"); // 45: medium
    await knownCase(declinedAndCards, 2, "confirmed_fraud"); // 90: critical
    await knownCase({ declinedAttempts1h: 5 }, 1); // 25: low
    const missed = await knownCase(declinedAndCards, 1, "confirmed_fraud"); // 45: medium

    const rules = await rulesAuthor();
    const draft = await rules.createDraft({});
    await rules.updateDraft({
      id: draft.id,
      rules: draft.rules,
      thresholds: { medium: 50, high: 70, critical: 90 },
      notes: "Stricter medium",
    });
    const result = await backtestDraft(db, riskTestContext(NOW), { id: draft.id });

    expect(result.report).toEqual({
      total: 4,
      changed: 2,
      raised: 0,
      lowered: 2,
      byTransition: { "medium->low": 2 },
      falsePositivesNowBelowMedium: 1,
      confirmedFraudNowBelowMedium: 1,
      labeled: { falsePositive: 1, confirmedFraud: 2 },
      driftFromCurrent: 0,
      examples: [
        expect.objectContaining({
          id: noise,
          label: "false_positive",
          publishedScore: 45,
          publishedLevel: "medium",
          draftLevel: "low",
        }),
        expect.objectContaining({
          id: missed,
          label: "confirmed_fraud",
          publishedLevel: "medium",
          draftLevel: "low",
        }),
      ],
    });
    expect(result).toMatchObject({
      draftVersion: draft.version,
      since: new Date("2029-12-21T00:00:00.000Z"),
    });
  });
});
