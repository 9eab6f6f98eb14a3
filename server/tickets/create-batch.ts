import type { Db } from "../db/client.ts";
import { withTransaction, type Tx } from "../db/transaction.ts";
import { recordEvents } from "../events/record.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { assignmentReason } from "./assignment-reason.ts";
import { teamByKey } from "./calendars.ts";
import { namedCityId } from "./cities.ts";
import type { CreateTicketInput } from "./contract.ts";
import {
  findTicketsByExternalIds,
  insertAssignments,
  insertTicketRows,
  type NewTicketRow,
} from "./create-batch-repository.ts";
import { openingEvents, openingSla } from "./create.ts";
import type { StoredSla } from "./sla-fields.ts";
import { markAssigned, type TeamWithCalendar } from "./repository.ts";
import { agentsWithLoad, lockTeamRouting, type AgentWithLoad } from "./routing-repository.ts";
import { isOnShift, pickAssignee, priorityWeight, teamForCategory, type RoutingDecision } from "./routing.ts";

// Many tickets at once, for a caller that opens them in bulk (the event hub's inbox): what createTicket does for
// one, with each team's routing lock taken once for the whole batch instead of once per ticket.

export interface TicketToCreate {
  /** A batch entry is always idempotent: sending it again answers the ticket it made. */
  input: CreateTicketInput & { externalId: string };
  /** The request that asked for this ticket: its events and audit entries carry it. */
  correlationId: string;
}

export interface BatchCreatedTicket {
  /** False when a ticket with the same externalId already existed (or came earlier in the batch). */
  created: boolean;
  id: string;
  number: number;
}

type Agent = AgentWithLoad & { onShift: boolean };

interface Routed {
  request: TicketToCreate;
  team: TeamWithCalendar;
  row: NewTicketRow;
  decision: RoutingDecision;
}

/** The teams the batch files into, locked in id order so two batches never wait on each other in a cycle. */
async function lockTeams(tx: Tx, requests: readonly TicketToCreate[]) {
  const byKey = new Map<string, TeamWithCalendar>();
  for (const { input } of requests) {
    const key = teamForCategory(input.category);
    if (!byKey.has(key)) byKey.set(key, await teamByKey(tx, key));
  }
  const teams = [...byKey.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const team of teams) await lockTeamRouting(tx, team.id);
  return byKey;
}

/**
 * Routes each new ticket in input order against loads read once per team and kept current as the batch assigns:
 * the same choices one createTicket after another would make.
 */
async function route(
  tx: Tx,
  now: Date,
  fresh: readonly TicketToCreate[],
  teams: Map<string, TeamWithCalendar>,
) {
  const agentsOf = new Map<string, Agent[]>();
  const cityIds = new Map<string, string | undefined>();
  // The same instant, team and priority give the same deadlines: computed once each.
  const slas = new Map<string, StoredSla>();
  const routed: Routed[] = [];
  for (const request of fresh) {
    const { city, cityId: givenCityId, ...fields } = request.input;
    const team = teams.get(teamForCategory(fields.category))!;
    const cityKey = `${city ?? ""}|${givenCityId ?? ""}`;
    if (!cityIds.has(cityKey)) cityIds.set(cityKey, await namedCityId(tx, { city, cityId: givenCityId }));
    let agents = agentsOf.get(team.id);
    if (!agents) {
      // One instant for the whole batch, so who is on shift is read once per team, not once per ticket.
      agents = (await agentsWithLoad(tx, team.id)).map((agent) => ({
        ...agent,
        onShift: isOnShift(agent, now, team.calendar.timezone),
      }));
      agentsOf.set(team.id, agents);
    }
    const decision = pickAssignee(request.input, agents);
    const assignee = agents.find((agent) => agent.id === decision.assigneeId);
    if (assignee) {
      assignee.load += priorityWeight(fields.priority);
      assignee.lastAssignedAt = now;
    }
    const slaKey = `${team.id}|${fields.priority}|${assignee === undefined}`;
    const sla = slas.get(slaKey) ?? openingSla(fields.priority, team.calendar, now, assignee === undefined);
    slas.set(slaKey, sla);
    const { requesterEmail, orderRef, restaurantId, ...columns } = fields;
    const row: NewTicketRow = {
      ...columns,
      cityId: cityIds.get(cityKey) ?? null,
      teamId: team.id,
      assigneeId: decision.assigneeId,
      requesterEmail: requesterEmail ?? null,
      orderRef: orderRef ?? null,
      restaurantId: restaurantId ?? null,
      sla,
      createdAt: now,
    };
    routed.push({ request, team, row, decision });
  }
  return routed;
}

/**
 * Creates the tickets in one transaction, idempotent on externalId like createTicket: each is routed to the least
 * loaded eligible agent of its category's team, and records its TicketCreated (and TicketAssigned) with their audit
 * entries under its own request's correlation id (the context gives the actor and the clock). Answers in input order.
 */
export async function createTickets(
  db: Db,
  context: ServiceContext,
  requests: readonly TicketToCreate[],
): Promise<BatchCreatedTicket[]> {
  if (requests.length === 0) return [];
  const now = context.clock.now();
  return withTransaction(
    db,
    async (tx) => {
      const teams = await lockTeams(tx, requests);
      // Under the teams' locks a concurrent creation of the same externalId has committed by now.
      const known = await findTicketsByExternalIds(
        tx,
        requests.map((r) => r.input.externalId),
      );
      const seen = new Set(known.keys());
      const fresh = requests.filter(({ input }) => !seen.has(input.externalId) && seen.add(input.externalId));
      const routed = await route(tx, now, fresh, teams);
      const inserted = await insertTicketRows(
        tx,
        routed.map((r) => r.row),
      );
      await insertAssignments(
        tx,
        routed.map(({ row, team, decision }) => ({
          ticketId: inserted.get(row.externalId)!.id,
          assigneeId: decision.assigneeId,
          teamId: team.id,
          reason: assignmentReason(decision),
          createdAt: now,
        })),
      );
      // One statement for every ticket's events and audit entries, each under its own request's correlation id.
      const events = routed.flatMap(({ request, row, team, decision }) => {
        const { id, number, requesterEmailIndex } = inserted.get(row.externalId)!;
        const ticket = {
          ...row,
          id,
          number,
          requesterEmailIndex,
          firstResponseDueAt: row.sla.firstResponseDueAt,
        };
        const { correlationId } = request;
        return openingEvents(ticket, team.id, decision).map((event) => ({ ...event, correlationId }));
      });
      await recordEvents(tx, context, events);
      const lastAssigned = new Set(routed.flatMap(({ decision }) => decision.assigneeId ?? []));
      for (const agentId of lastAssigned) await markAssigned(tx, agentId, now);
      const made = new Set(fresh);
      return requests.map((request) => {
        const { externalId } = request.input;
        const ticket = known.get(externalId) ?? inserted.get(externalId)!;
        return { created: made.has(request), id: ticket.id, number: ticket.number };
      });
    },
    { preset: "batch" },
  );
}
