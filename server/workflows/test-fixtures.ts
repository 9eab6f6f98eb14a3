import type { Role } from "../auth/permissions.ts";
import { decide, instantiateSteps, newInstance, type ResolvedCandidates } from "./runtime.ts";
import type { DeciderFacts, Decision, DecisionOutcome, InstanceRun } from "./runtime-types.ts";
import { parseTemplate, type WorkflowTemplate } from "./template.ts";

// Builders for the runtime's unit tests: a template from a plain object, an instance started by its initiator.

export const T0 = new Date("2026-03-02T09:00:00Z");

export function template(input: Record<string, unknown>): WorkflowTemplate {
  const parsed = parseTemplate({ key: "t", name: "T", nameJa: "T", version: "1", ...input });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.template;
}

export const person = (
  id: string,
  roles: Role[] = ["risk_manager"],
  manages: string[] = [],
): DeciderFacts => ({
  id,
  roles,
  manages,
});

export const SYSTEM: DeciderFacts = { id: null, roles: [], manages: [] };

export function started(
  t: WorkflowTemplate,
  resolved: Record<string, Partial<ResolvedCandidates>>,
  options: { initiatorId?: string; amount?: number; boundId?: string; context?: InstanceRun["context"] } = {},
): InstanceRun {
  const people = Object.fromEntries(
    Object.entries(resolved).map(([key, r]) => [key, { ownerIds: r.ownerIds ?? [], groups: r.groups ?? [] }]),
  );
  const draft = newInstance({
    initiatorId: options.initiatorId ?? "init",
    boundId: options.boundId ?? null,
    amount: options.amount ?? null,
    context: options.context ?? {},
    steps: instantiateSteps(t, people),
  });
  return expectOk(decide(t, draft, { type: "submit" }, person(draft.initiatorId), T0)).instance;
}

export function expectOk(outcome: DecisionOutcome): Extract<DecisionOutcome, { ok: true }> {
  if (!outcome.ok) throw new Error(`refused: ${outcome.refusal.reason}: ${outcome.refusal.message}`);
  return outcome;
}

/** Applies decisions in order, each of which must be accepted. */
export function run(
  t: WorkflowTemplate,
  instance: InstanceRun,
  steps: [Decision, DeciderFacts, Date?][],
): InstanceRun {
  return steps.reduce(
    (current, [decision, decider, at]) => expectOk(decide(t, current, decision, decider, at ?? T0)).instance,
    instance,
  );
}

export const approvalStep = (
  key: string,
  mode: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) => ({
  key,
  kind: "approval",
  title: key,
  titleJa: key,
  approvers: { roles: ["risk_manager"] },
  mode,
  ...extra,
});

export const taskStep = (key: string, extra: Record<string, unknown> = {}) => ({
  key,
  kind: "task",
  title: key,
  titleJa: key,
  candidates: { roles: ["support_agent"] },
  ...extra,
});
