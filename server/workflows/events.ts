import type { DomainEventInput } from "../events/record.ts";
import type { EventType } from "../events/types.ts";
import type { InputJsonObject } from "../db/json.ts";
import type { Effect, InstanceRun } from "./runtime-types.ts";
import type { WorkflowEventPayload } from "../events/payloads.ts";

// A decision's effects as domain events (schema: workflowEventPayload in events/payloads.ts), each with its audit
// entry. Every accepted decision by a person records at least one event, so the audit trail has every decision.

export interface InstanceRef {
  instanceId: string;
  templateKey: string;
  templateVersion: number;
  boundType: string;
  boundId: string;
}

const STATE_EVENTS: Partial<Record<InstanceRun["state"], EventType>> = {
  approved: "WorkflowApproved",
  completed: "WorkflowCompleted",
  rejected: "WorkflowRejected",
  cancelled: "WorkflowCancelled",
  changes_requested: "WorkflowChangesRequested",
};

export function workflowEvent(
  type: EventType,
  ref: InstanceRef,
  instance: Pick<InstanceRun, "state" | "round">,
  extra: Partial<WorkflowEventPayload> = {},
  audit?: InputJsonObject,
): DomainEventInput {
  const payload: WorkflowEventPayload = { ...ref, state: instance.state, round: instance.round, ...extra };
  return {
    type,
    aggregateType: "workflow",
    aggregateId: ref.instanceId,
    payload: payload as unknown as InputJsonObject,
    ...(audit ? { auditDetails: { ...(payload as unknown as InputJsonObject), ...audit } } : {}),
  };
}

export function effectEvents(
  ref: InstanceRef,
  after: InstanceRun,
  effects: readonly Effect[],
  decision: InputJsonObject,
): DomainEventInput[] {
  const kindOf = (key: string) => after.steps.find((s) => s.key === key)?.kind;
  const events = effects.flatMap((effect): DomainEventInput[] => {
    switch (effect.type) {
      case "step_assigned":
        return [
          workflowEvent(
            "WorkflowStepAssigned",
            ref,
            after,
            {
              stepKey: effect.stepKey,
              stepKind: kindOf(effect.stepKey),
              userIds: effect.userIds,
              reason: effect.why,
            },
            { decision },
          ),
        ];
      case "step_done":
        return [
          workflowEvent(
            "TaskStepCompleted",
            ref,
            after,
            { stepKey: effect.stepKey, stepKind: effect.kind },
            { decision },
          ),
        ];
      case "approval_recorded":
        return [
          workflowEvent(
            "WorkflowDecisionRecorded",
            ref,
            after,
            { stepKey: effect.stepKey, stepKind: "approval" },
            {
              decision,
              approved: effect.approved,
              needed: effect.needed,
            },
          ),
        ];
      case "escalated":
        return [
          workflowEvent(
            "WorkflowEscalated",
            ref,
            after,
            { stepKey: effect.stepKey, reason: "skip_level" },
            { decision, by: effect.by },
          ),
        ];
      case "state": {
        const type =
          effect.from === "changes_requested" && effect.to === "pending"
            ? "WorkflowResubmitted"
            : STATE_EVENTS[effect.to];
        return type
          ? [
              workflowEvent(type, ref, after, effect.reason ? { reason: effect.reason } : {}, {
                decision,
                from: effect.from,
              }),
            ]
          : [];
      }
    }
  });
  return events;
}
