import { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/transaction.ts";
import { priorityWeight } from "./routing.ts";
import {
  ACTIVE_STATUSES,
  TICKET_PRIORITIES,
  isTicketCategory,
  type TicketCategory,
  type TicketPriority,
} from "./types.ts";

// What routing needs from the database: a per-team lock and every agent's current weighted load.

/** The load weight of a ticket row's priority, in SQL, generated from priorityWeight so the two never differ. */
const PRIORITY_WEIGHT_SQL = Prisma.raw(
  `CASE t.priority ${TICKET_PRIORITIES.map((p) => `WHEN '${p}' THEN ${priorityWeight(p)}`).join(" ")} END`,
);

/**
 * Serializes routing decisions of one team until the transaction ends, so concurrent creations see each
 * other's assignments and nobody goes over capacity.
 */
export async function lockTeamRouting(tx: Tx, teamId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`ticket-routing:${teamId}`}, 0))`;
}

export interface AgentWithLoad {
  id: string;
  skills: TicketCategory[];
  languages: string[];
  capacity: number;
  shiftStartMin: number;
  shiftEndMin: number;
  workDays: number[];
  lastAssignedAt: Date | null;
  load: number;
}

interface AgentRow extends Omit<AgentWithLoad, "skills"> {
  skills: string[];
}

/** SQL: the summed weight of the open tickets assigned to the user in column `userId`. */
export function loadOf(userId: string): Prisma.Sql {
  return Prisma.sql`coalesce((SELECT sum(${PRIORITY_WEIGHT_SQL}) FROM "Ticket" t
      WHERE t."assigneeId" = ${Prisma.raw(userId)} AND t.status = ANY(${[...ACTIVE_STATUSES]}::"TicketStatus"[])), 0)::int`;
}

/** Active members of the team with an agent profile, and the summed weight of their open tickets. */
export async function agentsWithLoad(tx: Tx, teamId: string): Promise<AgentWithLoad[]> {
  const rows = await tx.$queryRaw<AgentRow[]>`
    SELECT u.id, p.skills::text[] AS skills, p.languages, p.capacity, p."shiftStartMin", p."shiftEndMin",
           p."workDays", p."lastAssignedAt", ${loadOf("u.id")} AS load
      FROM "User" u JOIN "AgentProfile" p ON p."userId" = u.id
     WHERE u."teamId" = ${teamId}::uuid AND u."disabledAt" IS NULL
     ORDER BY u.id`;
  return rows.map((row) => ({ ...row, skills: row.skills.filter(isTicketCategory) }));
}

/** An agent's capacity and current load; null for a user without an agent profile (no capacity to respect). */
export async function agentLoad(
  tx: Tx,
  userId: string,
): Promise<{ name: string; capacity: number; load: number } | null> {
  const [row] = await tx.$queryRaw<{ name: string; capacity: number; load: number }[]>`
    SELECT u.name, p.capacity, ${loadOf('p."userId"')} AS load
      FROM "AgentProfile" p JOIN "User" u ON u.id = p."userId"
     WHERE p."userId" = ${userId}::uuid`;
  return row ?? null;
}

/** A ticket's team and number: where capacity was freed, and how the routing reason names the ticket. */
export async function ticketTeamAndNumber(
  tx: Tx,
  ticketId: string,
): Promise<{ teamId: string; number: number } | null> {
  return tx.ticket.findUnique({ where: { id: ticketId }, select: { teamId: true, number: true } });
}

export interface WaitingTicketRow {
  id: string;
  priority: TicketPriority;
  category: TicketCategory;
  language: string;
}

/**
 * The team's tickets that routing left unassigned (their latest assignment is routing's own "nobody"), most urgent
 * first: the queue's SLA order, then priority, then age. A ticket a person unassigned stays where they put it.
 * Locked until the transaction ends so a concurrent edit cannot slip between reading and assigning.
 */
export async function waitingTickets(tx: Tx, teamId: string, limit: number): Promise<WaitingTicketRow[]> {
  return tx.$queryRaw<WaitingTicketRow[]>`
    SELECT t.id, t.priority::text AS priority, t.category::text AS category, t.language
      FROM "Ticket" t
     WHERE t."teamId" = ${teamId}::uuid AND t."assigneeId" IS NULL
       AND t.status = ANY(${[...ACTIVE_STATUSES]}::"TicketStatus"[])
       AND (SELECT a."decidedBy" = 'auto' AND a."assigneeId" IS NULL
              FROM "TicketAssignment" a WHERE a."ticketId" = t.id
             ORDER BY a."createdAt" DESC, a.id DESC LIMIT 1)
     ORDER BY t."slaDueAt" NULLS LAST, t.priority, t."createdAt", t.id
     LIMIT ${limit}
       FOR UPDATE OF t`;
}
