import type { Queryable } from "../db/transaction.ts";
import { foldAlert, type AlertFact } from "./alert-history.ts";
import { loadHistories, startedAggregates } from "./event-repository.ts";
import { foldRiskCase, type RiskCaseFact } from "./risk-history.ts";
import { foldWorkflowSteps, WORKFLOW_EVENTS, type WorkflowStepCycle } from "./workflow-history.ts";

// The period's risk cases, alerts and workflow steps, folded from their events: the cohort is the aggregates whose
// starting event (RiskDetected, AlertTriggered, a step's WorkflowStepAssigned) falls in [from, to).

const PAGE = 5000;
const RISK_EVENTS = ["RiskDetected", "RiskAssessed", "RiskAcknowledged", "MitigationCompleted", "CaseClosed"];
const ALERT_EVENTS = ["AlertTriggered", "AlertAcknowledged", "AlertResolved"];

async function periodAggregateIds(db: Queryable, type: string, range: { from: Date; to: Date }) {
  const ids: string[] = [];
  let afterSeq = 0n;
  for (;;) {
    const page = await startedAggregates(db, { type, ...range, afterSeq, limit: PAGE });
    ids.push(...page.map((row) => row.aggregateId));
    if (page.length < PAGE) return [...new Set(ids)];
    afterSeq = (page.at(-1) as { seq: bigint }).seq;
  }
}

async function folded<T>(
  db: Queryable,
  aggregateType: string,
  ids: readonly string[],
  types: readonly string[],
  fold: (id: string, events: Parameters<typeof foldAlert>[1]) => T | null,
): Promise<T[]> {
  const facts: T[] = [];
  for (let i = 0; i < ids.length; i += PAGE) {
    const chunk = ids.slice(i, i + PAGE);
    const histories = await loadHistories(db, aggregateType, chunk, types);
    for (const id of chunk) {
      const fact = fold(id, histories.get(id) ?? []);
      if (fact !== null) facts.push(fact);
    }
  }
  return facts;
}

export async function riskCaseFacts(db: Queryable, range: { from: Date; to: Date }): Promise<RiskCaseFact[]> {
  const ids = await periodAggregateIds(db, "RiskDetected", range);
  return folded(db, "risk_case", ids, RISK_EVENTS, foldRiskCase);
}

export async function alertFacts(db: Queryable, range: { from: Date; to: Date }): Promise<AlertFact[]> {
  const ids = await periodAggregateIds(db, "AlertTriggered", range);
  return folded(db, "alert", ids, ALERT_EVENTS, foldAlert);
}

/** The step cycles activated in [from, to), from the full histories of the instances they belong to. */
export async function workflowStepFacts(
  db: Queryable,
  range: { from: Date; to: Date },
): Promise<WorkflowStepCycle[]> {
  const ids = await periodAggregateIds(db, "WorkflowStepAssigned", range);
  const instances = await folded(db, "workflow", ids, WORKFLOW_EVENTS, foldWorkflowSteps);
  return instances.flat().filter((cycle) => cycle.activatedAt >= range.from && cycle.activatedAt < range.to);
}
