import { z } from "zod";
import type { Locale } from "../indicators/metrics.ts";

// Response plans: a WorkflowTemplate's ordered checklist, and the rules for ticking an instance's steps.
//
// Steps are done in order. A plan is an escalation ladder (raise the courier incentive before widening the
// dispatch radius, before throttling orders): later steps cost more and are only justified once the earlier ones
// are in place, and a plan ticked in order reads as a timeline in the audit log.

const MAX_PLAN_STEPS = 30;

const title = (field: string) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, `${field} is required`)
    .max(200, `${field} is too long (200 max)`);

const responsePlanStepSchema = z.strictObject({
  key: z
    .string({ error: "key is required" })
    .regex(
      /^[a-z][a-z0-9_]{0,63}$/,
      "key must be snake_case: lowercase letters, digits and _, starting with a letter",
    ),
  title: title("title"),
  titleJa: title("titleJa"),
});
export type ResponsePlanStep = z.output<typeof responsePlanStepSchema>;

/** WorkflowTemplate.steps for a response plan. */
export const responsePlanStepsSchema = z
  .array(responsePlanStepSchema, { error: "steps must be a list of { key, title, titleJa }" })
  .min(1, "a response plan needs at least one step")
  .max(MAX_PLAN_STEPS, `a response plan has at most ${MAX_PLAN_STEPS} steps`)
  .superRefine((steps, ctx) => {
    const seen = new Set<string>();
    steps.forEach((step, index) => {
      if (seen.has(step.key)) {
        ctx.addIssue({ code: "custom", path: [index, "key"], message: `duplicate step key "${step.key}"` });
      }
      seen.add(step.key);
    });
  });

/** A WorkflowStep row as plain data. */
export interface InstanceStep {
  position: number;
  key: string;
  title: string;
  doneAt: Date | null;
  doneById: string | null;
}

/** The steps of a new run, numbered from 1, titled in the language of whoever starts it. */
export function instantiatePlan(steps: readonly ResponsePlanStep[], locale: Locale = "en"): InstanceStep[] {
  return steps.map((step, index) => ({
    position: index + 1,
    key: step.key,
    title: locale === "ja" ? step.titleJa : step.title,
    doneAt: null,
    doneById: null,
  }));
}

function byPosition(steps: readonly InstanceStep[]): InstanceStep[] {
  return [...steps].sort((a, b) => a.position - b.position);
}

export function isPlanComplete(steps: readonly InstanceStep[]): boolean {
  return steps.length > 0 && steps.every((step) => step.doneAt !== null);
}

/** The step to do now, or null when the plan is complete. */
export function nextStep(steps: readonly InstanceStep[]): InstanceStep | null {
  return byPosition(steps).find((step) => step.doneAt === null) ?? null;
}

export type TickResult =
  { ok: true; steps: InstanceStep[]; step: InstanceStep; complete: boolean } | { ok: false; reason: string };

/** Marks the step at `position` done by `userId` at `now`; refuses unknown, already done and out-of-order steps. */
export function tickStep(
  instanceSteps: readonly InstanceStep[],
  position: number,
  now: Date,
  userId: string,
): TickResult {
  const target = instanceSteps.find((step) => step.position === position);
  if (!target) return { ok: false, reason: `There is no step ${position} in this plan` };
  if (target.doneAt !== null)
    return { ok: false, reason: `Step ${position} (“${target.title}”) is already done` };
  const next = nextStep(instanceSteps);
  if (next !== null && next.position !== position) {
    return {
      ok: false,
      reason: `Step ${next.position} (“${next.title}”) comes first: response plan steps are done in order`,
    };
  }
  const done: InstanceStep = { ...target, doneAt: now, doneById: userId };
  const steps = byPosition(instanceSteps.map((step) => (step.position === position ? done : step)));
  return { ok: true, steps, step: done, complete: isPlanComplete(steps) };
}
