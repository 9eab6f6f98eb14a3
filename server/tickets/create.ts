import type { Db } from "../db/client.ts";
import { recordEvent } from "../events/record.ts";
import { AppError } from "../lib/errors.ts";
import type { TicketCaller } from "./access.ts";
import { assignmentReason } from "./assignment-reason.ts";
import { teamByKey } from "./calendars.ts";
import type { CreateTicketInput, TicketDetailDto } from "./contract.ts";
import { toTicketDetail } from "./present.ts";
import {
  cityExists,
  createTicketRow,
  findTicketByExternalId,
  insertAssignment,
  isUniqueViolation,
  markAssigned,
  TICKET_TX_OPTIONS,
  type TicketRecord,
} from "./repository.ts";
import { agentsWithLoad, lockTeamRouting } from "./routing-repository.ts";
import { isOnShift, pickAssignee, teamForCategory } from "./routing.ts";
import { pausesJson, storedSla } from "./sla-fields.ts";

export interface CreatedTicket {
  /** False when a ticket with the same externalId already existed and was returned instead. */
  created: boolean;
  ticket: TicketDetailDto;
}

async function existing(db: Db, record: TicketRecord, now: Date): Promise<CreatedTicket> {
  const team = await teamByKey(db, record.team.key);
  return { created: false, ticket: toTicketDetail(record, team.calendar, now) };
}

/**
 * Creates a ticket in its category's team and routes it to the least loaded eligible agent. Routing holds the
 * team's advisory lock while it reads loads and assigns, so concurrent creations never overfill an agent.
 */
export async function createTicket(db: Db, caller: TicketCaller, input: CreateTicketInput, now: Date): Promise<CreatedTicket> {
  if (input.externalId !== undefined) {
    const found = await findTicketByExternalId(db, input.externalId);
    if (found) return existing(db, found, now);
  }
  if (input.cityId !== undefined && !(await cityExists(db, input.cityId))) {
    throw new AppError("UNPROCESSABLE", `cityId: no city ${input.cityId}.`);
  }
  const team = await teamByKey(db, teamForCategory(input.category));
  try {
    return await db.$transaction(async (tx) => {
      await lockTeamRouting(tx, team.id);
      const agents = await agentsWithLoad(tx, team.id);
      const decision = pickAssignee(
        input,
        agents.map((agent) => ({ ...agent, onShift: isOnShift(agent, now, team.calendar.timezone) })),
      );
      const sla = storedSla(
        {
          createdAt: now,
          priority: input.priority,
          slaPauses: [],
          slaPausedAt: null,
          firstRespondedAt: null,
          resolvedAt: null,
          firstResponseBreachedAt: null,
          resolutionBreachedAt: null,
        },
        team.calendar,
        now,
        decision.assigneeId === null,
      );
      const ticket = await createTicketRow(tx, {
        ...input,
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
      const base = { aggregateType: "ticket", aggregateId: ticket.id } as const;
      await recordEvent(tx, caller.events, {
        ...base,
        type: "TicketCreated",
        payload: {
          number: ticket.number,
          priority: ticket.priority,
          category: ticket.category,
          source: ticket.source,
          teamId: team.id,
          externalId: ticket.externalId,
        },
      });
      if (decision.assigneeId !== null) {
        await markAssigned(tx, decision.assigneeId, now);
        await recordEvent(tx, caller.events, {
          ...base,
          type: "TicketAssigned",
          payload: { from: null, to: decision.assigneeId, decidedBy: "auto", rule: decision.reason.rule },
        });
      }
      return { created: true, ticket: toTicketDetail(ticket, team.calendar, now) };
    }, TICKET_TX_OPTIONS);
  } catch (error) {
    // A concurrent request with the same externalId won the insert: answer with its ticket.
    if (input.externalId !== undefined && isUniqueViolation(error)) {
      const found = await findTicketByExternalId(db, input.externalId);
      if (found) return existing(db, found, now);
    }
    throw error;
  }
}
