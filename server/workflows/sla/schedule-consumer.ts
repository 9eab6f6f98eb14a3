import { withTransaction } from "../../db/transaction.ts";
import type { EventHandler } from "../../events/delivered-event.ts";
import { workflowEventPayload } from "../../events/payloads.ts";
import { loadInstance } from "../instance-repository.ts";
import { owningTeam, slaInstants } from "./sla-clock.ts";
import { findSlaStep, insertStepSla, teamCalendar, teamsOf } from "./sla-repository.ts";

// The workflows.step-sla consumer: a step with an SLA, assigned as its turn comes, starts its clock on the owning
// team's business calendar from the moment it became active. A delegation or reassignment keeps the clock.

export const scheduleStepSla: EventHandler = async (db, _context, event) => {
  const payload = workflowEventPayload.parse(event.payload);
  if (payload.reason !== "activated" || !payload.stepKey) return "not a step's activation";
  const stepKey = payload.stepKey;
  return withTransaction(db, async (tx) => {
    const stored = await loadInstance(tx, payload.instanceId);
    const definition = stored?.definition.steps.find((s) => s.key === stepKey);
    if (!stored || !definition?.sla) return "no SLA on this step";
    const step = await findSlaStep(tx, stored.id, payload.round, stepKey);
    if (!step?.activatedAt) return "step not active";
    const team = owningTeam(definition, await teamsOf(tx, step.ownerIds), step.ownerIds);
    const calendar = team ? await teamCalendar(tx, team) : null;
    const { remindAt, escalateAt } = slaInstants(
      step.activatedAt,
      definition.sla,
      calendar?.calendar ?? null,
    );
    const started = await insertStepSla(tx, {
      stepId: step.stepId,
      instanceId: stored.id,
      calendarId: calendar?.calendarId ?? null,
      remindAt,
      escalateAt,
    });
    return started ? `SLA clock started (${team ?? "plain minutes"})` : "SLA clock running already";
  });
};
