import type { Db } from "../db/client.ts";
import { Prisma } from "../db/generated/client.ts";
import { recordEvent } from "../events/record.ts";
import type { EventContext } from "../events/types.ts";
import { AppError } from "../lib/errors.ts";
import type { IngestResult, SignalInput } from "./contract.ts";
import { ackDueAt, queueFor } from "./escalation.ts";
import {
  findCaseScores,
  findKnownSignals,
  findUnknownCityIds,
  insertCase,
  insertSignals,
  loadCaseSignals,
  loadSubjectSignals,
  lockOpenKey,
  saveAssessment,
  type Assessment,
  type OpenCaseRow,
  type Tx,
} from "./repository.ts";
import { planBatch, planCases, type Item } from "./ingest-plan.ts";
import { historyWindowHours, type RuleSet } from "./rule-set.ts";
import { publishedRuleSet } from "./rule-set-service.ts";
import { scoreCase, type ScorableSignal } from "./score.ts";

// Signals in, cases out: each signal is stored once (sourceEventId), joins the open case of its subject and
// type or opens one, and every touched case is re-scored with the published rules, all in one transaction.

const AGGREGATE = "risk_case";
const HOUR_MS = 3_600_000;
const MAX_ATTEMPTS = 3;

async function assertCitiesExist(tx: Tx, signals: readonly SignalInput[]): Promise<void> {
  const ids = [...new Set(signals.flatMap((s) => (s.cityId === undefined ? [] : [s.cityId])))];
  const unknown = new Set(await findUnknownCityIds(tx, ids));
  const index = signals.findIndex((s) => s.cityId !== undefined && unknown.has(s.cityId));
  if (index >= 0) {
    throw new AppError("BAD_REQUEST", `signals.${index}.cityId: no city has this id.`, {
      details: { field: `signals.${index}.cityId` },
    });
  }
}

async function assess(
  tx: Tx,
  ruleSet: RuleSet,
  subject: SignalInput,
  caseSignals: ScorableSignal[],
  openedAt: Date,
): Promise<Assessment> {
  const hours = historyWindowHours(ruleSet);
  const times = caseSignals.map((s) => s.observedAt.getTime());
  const history =
    hours > 0
      ? await loadSubjectSignals(
          tx,
          subject,
          new Date(Math.min(...times) - hours * HOUR_MS),
          new Date(Math.max(...times)),
        )
      : [];
  const result = scoreCase(ruleSet, caseSignals, history);
  return {
    score: result.score,
    level: result.level,
    contributions: result.contributions,
    ruleSetVersion: ruleSet.version,
    queue: queueFor(result.level),
    ackDueAt: ackDueAt(result.level, openedAt),
  };
}

async function openCase(
  tx: Tx,
  context: EventContext,
  ruleSet: RuleSet,
  key: string,
  items: Item[],
  now: Date,
) {
  const signals = items.map((item) => item.signal);
  const [subject] = signals;
  if (!subject) throw new Error("a new case needs a signal");
  const assessment = await assess(tx, ruleSet, subject, signals, now);
  const cityId = signals.findLast((s) => s.cityId !== undefined)?.cityId ?? null;
  const created = await insertCase(tx, {
    ...assessment,
    type: subject.type,
    subjectType: subject.subjectType,
    subjectId: subject.subjectId,
    openKey: key,
    cityId,
    openedAt: now,
  });
  await insertSignals(tx, created.id, signals, now);
  await recordEvent(tx, context, {
    type: "RiskDetected",
    aggregateType: AGGREGATE,
    aggregateId: created.id,
    payload: {
      number: created.number,
      type: subject.type,
      subjectType: subject.subjectType,
      subjectId: subject.subjectId,
      score: assessment.score,
      level: assessment.level,
      ruleSetVersion: ruleSet.version,
      sourceEventIds: signals.map((s) => s.sourceEventId),
    },
  });
  return { id: created.id, score: assessment.score, level: assessment.level };
}

