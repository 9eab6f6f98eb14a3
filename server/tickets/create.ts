import type { Db } from "../db/client.ts";
import { withTransaction, type Queryable } from "../db/transaction.ts";
import { recordEvents, type DomainEventInput } from "../events/record.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { assignmentReason } from "./assignment-reason.ts";
import { teamByKey } from "./calendars.ts";
import { namedCityId } from "./cities.ts";
import type { CreateTicketInput, TicketDetailDto } from "./contract.ts";
import { toTicketDetail } from "./present.ts";
import {
  createTicketRow,
  findTicketByExternalId,
  insertAssignment,
  markAssigned,
  type TicketRecord,
} from "./repository.ts";
import { agentsWithLoad, lockTeamRouting } from "./routing-repository.ts";
import { isOnShift, pickAssignee, teamForCategory, type RoutingDecision } from "./routing.ts";
import { pausesJson, storedSla, type StoredSla } from "./sla-fields.ts";
import type { BusinessCalendar, TicketPriority } from "./types.ts";

export interface CreatedTicket {
  /** False when a ticket with the same externalId already existed and was returned instead. */
  created: boolean;
  ticket: TicketDetailDto;
}

/** The SLA columns of a ticket opened now; an unassigned one is also checked when its SLA nears. */
export function openingSla(
  priority: TicketPriority,
  calendar: BusinessCalendar,
  now: Date,
  unassigned: boolean,
): StoredSla {
  const opening = {
    createdAt: now,
    priority,
    slaPauses: [],
    slaPausedAt: null,
    firstRespondedAt: null,
    resolvedAt: null,
    firstResponseBreachedAt: null,
    resolutionBreachedAt: null,
  };
  return storedSla(opening, calendar, now, unassigned);
}

interface OpenedTicket {
  id: string;
  number: number;
  priority: TicketPriority;
  category: string;
  source: string;
  cityId: string | null;
  externalId: string | null;
  firstResponseDueAt: Date | null;
  restaurantId: string | null;
  /** The keyed hash of the requester's address (never the address). */
  requesterEmailIndex: string | null;
}

/** TicketCreated, and TicketAssigned when routing found an agent: recorded with the new row. */
export function openingEvents(
  ticket: OpenedTicket,
  teamId: string,
  decision: RoutingDecision,
): DomainEventInput[] {
  const base = { aggregateType: "ticket", aggregateId: ticket.id } as const;
  const created: DomainEventInput = {
    ...base,
    type: "TicketCreated",
    payload: {
      number: ticket.number,
      priority: ticket.priority,
      category: ticket.category,
      source: ticket.source,
      teamId,
      cityId: ticket.cityId,
      externalId: ticket.externalId,
      // On-call schedules its "first response near and nobody on it" check from this.
      firstResponseDueAt: ticket.firstResponseDueAt?.toISOString() ?? null,
      // Incident correlation keys on the restaurant and counts distinct requesters by their address's hash.
      restaurantId: ticket.restaurantId,
      requesterKey: ticket.requesterEmailIndex,
    },
  };
  if (decision.assigneeId === null) return [created];
  return [
    created,
    {
      ...base,
      type: "TicketAssigned",
      payload: { from: null, to: decision.assigneeId, decidedBy: "auto", rule: decision.reason.rule },
    },
  ];
}

async function existing(db: Queryable, record: TicketRecord, now: Date): Promise<CreatedTicket> {
  const team = await teamByKey(db, record.team.key);
  return { created: false, ticket: toTicketDetail(record, team.calendar, now) };
}

/**
 * Creates a ticket in its category's team and routes it to the least loaded eligible agent. Routing holds the
 * team's advisory lock while it reads loads and assigns, so concurrent creations never overfill an agent.
 */
export async function createTicket(
  db: Db,
  context: ServiceContext,
  input: CreateTicketInput,
): Promise<CreatedTicket> {
  const now = context.clock.now();
  const { city, cityId: givenCityId, ...fields } = input;
  return withTransaction(db, async (tx) => {
    const team = await teamByKey(tx, teamForCategory(input.category));
    await lockTeamRouting(tx, team.id);
    // A repeated externalId answers with its ticket. Under the team's lock a concurrent twin has committed by now;
    // a twin of another category fails on the unique index instead, and withTransaction's retry lands here.
    const found = input.externalId === undefined ? null : await findTicketByExternalId(tx, input.externalId);
    if (found !== null) return existing(tx, found, now);
    const cityId = await namedCityId(tx, { city, cityId: givenCityId });
    const agents = await agentsWithLoad(tx, team.id);
    const decision = pickAssignee(
      input,
      agents.map((agent) => ({ ...agent, onShift: isOnShift(agent, now, team.calendar.timezone) })),
    );
    const sla = openingSla(input.priority, team.calendar, now, decision.assigneeId === null);
    const ticket = await createTicketRow(tx, {
      ...fields,
      cityId,
      teamId: team.id,
      assigneeId: decision.assigneeId,
      ...sla,
      slaPauses: pausesJson([]),
      createdAt: now,
      updatedAt: now,
    });
    await insertAssignment(tx, {
      ticketId: ticket.id,
      assigneeId: decision.assigneeId,
      teamId: team.id,
      decidedBy: "auto",
      reason: assignmentReason(decision),
      createdAt: now,
    });
    await recordEvents(tx, context, openingEvents(ticket, team.id, decision));
    if (decision.assigneeId !== null) await markAssigned(tx, decision.assigneeId, now);
    return { created: true, ticket: toTicketDetail(ticket, team.calendar, now) };
  });
}
