import { z } from "zod";
import { userUpdatedPayload } from "../events/payloads.ts";
import { priorityWeight } from "./routing.ts";
import { TICKET_PRIORITIES, TICKET_STATUSES, isActiveStatus } from "./types.ts";

// Which events give an agent room for more work, and whose team then gets its waiting tickets routed. Pure: the
// consumer looks up the team and the ticket number.

/** The team to route is the ticket's, the agent's, or named outright. */
export type FreedTeam = { ticketId: string } | { agentId: string } | { teamId: string };

export interface FreedCapacity {
  readonly team: FreedTeam;
  /** The ticket whose change freed the room, for the reason text; null for an agent's own change. */
  readonly ticketId: string | null;
  readonly cause:
    | { kind: "status"; to: string }
    | { kind: "unassigned" }
    | { kind: "reassigned" }
    | { kind: "priority_lowered"; to: string }
    | { kind: "agent_profile_updated" }
    | { kind: "agent_reactivated" };
}

const status = z.enum(TICKET_STATUSES);
const priority = z.enum(TICKET_PRIORITIES);
const statusUpdated = z.object({ from: status, to: status });
const assigned = z.object({ from: z.string().nullable(), to: z.string().nullable() });
const updated = z.object({
  changes: z.object({ priority: z.object({ from: priority, to: priority }).optional() }),
});

/**
 * What room an event frees, or null when it frees none. TicketResolved is not listed: resolving always records a
 * TicketStatusUpdated to `resolved` beside it, and one trigger per change is enough.
 */
export function freedCapacity(event: {
  type: string;
  aggregateId: string;
  payload: unknown;
}): FreedCapacity | null {
  const ticketId = event.aggregateId;
  switch (event.type) {
    case "TicketStatusUpdated": {
      const { from, to } = statusUpdated.parse(event.payload);
      if (!isActiveStatus(from) || isActiveStatus(to)) return null;
      return { team: { ticketId }, ticketId, cause: { kind: "status", to } };
    }
    case "TicketAssigned": {
      const { from, to } = assigned.parse(event.payload);
      if (from === null) return null;
      const cause = to === null ? ({ kind: "unassigned" } as const) : ({ kind: "reassigned" } as const);
      return { team: { agentId: from }, ticketId, cause };
    }
    case "TicketUpdated": {
      const change = updated.parse(event.payload).changes.priority;
      if (change === undefined || priorityWeight(change.to) >= priorityWeight(change.from)) return null;
      return { team: { ticketId }, ticketId, cause: { kind: "priority_lowered", to: change.to } };
    }
    case "UserUpdated": {
      const { teamId, agentProfile } = userUpdatedPayload.parse(event.payload);
      if (teamId === null || agentProfile === null) return null;
      return { team: { teamId }, ticketId: null, cause: { kind: "agent_profile_updated" } };
    }
    case "UserReactivated":
      return { team: { agentId: event.aggregateId }, ticketId: null, cause: { kind: "agent_reactivated" } };
    default:
      return null;
  }
}

/** The routing reason people read on the timeline: "capacity freed by ticket #1042 moved to resolved". */
export function capacityFreedReason(freed: FreedCapacity, ticketNumber: number | null): string {
  const ticket = ticketNumber === null ? "a ticket" : `ticket #${ticketNumber}`;
  const { cause } = freed;
  switch (cause.kind) {
    case "status":
      return `capacity freed by ${ticket} moved to ${cause.to}`;
    case "unassigned":
      return `capacity freed by ${ticket} unassigned from its agent`;
    case "reassigned":
      return `capacity freed by ${ticket} reassigned to another agent`;
    case "priority_lowered":
      return `capacity freed by ${ticket} lowered to ${cause.to}`;
    case "agent_profile_updated":
      return "capacity freed by an agent's routing profile change";
    case "agent_reactivated":
      return "capacity freed by an agent's reactivation";
  }
}
