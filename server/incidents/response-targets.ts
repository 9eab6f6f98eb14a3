import type { IncidentRow } from "./incident-repository.ts";
import type { ResponseTarget } from "./lifecycle-repository.ts";
import { transition, type IncidentState } from "./state-machine.ts";

// What the response sweep does with an incident whose target ran out unmet: it escalates it (into Escalated when
// its state allows; an incident already escalated stays so) and says which target, by how much, for people.

interface Escalation {
  target: ResponseTarget;
  dueAt: Date;
  overdueMinutes: number;
  moveTo: IncidentState | null;
  reason: string;
}

const WHAT: Record<ResponseTarget, string> = {
  respond: "nobody acknowledged it",
  mitigate: "its impact is not mitigated",
};

export function escalationOf(
  incident: Pick<IncidentRow, "state" | "priority" | "respondDueAt" | "mitigateDueAt">,
  target: ResponseTarget,
  now: Date,
): Escalation {
  const dueAt = target === "respond" ? incident.respondDueAt : incident.mitigateDueAt;
  const overdueMinutes = Math.max(0, Math.floor((now.getTime() - dueAt.getTime()) / 60_000));
  const moveTo = transition(incident.state, "escalated").ok ? "escalated" : null;
  return {
    target,
    dueAt,
    overdueMinutes,
    moveTo,
    reason: `${incident.priority} ${target} target missed by ${overdueMinutes} min: ${WHAT[target]}`,
  };
}
