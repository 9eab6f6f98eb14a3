import type { Db } from "../db/client.ts";
import { withTransaction, type Tx } from "../db/transaction.ts";
import { AppError } from "../lib/errors.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import type { IngestResult, SignalBatch, SignalInput } from "./contract.ts";
import { recordCaseEvents } from "./ingest-events.ts";
import { planBatch, planCases, type Batch, type CaseWork } from "./ingest-plan.ts";
import { scoreWorks, type Scored } from "./ingest-score.ts";
import {
  findCaseScores,
  findKnownSignals,
  findOpenCasesForUpdate,
  findUnknownCityIds,
  insertCases,
  insertSignals,
  lockOpenKeys,
  releaseOpenKeys,
  saveAssessments,
} from "./repository.ts";
import type { RuleSet } from "./rule-set.ts";
import { publishedRuleSet } from "./rule-set-service.ts";

// Signals in, cases out: each signal is stored once (sourceEventId), joins the open case of its subject and
// type or opens one, and every touched case is re-scored with the published rules, all in one transaction.
// The work is set-based: a batch of 500 signals costs about a dozen statements, events included.

// A unique violation means a concurrent request committed the same sourceEventId (the retry sees it as known);
// a deadlock can only come from two keys sharing a lock hash. withTransaction retries both from the start.
const ATTEMPTS = 3;

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

/** Which cases the batch's new signals join or open; stale open keys are released on the way. */
async function planWorks(tx: Tx, batch: Batch, known: ReadonlySet<string>): Promise<CaseWork[]> {
  const keys = [...batch.groups.keys()];
  await lockOpenKeys(tx, keys);
  const open = await findOpenCasesForUpdate(tx, keys);
  const works: CaseWork[] = [];
  const released: string[] = [];
  for (const [key, items] of batch.groups) {
    const fresh = items.filter((item) => !known.has(item.signal.sourceEventId));
    if (fresh.length === 0) continue;
    const plan = planCases(key, open.get(key) ?? null, fresh);
    works.push(...plan.works);
    if (plan.released) released.push(plan.released);
  }
  await releaseOpenKeys(tx, released);
  return works;
}

/** Writes the cases and signals, then one event per case: RiskDetected when opened, RiskAssessed when re-scored. */
async function writeCases(tx: Tx, context: ServiceContext, scored: readonly Scored[], now: Date) {
  const opened = scored.filter((s) => s.work.existing === null);
  const created = await insertCases(
    tx,
    opened.map(({ work, signals, assessment }) => {
      const [first] = signals;
      if (!first) throw new Error("a new case needs a signal");
      const cityId = signals.findLast((s) => s.cityId !== undefined)?.cityId ?? null;
      const { type, subjectType, subjectId } = first;
      return { ...assessment, type, subjectType, subjectId, openKey: work.key, cityId, openedAt: now };
    }),
  );
  const createdByKey = new Map(created.map((row) => [row.openKey ?? "", row]));
  const caseIdOf = (s: Scored) => s.work.existing?.id ?? createdByKey.get(s.work.key)?.id ?? "";
  await insertSignals(
    tx,
    scored.flatMap((s) => s.signals.map((signal) => ({ caseId: caseIdOf(s), signal }))),
    now,
  );
  await saveAssessments(
    tx,
    scored.flatMap((s) => (s.work.existing ? [{ id: s.work.existing.id, assessment: s.assessment }] : [])),
    now,
  );
  await recordCaseEvents(
    tx,
    context,
    scored.map((s) => {
      const { assessment, work } = s;
      const sourceEventIds = s.signals.map((signal) => signal.sourceEventId);
      const [first] = s.signals;
      // Re-scoring is recorded even when the score holds: the case gained evidence.
      return work.existing
        ? {
            type: "RiskAssessed" as const,
            caseId: caseIdOf(s),
            payload: {
              previousScore: work.existing.score,
              previousLevel: work.existing.level,
              score: assessment.score,
              level: assessment.level,
              scoreChanged: assessment.score !== work.existing.score,
              ruleSetVersion: assessment.ruleSetVersion,
              sourceEventIds,
            },
          }
        : {
            type: "RiskDetected" as const,
            caseId: caseIdOf(s),
            payload: {
              number: createdByKey.get(work.key)?.number ?? null,
              type: first?.type ?? null,
              subjectType: first?.subjectType ?? null,
              subjectId: first?.subjectId ?? null,
              score: assessment.score,
              level: assessment.level,
              ruleSetVersion: assessment.ruleSetVersion,
              sourceEventIds,
            },
          };
    }),
  );
  return caseIdOf;
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

async function ingestBatch(
  tx: Tx,
  context: ServiceContext,
  ruleSet: RuleSet,
  signals: readonly SignalInput[],
  batch: Batch,
  now: Date,
) {
  await assertCitiesExist(tx, signals);
  const known = new Set(
    (
      await findKnownSignals(
        tx,
        signals.map((s) => s.sourceEventId),
      )
    ).map((row) => row.sourceEventId),
  );
  const scored = await scoreWorks(tx, ruleSet, await planWorks(tx, batch, known), now);
  const caseIdOf = await writeCases(tx, context, scored, now);
  const results: (IngestResult | undefined)[] = signals.map(() => undefined);
  for (const s of scored) {
    s.work.items.forEach((item, position) => {
      results[item.index] = {
        sourceEventId: item.signal.sourceEventId,
        caseId: caseIdOf(s),
        score: s.assessment.score,
        level: s.assessment.level,
        created: s.work.existing === null && position === 0,
        duplicate: false,
      };
    });
  }
  for (const [repeat, original] of batch.repeats) {
    const answer = results[original];
    if (answer) results[repeat] = { ...answer, created: false, duplicate: true };
  }
  await answerDuplicates(tx, signals, results);
  return results.flatMap((result) => (result ? [result] : []));
}

export async function ingestSignals(
  db: Db,
  context: ServiceContext,
  { signals }: SignalBatch,
): Promise<IngestResult[]> {
  const now = context.clock.now();
  const batch = planBatch(signals);
  const ruleSet = await publishedRuleSet(db, context);
  return withTransaction(db, (tx) => ingestBatch(tx, context, ruleSet, signals, batch, now), {
    preset: "batch",
    attempts: ATTEMPTS,
    onExhausted: (error) =>
      new AppError("CONFLICT", "Concurrent requests sent the same signals; retry the request.", {
        cause: error,
      }),
  });
}
