import type { Db } from "../../db/client.ts";
import { withTransaction, type Tx } from "../../db/transaction.ts";
import type { WorkflowEventPayload } from "../../events/payloads.ts";
import { recordEvents } from "../../events/record.ts";
import type { ServiceContext } from "../../lib/service-context.ts";
import { workflowEvent } from "../events.ts";
import type { InstanceState } from "../runtime-types.ts";
import { parseTemplate } from "../template.ts";
import {
  claimEscalations,
  claimReminders,
  claimedStepDetail,
  holdersOf,
  managersOf,
  type ClaimedSla,
} from "./sla-repository.ts";

// The workflows.sla-sweep job: reminders at the SLA's share (75 % by default) go to whoever must act, escalations
// at 100 % to their manager or the named role. Each is claimed by the UPDATE that sets its mark, and its
// WorkflowEscalated event (reason sla_reminder or sla_breached) is recorded in the same transaction, so however
// many sweeps overlap, each fires exactly once.

const BATCH = 200;

type Level = "reminder" | "escalation";

export async function runWorkflowSlaSweep(
  db: Db,
  context: ServiceContext,
): Promise<{ reminded: number; escalated: number }> {
  const now = context.clock.now();
  let reminded = 0;
  let escalated = 0;
  for (;;) {
    const claimed = await withTransaction(
      db,
      async (tx) => {
        const escalations = await claimEscalations(tx, now, BATCH);
        await record(tx, context, escalations, "escalation");
        const reminders = await claimReminders(tx, now, BATCH);
        await record(tx, context, reminders, "reminder");
        return { escalations: escalations.length, reminders: reminders.length };
      },
      { preset: "batch" },
    );
    reminded += claimed.reminders;
    escalated += claimed.escalations;
    if (claimed.escalations < BATCH && claimed.reminders < BATCH) break;
  }
  return { reminded, escalated };
}

async function record(tx: Tx, context: ServiceContext, claimed: readonly ClaimedSla[], level: Level) {
  for (const { stepId } of claimed) {
    const step = await claimedStepDetail(tx, stepId);
    if (!step?.instance.version || !step.instance.state) continue;
    const parsed = parseTemplate(step.instance.version.definition);
    const sla = parsed.ok ? parsed.template.steps.find((s) => s.key === step.key)?.sla : undefined;
    const people = [...new Set([...step.ownerIds, ...step.delegateIds])];
    const recipients =
      level === "reminder"
        ? people
        : sla?.escalateTo.type === "role"
          ? await holdersOf(tx, sla.escalateTo.role)
          : await managersOf(tx, step.ownerIds);
    const { instance } = step;
    await recordEvents(tx, context, [
      workflowEvent(
        "WorkflowEscalated",
        {
          instanceId: instance.id,
          templateKey: instance.template.key,
          templateVersion: instance.version?.number ?? 1,
          boundType: instance.subjectType,
          boundId: instance.subjectId,
        },
        { state: instance.state as InstanceState, round: instance.round },
        {
          stepKey: step.key,
          stepKind: step.kind as WorkflowEventPayload["stepKind"],
          userIds: recipients,
          reason: level === "reminder" ? "sla_reminder" : "sla_breached",
        },
        {
          level,
          dueAt: step.dueAt?.toISOString() ?? null,
          escalateTo: sla ? JSON.stringify(sla.escalateTo) : null,
        },
      ),
    ]);
  }
}
