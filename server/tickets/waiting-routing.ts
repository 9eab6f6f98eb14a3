import {
  isWaitedFor,
  pickAssignee,
  priorityWeight,
  type RoutingAgent,
  type RoutingDecision,
  type RoutingTicket,
} from "./routing.ts";

// Routing the tickets that wait unassigned once agents have room again, as a pure function: which ticket goes to
// whom, decided one ticket at a time by the same ranking that routes a new ticket.

export interface WaitingTicket extends RoutingTicket {
  readonly id: string;
}

export interface PlannedRoute {
  readonly ticketId: string;
  readonly assigneeId: string;
  readonly decision: RoutingDecision;
}

/**
 * Tickets come in routing order (most urgent first). Each routed ticket adds its weight to its agent before the
 * next one is ranked, so the plan never puts anyone over capacity. A ticket that fits nobody yet keeps the agents it
 * waits for: later, lighter tickets may not take the room it needs, or a P1 behind a stream of P4s would never be
 * routed.
 */
export function planWaitingRoutes(
  tickets: readonly WaitingTicket[],
  agents: readonly RoutingAgent[],
  now: Date,
): PlannedRoute[] {
  let pool = [...agents];
  const routes: PlannedRoute[] = [];
  for (const ticket of tickets) {
    if (pool.length === 0) break;
    const decision = pickAssignee(ticket, pool);
    const { assigneeId } = decision;
    if (assigneeId === null) {
      pool = pool.filter((agent) => !isWaitedFor(agent, ticket));
      continue;
    }
    routes.push({ ticketId: ticket.id, assigneeId, decision });
    const weight = priorityWeight(ticket.priority);
    pool = pool.map((agent) =>
      agent.id === assigneeId ? { ...agent, load: agent.load + weight, lastAssignedAt: now } : agent,
    );
  }
  return routes;
}
