import type { Role } from "../../auth/permissions.ts";
import type { BusinessCalendar } from "../../lib/business-calendar.ts";
import { CALENDAR_COLUMNS, toBusinessCalendar } from "../../db/calendar-columns.ts";
import type { Queryable, Tx } from "../../db/transaction.ts";

// Step SLA clocks (WorkflowStepSla): the only Prisma user for them. A claim sets its mark in the UPDATE that
// takes the row (SKIP LOCKED, and only while the mark is null), so two sweeps never both remind or escalate.

export interface SlaStep {
  stepId: string;
  instanceId: string;
  state: string | null;
  activatedAt: Date | null;
  ownerIds: string[];
}

/** The current-round row of an instance's step. */
export async function findSlaStep(
  db: Queryable,
  instanceId: string,
  round: number,
  key: string,
): Promise<SlaStep | null> {
  const row = await db.workflowStep.findFirst({
    where: { instanceId, round, key, position: { gt: 0 } },
    select: { id: true, instanceId: true, state: true, activatedAt: true, ownerIds: true },
  });
  return row ? { stepId: row.id, ...row } : null;
}

export async function teamsOf(db: Queryable, userIds: readonly string[]) {
  const rows = await db.user.findMany({
    where: { id: { in: [...userIds] } },
    select: { id: true, team: { select: { key: true } } },
  });
  return rows.map((row) => ({ userId: row.id, teamKey: row.team?.key ?? null }));
}

export async function teamCalendar(
  db: Queryable,
  teamKey: string,
): Promise<{ calendarId: string; calendar: BusinessCalendar } | null> {
  const team = await db.team.findUnique({
    where: { key: teamKey },
    select: {
      calendar: { select: { id: true, ...CALENDAR_COLUMNS } },
    },
  });
  if (!team) return null;
  const { id, ...calendar } = team.calendar;
  return { calendarId: id, calendar: toBusinessCalendar(calendar) };
}

/** Starts the step's SLA clock once: a redelivered assignment finds the row. */
export async function insertStepSla(
  tx: Tx,
  row: { stepId: string; instanceId: string; calendarId: string | null; remindAt: Date; escalateAt: Date },
): Promise<boolean> {
  const { count } = await tx.workflowStepSla.createMany({ data: [row], skipDuplicates: true });
  return count === 1;
}

export interface ClaimedSla {
  stepId: string;
  instanceId: string;
}

/** Marks up to `limit` due reminders of still active steps as sent; a step already due to escalate is left to it. */
export function claimReminders(tx: Tx, now: Date, limit: number): Promise<ClaimedSla[]> {
  return tx.$queryRaw<ClaimedSla[]>`
    UPDATE "WorkflowStepSla" q SET "remindedAt" = ${now}
      FROM (SELECT c."stepId"
              FROM "WorkflowStepSla" c JOIN "WorkflowStep" s ON s.id = c."stepId"
             WHERE c."remindAt" <= ${now} AND c."escalateAt" > ${now} AND c."remindedAt" IS NULL
               AND s.state = 'active'
             ORDER BY c."remindAt"
             LIMIT ${limit}
               FOR UPDATE OF c SKIP LOCKED) due
     WHERE q."stepId" = due."stepId" AND q."remindedAt" IS NULL
    RETURNING q."stepId", q."instanceId"`;
}

/** Marks up to `limit` due escalations of still active steps (and their reminder, if it never went out). */
export function claimEscalations(tx: Tx, now: Date, limit: number): Promise<ClaimedSla[]> {
  return tx.$queryRaw<ClaimedSla[]>`
    UPDATE "WorkflowStepSla" q SET "escalatedAt" = ${now}, "remindedAt" = coalesce(q."remindedAt", ${now})
      FROM (SELECT c."stepId"
              FROM "WorkflowStepSla" c JOIN "WorkflowStep" s ON s.id = c."stepId"
             WHERE c."escalateAt" <= ${now} AND c."escalatedAt" IS NULL AND s.state = 'active'
             ORDER BY c."escalateAt"
             LIMIT ${limit}
               FOR UPDATE OF c SKIP LOCKED) due
     WHERE q."stepId" = due."stepId" AND q."escalatedAt" IS NULL
    RETURNING q."stepId", q."instanceId"`;
}

/** The claimed step with what its event needs: its key, owners, delegates, and its instance's pinned version. */
export function claimedStepDetail(db: Queryable, stepId: string) {
  return db.workflowStep.findUnique({
    where: { id: stepId },
    select: {
      key: true,
      kind: true,
      ownerIds: true,
      delegateIds: true,
      dueAt: true,
      instance: {
        select: {
          id: true,
          state: true,
          round: true,
          subjectType: true,
          subjectId: true,
          template: { select: { key: true } },
          version: { select: { number: true, definition: true } },
        },
      },
    },
  });
}

/** The leads of the teams the owners belong to. */
export async function managersOf(db: Queryable, ownerIds: readonly string[]): Promise<string[]> {
  const rows = await db.user.findMany({
    where: { id: { in: [...ownerIds] }, team: { leadId: { not: null } } },
    select: { team: { select: { leadId: true } } },
  });
  return [...new Set(rows.flatMap((row) => (row.team?.leadId ? [row.team.leadId] : [])))];
}

export async function holdersOf(db: Queryable, role: Role): Promise<string[]> {
  const rows = await db.user.findMany({
    where: { roles: { has: role }, disabledAt: null },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return rows.map((row) => row.id);
}