async function joinCase(
  tx: Tx,
  context: EventContext,
  ruleSet: RuleSet,
  existing: OpenCaseRow,
  items: Item[],
  now: Date,
) {
  const signals = items.map((item) => item.signal);
  const [subject] = signals;
  if (!subject) throw new Error("joining a case needs a signal");
  const caseSignals = [...(await loadCaseSignals(tx, existing.id)), ...signals];
  const assessment = await assess(tx, ruleSet, subject, caseSignals, existing.openedAt);
  await insertSignals(tx, existing.id, signals, now);
  await saveAssessment(tx, existing.id, assessment);
  // Re-scoring is a state change even when the score holds (the case gained evidence), so it is always recorded.
  await recordEvent(tx, context, {
    type: "RiskAssessed",
    aggregateType: AGGREGATE,
    aggregateId: existing.id,
    payload: {
      previousScore: existing.score,
      previousLevel: existing.level,
      score: assessment.score,
      level: assessment.level,
      scoreChanged: assessment.score !== existing.score,
      ruleSetVersion: ruleSet.version,
      sourceEventIds: signals.map((s) => s.sourceEventId),
    },
  });
  return { id: existing.id, score: assessment.score, level: assessment.level };
}

async function ingestGroup(
  tx: Tx,
  context: EventContext,
  ruleSet: RuleSet,
  key: string,
  items: Item[],
  now: Date,
  results: IngestResult[],
) {
  await lockOpenKey(tx, key);
  const known = new Set(
    (
      await findKnownSignals(
        tx,
        items.map((i) => i.signal.sourceEventId),
      )
    ).map((row) => row.sourceEventId),
  );
  const fresh = items.filter((item) => !known.has(item.signal.sourceEventId));
  if (fresh.length === 0) return;
  for (const work of await planCases(tx, key, fresh)) {
    const outcome = work.existing
      ? await joinCase(tx, context, ruleSet, work.existing, work.items, now)
      : await openCase(tx, context, ruleSet, key, work.items, now);
    work.items.forEach((item, position) => {
      const created = work.existing === null && position === 0;
      results[item.index] = {
        sourceEventId: item.signal.sourceEventId,
        caseId: outcome.id,
        score: outcome.score,
        level: outcome.level,
        created,
        duplicate: false,
      };
    });
  }
}

/** Signals received before (in an earlier request or earlier in this batch) answer with their case as it is now. */
async function answerDuplicates(
  tx: Tx,
  signals: readonly SignalInput[],
  results: (IngestResult | undefined)[],
) {
  const missing = signals.flatMap((signal, index) =>
    results[index] === undefined ? [{ signal, index }] : [],
  );
  if (missing.length === 0) return;
  const known = await findKnownSignals(
    tx,
    missing.map((m) => m.signal.sourceEventId),
  );
  const caseOf = new Map(known.map((row) => [row.sourceEventId, row.caseId]));
  const scores = new Map(
    (
      await findCaseScores(
        tx,
        known.flatMap((row) => (row.caseId ? [row.caseId] : [])),
      )
    ).map((c) => [c.id, c]),
  );
  for (const { signal, index } of missing) {
    const caseId = caseOf.get(signal.sourceEventId) ?? null;
    const scored = caseId ? scores.get(caseId) : undefined;
    results[index] = {
      sourceEventId: signal.sourceEventId,
      caseId,
      score: scored?.score ?? null,
      level: scored?.level ?? null,
      created: false,
      duplicate: true,
    };
  }
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function ingestSignals(
  db: Db,
  context: EventContext,
  signals: readonly SignalInput[],
  now = new Date(),
): Promise<IngestResult[]> {
  const batch = planBatch(signals);
  const ruleSet = await publishedRuleSet(db);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(
        async (tx) => {
          await assertCitiesExist(tx, signals);
          const results: IngestResult[] = [];
          for (const [key, items] of batch.groups)
            await ingestGroup(tx, context, ruleSet, key, items, now, results);
          const sparse: (IngestResult | undefined)[] = signals.map((_, index) => results[index]);
          for (const [repeat, original] of batch.repeats) {
            const answer = sparse[original];
            if (answer) sparse[repeat] = { ...answer, created: false, duplicate: true };
          }
          await answerDuplicates(tx, signals, sparse);
          return sparse.flatMap((result) => (result ? [result] : []));
        },
        { timeout: 120_000, maxWait: 30_000 },
      );
    } catch (error) {
      // The same sourceEventId committed by a concurrent request for another key: the retry sees it as known.
      if (!isUniqueViolation(error)) throw error;
      if (attempt >= MAX_ATTEMPTS)
        throw new AppError("CONFLICT", "Concurrent requests sent the same signals; retry the request.", {
          cause: error,
        });
    }
  }
}
