import type { RoutingDecision } from "./routing.ts";

/** A routing decision as TicketAssignment.reason keeps it: the rule, what decided, every candidate and load. */
export function assignmentReason({ reason }: RoutingDecision) {
  return {
    rule: reason.rule,
    decidedBy: reason.decidedBy,
    candidates: reason.candidates.map((c) => ({
      id: c.id,
      eligible: c.eligible,
      why: c.why ?? null,
      load: c.load,
      capacity: c.capacity,
      loadRatio: c.loadRatio,
    })),
  };
}
