import type { Db } from "../db/client.ts";
import { withTransaction, type Tx } from "../db/transaction.ts";
import { recordEvent } from "../events/record.ts";
import { AppError, isAppError } from "../lib/errors.ts";
import { logger } from "../lib/logger.ts";
import { actingUser, type ServiceContext } from "../lib/service-context.ts";
import { setSpanObject } from "../lib/telemetry/spans.ts";
import { seesTeam, signedInUser, teamScope, ticketNotFound, type TeamScope } from "./access.ts";
import { teamById, teamByKey } from "./calendars.ts";
import { planChange } from "./change.ts";
import type { ChangeRequest, CommentInput, TicketChange, TicketDetailDto, UpdateInput } from "./contract.ts";
import { toTicketDetail } from "./present.ts";
import {
  findTeamMember,
  findTicket,
  insertAssignment,
  insertComment,
  updateTicketIfVersion,
  type TicketRecord,
} from "./repository.ts";
import { isActiveStatus, type TicketPriority, type TicketStatus } from "./types.ts";
import { hasRoomFor, priorityWeight, teamForCategory } from "./routing.ts";
import { agentLoad, lockTeamRouting } from "./routing-repository.ts";

async function conflict(tx: Tx, id: string, now: Date): Promise<AppError> {
  const current = await findTicket(tx, id);
  if (current === null) return ticketNotFound(id);
  const team = await teamById(tx, current.teamId);
  return new AppError(
    "CONFLICT",
    "The ticket changed since you loaded it; review the current version and retry.",
    {
      details: { current: toTicketDetail(current, team.calendar, now) },
    },
  );
}

async function checkedAssignee(
  tx: Tx,
  assigneeId: string | null | undefined,
  team: { id: string; name: string },
) {
  if (assigneeId === undefined || assigneeId === null) return;
  const member = await findTeamMember(tx, assigneeId);
  if (member === null)
    throw new AppError("UNPROCESSABLE", `assigneeId: there is no active user ${assigneeId}.`);
  if (member.teamId !== team.id) {
    throw new AppError(
      "UNPROCESSABLE",
      `assigneeId: ${member.name} is not a member of ${team.name}, which owns the ticket.`,
    );
  }
}

/**
 * A ticket handed to someone counts against their capacity exactly as a routed one does. Taken under the team's
 * routing lock, so manual assignments and routing racing for the same agent cannot both squeeze in.
 */
async function checkedCapacity(
  tx: Tx,
  teamId: string,
  assigneeId: string,
  ticket: { status: TicketStatus; priority: TicketPriority },
) {
  if (!isActiveStatus(ticket.status)) return;
  await lockTeamRouting(tx, teamId);
  const agent = await agentLoad(tx, assigneeId);
  if (agent === null || hasRoomFor(agent, ticket.priority)) return;
  throw new AppError(
    "UNPROCESSABLE",
    `assigneeId: ${agent.name} is at capacity (load ${agent.load} of ${agent.capacity}; a ${ticket.priority} ticket adds ${priorityWeight(ticket.priority)}).`,
  );
}

/** One change in the caller's transaction: the version it names must still be the ticket's. */
export async function applyChange(tx: Tx, context: ServiceContext, scope: TeamScope, request: ChangeRequest) {
  const now = context.clock.now();
  const current = await findTicket(tx, request.id);
  if (current === null || !seesTeam(scope, current.teamId)) throw ticketNotFound(request.id);
  const version = request.version ?? current.version;
  if (current.version !== version) throw await conflict(tx, request.id, now);
  const { change } = request;
  const team = change.category
    ? await teamByKey(tx, teamForCategory(change.category))
    : await teamById(tx, current.teamId);
  // Moving to another team leaves the current assignee behind unless the change names a new one.
  const assigneeId = change.assigneeId === undefined && team.id !== current.teamId ? null : change.assigneeId;
  await checkedAssignee(tx, assigneeId, team);
  const plan = planChange(
    current,
    { ...change, assigneeId, teamId: team.id, publicReply: request.comment?.visibility === "public" },
    team.calendar,
    now,
  );
  if (!plan.ok) throw new AppError("UNPROCESSABLE", plan.reason);
  if (plan.patch.assigneeId !== null && plan.patch.assigneeId !== current.assigneeId) {
    await checkedCapacity(tx, team.id, plan.patch.assigneeId, plan.patch);
  }
  if (!(await updateTicketIfVersion(tx, request.id, version, { ...plan.patch, updatedAt: now }))) {
    throw await conflict(tx, request.id, now);
  }
  await recordSideEffects(tx, context, current, plan.events, request.comment, now);
  const updated = await findTicket(tx, request.id);
  if (updated === null) throw ticketNotFound(request.id);
  return toTicketDetail(updated, team.calendar, now);
}

