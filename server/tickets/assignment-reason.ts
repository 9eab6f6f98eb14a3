import type { RoutingDecision } from "./routing.ts";

/**
 * A routing decision as TicketAssignment.reason keeps it: the rule, what decided, the ticket's weight, and every
 * candidate with its load; an ineligible one says why. Compact, as every routed ticket stores one: the load
 * ratio follows from load, capacity and weight, and a candidate without `why` was eligible (the console reads
 * both forms).
 */
export function assignmentReason({ reason }: RoutingDecision) {
  return {
    rule: reason.rule,
    decidedBy: reason.decidedBy,
    weight: reason.weight,
    candidates: reason.candidates.map(({ id, eligible, why, load, capacity }) =>
      eligible ? { id, load, capacity } : { id, load, capacity, eligible, why: why ?? null },
    ),
  };
}
