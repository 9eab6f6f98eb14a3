import { instantiateSteps, type ResolvedCandidates } from "./runtime.ts";
import type { InstanceRun, StepRun } from "./runtime-types.ts";
import type { WorkflowTemplate } from "./template.ts";

// Moving a running instance to another version of its template, by an explicit step mapping (old key → new key,
// null to drop; unnamed keys map to the same key when the new version has it). A step keeps its progress
// (state, approvals, delegations, ticks) under its new key; a step new in this version starts blocked and runs in
// its order. An unfinished step cannot be dropped or change kind: such an instance is reported, not migrated.

export type StepMapping = Readonly<Record<string, string | null>>;

/** Mapping entries naming steps that do not exist: field path → message (the whole request is refused). */
export function mappingErrors(
  from: WorkflowTemplate,
  to: WorkflowTemplate,
  mapping: StepMapping,
): Record<string, string> {
  const oldKeys = new Set(from.steps.map((s) => s.key));
  const newKeys = new Set(to.steps.map((s) => s.key));
  const errors: Record<string, string> = {};
  const targets = new Map<string, string>();
  for (const [oldKey, newKey] of Object.entries(mapping)) {
    if (!oldKeys.has(oldKey))
      errors[`stepMapping.${oldKey}`] = `version ${from.version} has no step "${oldKey}"`;
    else if (newKey !== null && !newKeys.has(newKey))
      errors[`stepMapping.${oldKey}`] = `version ${to.version} has no step "${newKey}"`;
    else if (newKey !== null && targets.has(newKey))
      errors[`stepMapping.${oldKey}`] = `"${newKey}" is already the target of "${targets.get(newKey)}"`;
    if (newKey !== null) targets.set(newKey, oldKey);
  }
  return errors;
}

/** Where each old step goes under a mapping. */
function targetsOf(
  from: WorkflowTemplate,
  to: WorkflowTemplate,
  mapping: StepMapping,
): Map<string, string | null> {
  const newKeys = new Set(to.steps.map((s) => s.key));
  return new Map(
    from.steps.map((s) => [
      s.key,
      s.key in mapping ? (mapping[s.key] ?? null) : newKeys.has(s.key) ? s.key : null,
    ]),
  );
}

export type MigrationPlan =
  | { ok: true; steps: { step: StepRun; fromKey: string | null }[]; dropped: string[] }
  | { ok: false; problems: string[] };

export function planMigration(
  from: WorkflowTemplate,
  to: WorkflowTemplate,
  run: InstanceRun,
  mapping: StepMapping,
  resolved: Readonly<Record<string, ResolvedCandidates>>,
): MigrationPlan {
  const targets = targetsOf(from, to, mapping);
  const sourceOf = new Map<string, StepRun>();
  const problems: string[] = [];
  const dropped: string[] = [];
  for (const step of run.steps) {
    const target = targets.get(step.key) ?? null;
    const unfinished = step.state === "active" || step.state === "holding" || step.state === "blocked";
    if (target === null) {
      if (step.state === "active" || step.state === "holding")
        problems.push(`step "${step.key}" is ${step.state} and the mapping drops it`);
      dropped.push(step.key);
      continue;
    }
    const kind = to.steps.find((s) => s.key === target)?.kind;
    if (unfinished && kind !== step.kind)
      problems.push(`step "${step.key}" is unfinished and "${target}" is of kind ${kind}, not ${step.kind}`);
    sourceOf.set(target, step);
  }
  if (problems.length > 0) return { ok: false, problems };
  const fresh = instantiateSteps(to, resolved);
  const steps = fresh.map((step) => {
    const source = sourceOf.get(step.key);
    return source
      ? { step: { ...source, key: step.key, position: step.position }, fromKey: source.key }
      : { step, fromKey: null };
  });
  return { ok: true, steps, dropped };
}
