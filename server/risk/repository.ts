import type { Prisma } from "../db/generated/client.ts";
import type { SignalInput } from "./contract.ts";
import { attributesFrom, contributionsJson } from "./json.ts";
import type { Contribution, ScorableSignal } from "./score.ts";
import type { MitigationStatus, RiskCaseStatus, RiskLevel, RiskResolution } from "./types.ts";

// Writes and row locks of the risk cases. Every function runs inside the caller's transaction.

export type Tx = Prisma.TransactionClient;

// Namespace of the risk area's advisory locks (pg_advisory_xact_lock(int, int)); the second int is a hash.
const RISK_LOCK_NAMESPACE = 0x52_49_53;

/** Serialises ingest per dedupe key, so two concurrent signals of one subject never open two cases. */
export async function lockOpenKey(tx: Tx, openKey: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${RISK_LOCK_NAMESPACE}::int, hashtext(${openKey}))`;
}

export async function findKnownSignals(tx: Tx, sourceEventIds: readonly string[]) {
  return tx.riskSignal.findMany({
    where: { sourceEventId: { in: [...sourceEventIds] } },
    select: { sourceEventId: true, caseId: true },
  });
}

export async function findCaseScores(tx: Tx, ids: readonly string[]) {
  return tx.riskCase.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, score: true, level: true },
  });
}

export async function findUnknownCityIds(tx: Tx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const known = await tx.city.findMany({ where: { id: { in: [...ids] } }, select: { id: true } });
  const knownIds = new Set(known.map((city) => city.id));
  return ids.filter((id) => !knownIds.has(id));
}

export interface OpenCaseRow {
  id: string;
  openedAt: Date;
  status: RiskCaseStatus;
  score: number;
  level: RiskLevel;
}

/** The case holding `openKey`, locked; a case closed meanwhile no longer holds the key and is not returned. */
export async function findOpenCaseForUpdate(tx: Tx, openKey: string): Promise<OpenCaseRow | null> {
  const rows = await tx.$queryRaw<OpenCaseRow[]>`
    SELECT id, "openedAt", status::text AS status, score, level::text AS level
      FROM "RiskCase" WHERE "openKey" = ${openKey} FOR UPDATE`;
  return rows[0] ?? null;
}

/** The window of the open case ran out: it stays open for its owner but stops collecting signals. */
export async function releaseOpenKey(tx: Tx, caseId: string): Promise<void> {
  await tx.riskCase.update({ where: { id: caseId }, data: { openKey: null } });
}

const scorableSelect = { type: true, attributes: true, observedAt: true, sourceEventId: true } as const;

function toScorable(row: {
  type: ScorableSignal["type"];
  attributes: Prisma.JsonValue;
  observedAt: Date;
  sourceEventId: string;
}) {
  return {
    type: row.type,
    attributes: attributesFrom(row.attributes),
    observedAt: row.observedAt,
    sourceEventId: row.sourceEventId,
  };
}

export async function loadCaseSignals(tx: Tx, caseId: string): Promise<ScorableSignal[]> {
  const rows = await tx.riskSignal.findMany({ where: { caseId }, select: scorableSelect });
  return rows.map(toScorable);
}

/** The subject's signals of every type observed in [from, to], for history rules. */
export async function loadSubjectSignals(
  tx: Tx,
  subject: Pick<SignalInput, "subjectType" | "subjectId">,
  from: Date,
  to: Date,
): Promise<ScorableSignal[]> {
  const rows = await tx.riskSignal.findMany({
    where: {
      subjectType: subject.subjectType,
      subjectId: subject.subjectId,
      observedAt: { gte: from, lte: to },
    },
    select: scorableSelect,
  });
  return rows.map(toScorable);
}

export interface Assessment {
  score: number;
  level: RiskLevel;
  contributions: readonly Contribution[];
  ruleSetVersion: number;
  queue: string;
  ackDueAt: Date | null;
}

export async function insertCase(
  tx: Tx,
  data: Assessment &
    Pick<SignalInput, "type" | "subjectType" | "subjectId"> & {
      openKey: string;
      cityId: string | null;
      openedAt: Date;
    },
) {
  return tx.riskCase.create({
    data: { ...data, contributions: contributionsJson(data.contributions) },
    select: { id: true, number: true },
  });
}

export async function saveAssessment(tx: Tx, caseId: string, assessment: Assessment): Promise<void> {
  await tx.riskCase.update({
    where: { id: caseId },
    data: {
      ...assessment,
      contributions: contributionsJson(assessment.contributions),
      version: { increment: 1 },
    },
  });
}

export async function insertSignals(
  tx: Tx,
  caseId: string,
  signals: readonly SignalInput[],
  receivedAt: Date,
): Promise<void> {
  await tx.riskSignal.createMany({
    data: signals.map((signal) => ({
      sourceEventId: signal.sourceEventId,
      type: signal.type,
      subjectType: signal.subjectType,
      subjectId: signal.subjectId,
      attributes: signal.attributes,
      observedAt: signal.observedAt,
      receivedAt,
      cityId: signal.cityId ?? null,
      caseId,
    })),
  });
}

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

const actionSelect = {
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
  return tx.riskSubjectProfile.findUnique({ where: { subjectType_subjectId: subject } });
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
      level: RiskLevel;
      openedAt: Date;
      acknowledgedAt: Date | null;
      escalatedAt: Date | null;
      status: RiskCaseStatus;
    }[]
  >`
    SELECT id, number, level::text AS level, "openedAt", "acknowledgedAt", "escalatedAt", status::text AS status
      FROM "RiskCase"
     WHERE level = 'critical' AND status <> 'closed' AND "acknowledgedAt" IS NULL AND "escalatedAt" IS NULL
       AND "ackDueAt" <= ${now}
     ORDER BY "ackDueAt"
     LIMIT ${limit}
       FOR UPDATE SKIP LOCKED`;
}
