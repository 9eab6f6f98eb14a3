import type { Db } from "../db/client.ts";
import { withTransaction, type Tx } from "../db/transaction.ts";
import type { EventHandler } from "../events/delivered-event.ts";
import { recordEvent } from "../events/record.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { assignmentReason } from "./assignment-reason.ts";
import { teamById } from "./calendars.ts";
import { capacityFreedReason, freedCapacity, type FreedTeam } from "./capacity-freed.ts";
import {
  findTeamMember,
  findTicket,
  insertAssignment,
  markAssigned,
  updateTicketIfVersion,
} from "./repository.ts";
import { isOnShift } from "./routing.ts";
import {
  agentsWithLoad,
  lockTeamRouting,
  ticketTeamAndNumber,
  waitingTickets,
} from "./routing-repository.ts";
import { storedSla } from "./sla-fields.ts";
import { planWaitingRoutes, type PlannedRoute } from "./waiting-routing.ts";

// When an agent gets room again, the team's waiting tickets are routed to whoever has room, under the same team
// lock as routing a new ticket. Re-running it (a redelivered event, two agents freed at once) assigns only what the
// room allows: each run reads the loads the previous one committed.

/** Waiting tickets looked at per run: more than any team's free room, so the limit never hides a fit. */
const WAITING_BATCH = 200;

async function teamOf(tx: Tx, team: FreedTeam, ticketId: string | null): Promise<string | null> {
  if ("teamId" in team) return team.teamId;
  if ("agentId" in team) {
    const member = await findTeamMember(tx, team.agentId);
    if (member?.teamId) return member.teamId;
    // A deactivated agent's old tickets were the ticket's team's; route there.
  }
  const id = "ticketId" in team ? team.ticketId : ticketId;
  return id === null ? null : ((await ticketTeamAndNumber(tx, id))?.teamId ?? null);
}

async function assign(tx: Tx, context: ServiceContext, route: PlannedRoute, why: string, teamId: string) {
  const now = context.clock.now();
  const ticket = await findTicket(tx, route.ticketId);
  if (ticket === null) throw new Error(`Waiting ticket ${route.ticketId} vanished under its row lock`);
  const { calendar } = await teamById(tx, teamId);
  const patch = { assigneeId: route.assigneeId, ...storedSla(ticket, calendar, now, false), updatedAt: now };
  if (!(await updateTicketIfVersion(tx, ticket.id, ticket.version, patch))) {
    throw new Error(`Waiting ticket ${ticket.id} changed under its row lock`);
  }
  await insertAssignment(tx, {
    ticketId: ticket.id,
    assigneeId: route.assigneeId,
    teamId,
    decidedBy: "auto",
    reason: { ...assignmentReason(route.decision), trigger: "capacity_freed", why },
    createdAt: now,
  });
  await markAssigned(tx, route.assigneeId, now);
  await recordEvent(tx, context, {
    type: "TicketAssigned",
    aggregateType: "ticket",
    aggregateId: ticket.id,
    payload: {
      from: null,
      to: route.assigneeId,
      decidedBy: "auto",
      rule: route.decision.reason.rule,
      reason: why,
    },
  });
}

/** Routes the waiting tickets of the team whose room an event freed; returns a note for the consumer's log. */
export const routeWaitingTicketsOnFreedCapacity: EventHandler = async (db: Db, context, event) => {
  const freed = freedCapacity(event);
  if (freed === null) return "frees no capacity";
  return withTransaction(db, async (tx) => {
    const teamId = await teamOf(tx, freed.team, freed.ticketId);
    if (teamId === null) return "no team to route for";
    await lockTeamRouting(tx, teamId);
    const number =
      freed.ticketId === null ? null : ((await ticketTeamAndNumber(tx, freed.ticketId))?.number ?? null);
    const why = capacityFreedReason(freed, number);
    const now = context.clock.now();
    const { calendar } = await teamById(tx, teamId);
    const agents = (await agentsWithLoad(tx, teamId)).map((agent) => ({
      ...agent,
      onShift: isOnShift(agent, now, calendar.timezone),
    }));
    const routes = planWaitingRoutes(await waitingTickets(tx, teamId, WAITING_BATCH), agents, now);
    for (const route of routes) await assign(tx, context, route, why, teamId);
    return `routed ${routes.length} waiting ticket(s): ${why}`;
  });
};
