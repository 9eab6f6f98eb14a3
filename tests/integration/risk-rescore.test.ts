import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import type { SignalInput } from "../../server/risk/contract.ts";
import { ingestSignals } from "../../server/risk/ingest.ts";
import { publishedRuleSet } from "../../server/risk/rule-set-service.ts";
import { scoreCase } from "../../server/risk/score.ts";
import { newSubjectId, refundSignal, riskTestContext } from "../support/risk.ts";

// A re-score takes the case's earlier signals by type and time, with their attribute matches read from the
// case's stored contributions, whenever the case was last scored under the published rules; otherwise it reads
// them whole. Either way the case ends as if all its signals had been scored at once.

const db = getDb();
const MINUTE_MS = 60_000;

async function caseOf(subjectId: string) {
  return db.riskCase.findFirstOrThrow({ where: { subjectId }, include: { signals: true } });
}

/** Refund-abuse signals of one subject, a minute apart, whose attributes match different rules. */
function signalsOf(subjectId: string, start: Date): SignalInput[] {
  const attributes: Record<string, number>[] = [
    { refundCount24h: 4 },
    { amountJpy: 12_000 },
    { refundCount24h: 1, accountAgeDays: 900 },
    { refundCount24h: 5, amountJpy: 15_000 },
    { accountAgeDays: 3 },
  ];
  return attributes.map((attrs, i) =>
    refundSignal(subjectId, { attributes: attrs, observedAt: new Date(start.getTime() + i * MINUTE_MS) }),
  );
}

async function expectScoredAsAWhole(subjectId: string, signals: readonly SignalInput[]) {
  const rules = await publishedRuleSet(db, riskTestContext());
  const whole = scoreCase(rules, signals);
  const riskCase = await caseOf(subjectId);
  expect(riskCase.signals).toHaveLength(signals.length);
  expect({ score: riskCase.score, contributions: riskCase.contributions }).toEqual({
    score: whole.score,
    contributions: whole.contributions,
  });
}

describe("risk case re-scoring", () => {
  it("ends, signal by signal, where scoring every signal at once ends", async () => {
    const subjectId = newSubjectId();
    const signals = signalsOf(subjectId, new Date(Date.now() - 10 * MINUTE_MS));
    for (const signal of signals) await ingestSignals(db, riskTestContext(), { signals: [signal] });
    await expectScoredAsAWhole(subjectId, signals);
  });

  it("counts every signal again when the case was scored under another rule-set version", async () => {
    const subjectId = newSubjectId();
    const signals = signalsOf(subjectId, new Date(Date.now() - 10 * MINUTE_MS));
    await ingestSignals(db, riskTestContext(), { signals: signals.slice(0, 3) });
    const { id, ruleSetVersion } = await caseOf(subjectId);
    // As an older version would have left it: counts that the published rules must not take over.
    const stale = [{ ruleId: "ra_refund_count", label: "old", points: 50, matchedSignals: 9, capped: true }];
    await db.riskCase.update({
      where: { id },
      data: { ruleSetVersion: (ruleSetVersion ?? 1) - 1, contributions: stale },
    });
    await ingestSignals(db, riskTestContext(), { signals: signals.slice(3) });
    await expectScoredAsAWhole(subjectId, signals);
  });

  it("counts every signal again when the stored contributions are not the scorer's", async () => {
    const subjectId = newSubjectId();
    const signals = signalsOf(subjectId, new Date(Date.now() - 10 * MINUTE_MS));
    await ingestSignals(db, riskTestContext(), { signals: signals.slice(0, 3) });
    const { id } = await caseOf(subjectId);
    // Same version, but written by hand: no match counts can be read from it.
    await db.riskCase.update({ where: { id }, data: { contributions: [{ rule: "ra_refund_count" }] } });
    await ingestSignals(db, riskTestContext(), { signals: signals.slice(3) });
    await expectScoredAsAWhole(subjectId, signals);
  });
});
