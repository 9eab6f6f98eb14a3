import type { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/transaction.ts";
import type { SignalInput } from "./contract.ts";
import type { MitigationStatus, RiskCaseStatus, RiskLevel, RiskResolution } from "./types.ts";
import { decryptProfile } from "./pii-profile.ts";

// Row locks and writes of one case at a time: its state, its mitigation actions, its links; and the escalation claim.

// ── Case and action state ────────────────────────────────────────────────────

const lockedCaseSelect = {
  id: true,
  number: true,
  type: true,
  subjectType: true,
  subjectId: true,
  status: true,
  level: true,
  score: true,
  openedAt: true,
  ownerId: true,
  acknowledgedAt: true,
  escalatedAt: true,
  version: true,
  actions: { select: { id: true, status: true } },
} as const;

/** The case with its actions' states, its row locked until the transaction ends. */
export async function lockCase(tx: Tx, caseId: string) {
  const locked = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "RiskCase" WHERE id = ${caseId}::uuid FOR UPDATE`;
  if (locked.length === 0) return null;
  return tx.riskCase.findUnique({ where: { id: caseId }, select: lockedCaseSelect });
}

export interface CasePatch {
  status?: RiskCaseStatus;
  ownerId?: string | null;
  acknowledgedAt?: Date;
  escalatedAt?: Date;
  resolution?: RiskResolution;
  resolutionNote?: string | null;
  closedAt?: Date;
  openKey?: null;
}

export async function updateCase(tx: Tx, caseId: string, patch: CasePatch): Promise<void> {
  await tx.riskCase.update({ where: { id: caseId }, data: { ...patch, version: { increment: 1 } } });
}

/** One shape for a mitigation action, read and written alike. */
export const actionSelect = {
  id: true,
  caseId: true,
  kind: true,
  status: true,
  dueAt: true,
  note: true,
  result: true,
  startedAt: true,
  completedAt: true,
  createdAt: true,
  owner: { select: { id: true, name: true } },
} as const;

export type ActionRow = Prisma.MitigationActionGetPayload<{ select: typeof actionSelect }>;

export async function findAction(tx: Tx, caseId: string, actionId: string): Promise<ActionRow | null> {
  return tx.mitigationAction.findFirst({ where: { id: actionId, caseId }, select: actionSelect });
}

export async function insertAction(
  tx: Tx,
  data: {
    caseId: string;
    kind: string;
    status: MitigationStatus;
    ownerId: string | null;
    dueAt: Date | null;
    note: string | null;
    startedAt: Date | null;
    createdAt: Date;
  },
): Promise<ActionRow> {
  return tx.mitigationAction.create({ data, select: actionSelect });
}

export async function updateAction(
  tx: Tx,
  actionId: string,
  patch: {
    status: MitigationStatus;
    startedAt?: Date | null;
    completedAt?: Date | null;
    result?: string | null;
    note?: string | null;
  },
): Promise<ActionRow> {
  return tx.mitigationAction.update({ where: { id: actionId }, data: patch, select: actionSelect });
}

export async function activeUserExists(tx: Tx, userId: string): Promise<boolean> {
  return (await tx.user.count({ where: { id: userId, disabledAt: null } })) > 0;
}

export async function findSubjectProfile(
  tx: Tx,
  subject: { subjectType: SignalInput["subjectType"]; subjectId: string },
) {
  return decryptProfile(
    await tx.riskSubjectProfile.findUnique({ where: { subjectType_subjectId: subject } }),
  );
}

/** Links a ticket to a case; false when the ticket is unknown or already linked. */
export async function insertTicketLink(tx: Tx, caseId: string, ticketId: string, now: Date) {
  const ticket = await tx.ticket.findUnique({ where: { id: ticketId }, select: { id: true, number: true } });
  if (!ticket) return { ticket: null, linked: false };
  const created = await tx.riskCaseTicketLink.createMany({
    data: [{ caseId, ticketId, createdAt: now }],
    skipDuplicates: true,
  });
  return { ticket, linked: created.count > 0 };
}

// ── Escalation ───────────────────────────────────────────────────────────────

/** Unacknowledged critical cases past their deadline, locked; rows another run holds are skipped, not awaited. */
export async function lockOverdueCriticalCases(tx: Tx, now: Date, limit: number) {
  return tx.$queryRaw<
    {
      id: string;
      number: number;
      type: string;
      level: RiskLevel;
      openedAt: Date;
      acknowledgedAt: Date | null;
      escalatedAt: Date | null;
      status: RiskCaseStatus;
    }[]
  >`
    SELECT id, number, type::text AS type, level::text AS level, "openedAt", "acknowledgedAt", "escalatedAt", status::text AS status
      FROM "RiskCase"
     WHERE level = 'critical' AND status <> 'closed' AND "acknowledgedAt" IS NULL AND "escalatedAt" IS NULL
       AND "ackDueAt" <= ${now}
     ORDER BY "ackDueAt"
     LIMIT ${limit}
       FOR UPDATE SKIP LOCKED`;
}