async function recordSideEffects(
  tx: Tx,
  context: ServiceContext,
  current: TicketRecord,
  events: ReturnType<typeof planChange> extends infer P
    ? P extends { ok: true; events: infer E }
      ? E
      : never
    : never,
  comment: ChangeRequest["comment"],
  now: Date,
) {
  const base = { aggregateType: "ticket", aggregateId: current.id } as const;
  for (const event of events) {
    if (event.type === "TicketAssigned") {
      await insertAssignment(tx, {
        ticketId: current.id,
        assigneeId: event.payload.to,
        teamId: current.teamId,
        decidedBy: "manual",
        reason: { rule: "manual", by: context.actor.id, from: current.assigneeId },
        createdAt: now,
      });
    }
    await recordEvent(tx, context, { ...base, type: event.type, payload: event.payload });
  }
  if (comment !== undefined) {
    const created = await insertComment(tx, {
      ticketId: current.id,
      authorId: actingUser(context)?.id ?? null,
      visibility: comment.visibility,
      body: comment.body,
      createdAt: now,
    });
    await recordEvent(tx, context, {
      ...base,
      type: "TicketCommented",
      payload: { commentId: created.id, visibility: comment.visibility },
    });
  }
}

/** One change (and optional comment) in one transaction: all of it or none. */
export async function changeTicket(
  db: Db,
  context: ServiceContext,
  request: ChangeRequest,
): Promise<TicketDetailDto> {
  const scope = teamScope(context);
  // Named before the transaction, so a refused or conflicting change is found by the ticket's id too.
  setSpanObject("ticket", request.id);
  return withTransaction(db, (tx) => applyChange(tx, context, scope, request));
}

export function updateTicket(db: Db, context: ServiceContext, input: UpdateInput): Promise<TicketDetailDto> {
  const { id, version, ...change } = input;
  return changeTicket(db, context, { id, version, change });
}

export function commentOnTicket(
  db: Db,
  context: ServiceContext,
  input: CommentInput,
): Promise<TicketDetailDto> {
  const { id, version, body, visibility } = input;
  return changeTicket(db, context, { id, version, change: {}, comment: { body, visibility } });
}

export function assignToMe(db: Db, context: ServiceContext, input: { id: string; version: number }) {
  const user = signedInUser(context, "assignToMe");
  return changeTicket(db, context, { id: input.id, version: input.version, change: { assigneeId: user.id } });
}

const BULK_CONCURRENCY = 4;

type BulkResult = { id: string; ok: boolean; error?: { code: string; message: string } };

/** Every ticket in its own transaction: one refusal or conflict leaves the others applied. */
export async function bulkUpdateTickets(
  db: Db,
  context: ServiceContext,
  input: { ids: string[]; change: TicketChange },
): Promise<{ results: BulkResult[] }> {
  const scope = teamScope(context);
  const ids = [...new Set(input.ids)];
  const results: BulkResult[] = [];
  for (let i = 0; i < ids.length; i += BULK_CONCURRENCY) {
    const batch = ids.slice(i, i + BULK_CONCURRENCY).map(async (id): Promise<BulkResult> => {
      try {
        await withTransaction(db, (tx) =>
          applyChange(tx, context, scope, { id, version: null, change: input.change }),
        );
        return { id, ok: true };
      } catch (error) {
        if (isAppError(error))
          return { id, ok: false, error: { code: error.code, message: error.userMessage } };
        logger.error({ err: error, ticketId: id }, "bulk ticket update failed");
        return { id, ok: false, error: { code: "INTERNAL", message: "Unexpected error." } };
      }
    });
    results.push(...(await Promise.all(batch)));
  }
  return { results };
}
