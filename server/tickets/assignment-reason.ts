import type { RoutingDecision } from "./routing.ts";

/**
 * A routing decision as TicketAssignment.reason keeps it: the rule, what decided, the ticket's weight, and every
 * candidate with its load, as a tuple [id, load, capacity] with the reason appended for one passed over. Compact,
 * as every routed ticket stores one (a team's whole roster, sent and stored per ticket): the load ratio follows
 * from load, capacity and weight, and a candidate without a reason was eligible (the console reads this form and
 * the earlier object form).
 */
export function assignmentReason({ reason }: RoutingDecision) {
  return {
    rule: reason.rule,
    decidedBy: reason.decidedBy,
    weight: reason.weight,
    candidates: reason.candidates.map(({ id, eligible, why, load, capacity }) =>
      eligible ? [id, load, capacity] : [id, load, capacity, why ?? ""],
    ),
  };
}
