import type { Prisma } from "../db/generated/client.ts";
import type { Queryable, Tx } from "../db/transaction.ts";
import type { SignalInput } from "./contract.ts";
import { groupBy } from "../lib/group-by.ts";
import { uuid7 } from "../events/uuid7.ts";
import { attributesFrom, contributionsJson } from "./json.ts";
import type { Contribution, HistorySignal, ScorableSignal } from "./score.ts";
import type { RiskCaseStatus, RiskLevel } from "./types.ts";

// Writes and row locks of the risk cases. Every function taking a Tx runs inside the caller's transaction.

// Namespace of the risk area's advisory locks (pg_advisory_xact_lock(int, int)); the second int is a hash.
const RISK_LOCK_NAMESPACE = 0x52_49_53;

/** Serialises ingest per dedupe key, in key order, so two concurrent batches never open two cases for one key. */
export async function lockOpenKeys(tx: Tx, sortedKeys: readonly string[]): Promise<void> {
  await tx.$executeRaw`
    SELECT pg_advisory_xact_lock(${RISK_LOCK_NAMESPACE}::int, hashtext(ordered.key))
      FROM (SELECT key FROM unnest(${[...sortedKeys]}::text[]) WITH ORDINALITY AS k(key, position) ORDER BY position) AS ordered`;
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
  openKey: string;
  openedAt: Date;
  status: RiskCaseStatus;
  score: number;
  level: RiskLevel;
  ruleSetVersion: number | null;
  contributions: Prisma.JsonValue;
}

/** The cases holding these keys, locked; a case closed meanwhile no longer holds its key and is not returned. */
export async function findOpenCasesForUpdate(
  tx: Tx,
  sortedKeys: readonly string[],
): Promise<Map<string, OpenCaseRow>> {
  const rows = await tx.$queryRaw<OpenCaseRow[]>`
    SELECT id, "openKey", "openedAt", status::text AS status, score, level::text AS level, "ruleSetVersion",
           contributions
      FROM "RiskCase" WHERE "openKey" = ANY(${[...sortedKeys]}::text[]) ORDER BY "openKey" FOR UPDATE`;
  return new Map(rows.map((row) => [row.openKey, row]));
}

/** Open cases whose window ran out stay open for their owners but stop collecting signals. */
export async function releaseOpenKeys(tx: Tx, caseIds: readonly string[]): Promise<void> {
  if (caseIds.length === 0) return;
  await tx.riskCase.updateMany({ where: { id: { in: [...caseIds] } }, data: { openKey: null } });
}

interface SignalRow {
  type: ScorableSignal["type"];
  attributes: Prisma.JsonValue;
  observedAt: Date;
  sourceEventId: string;
}

function toScorable(row: SignalRow): ScorableSignal {
  return {
    type: row.type,
    attributes: attributesFrom(row.attributes),
    observedAt: row.observedAt,
    sourceEventId: row.sourceEventId,
  };
}

/** Rows grouped by key, each turned into what the scorer takes. */
function groupedAs<T, S>(rows: readonly T[], keyOf: (row: T) => string, as: (row: T) => S): Map<string, S[]> {
  return new Map([...groupBy(rows, keyOf)].map(([key, group]) => [key, group.map(as)]));
}

const toHistory = ({ type, observedAt, sourceEventId }: HistorySignal): HistorySignal => ({
  type,
  observedAt,
  sourceEventId,
});

export async function loadSignalsOfCases(
  tx: Tx,
  caseIds: readonly string[],
): Promise<Map<string, ScorableSignal[]>> {
  if (caseIds.length === 0) return new Map();
  const rows = await tx.riskSignal.findMany({
    where: { caseId: { in: [...caseIds] } },
    select: { caseId: true, type: true, attributes: true, observedAt: true, sourceEventId: true },
  });
  return groupedAs(rows, (row) => row.caseId ?? "", toScorable);
}

/** The signals of these cases by type and time only, for a re-score that has their attribute matches counted. */
export async function loadSignalTimesOfCases(
  tx: Tx,
  caseIds: readonly string[],
): Promise<Map<string, HistorySignal[]>> {
  if (caseIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<(HistorySignal & { caseId: string })[]>`
    SELECT "caseId"::text AS "caseId", type::text AS type, "observedAt", "sourceEventId"
      FROM "RiskSignal" WHERE "caseId" = ANY(${[...caseIds]}::uuid[])`;
  return groupedAs(rows, (row) => row.caseId, toHistory);
}

export type SubjectRef = Pick<SignalInput, "subjectType" | "subjectId">;

export const subjectKey = (subject: SubjectRef) => `${subject.subjectType}:${subject.subjectId}`;

/**
 * The signals of these subjects observed in [from, to], by subjectKey, for history rules: type, time and id only,
 * since those rules never read attributes. Signals of `exceptCases` are left out: their scorer holds them already.
 */
export async function loadSignalsOfSubjects(
  tx: Queryable,
  subjects: readonly SubjectRef[],
  from: Date,
  to: Date,
  exceptCases: readonly string[] = [],
): Promise<Map<string, HistorySignal[]>> {
  if (subjects.length === 0) return new Map();
  const rows = await tx.$queryRaw<(HistorySignal & { subject: string })[]>`
    SELECT s."subjectType"::text || ':' || s."subjectId" AS subject, s.type::text AS type, s."observedAt",
           s."sourceEventId"
      FROM unnest(${subjects.map((s) => s.subjectType)}::text[], ${subjects.map((s) => s.subjectId)}::text[]) AS k(st, sid)
      JOIN "RiskSignal" s ON s."subjectType" = k.st::"RiskSubjectType" AND s."subjectId" = k.sid
     WHERE s."observedAt" BETWEEN ${from} AND ${to}
       AND (s."caseId" IS NULL OR s."caseId" <> ALL(${[...exceptCases]}::uuid[]))`;
  return groupedAs(rows, (row) => row.subject, toHistory);
}

export interface Assessment {
  score: number;
  level: RiskLevel;
  contributions: readonly Contribution[];
  ruleSetVersion: number;
  queue: string;
  ackDueAt: Date | null;
}

export type NewCase = Assessment &
  Pick<SignalInput, "type" | "subjectType" | "subjectId"> & {
    openKey: string;
    cityId: string | null;
    openedAt: Date;
  };

/** Opens cases in one statement; each holds a different key, which is how the caller matches the returned ids. */
export async function insertCases(tx: Tx, cases: readonly NewCase[]) {
  if (cases.length === 0) return [];
  const column = <T>(value: (c: NewCase) => T) => cases.map(value);
  const iso = (at: Date | null) => at?.toISOString() ?? null;
  return tx.$queryRaw<{ id: string; number: number; openKey: string | null }[]>`
    INSERT INTO "RiskCase" (id, type, "subjectType", "subjectId", "openKey", score, level, contributions,
                            "ruleSetVersion", "cityId", queue, "ackDueAt", "openedAt", "updatedAt")
    SELECT id, type::"RiskType", subject_type::"RiskSubjectType", subject_id, open_key, score,
           level::"RiskLevel", contributions, rule_set_version, city_id, queue,
           ack_due::timestamptz AT TIME ZONE 'UTC', opened::timestamptz AT TIME ZONE 'UTC',
           opened::timestamptz AT TIME ZONE 'UTC'
      FROM unnest(${column((c) => uuid7(c.openedAt.getTime()))}::uuid[], ${column((c) => c.type)}::text[],
                  ${column((c) => c.subjectType)}::text[], ${column((c) => c.subjectId)}::text[],
                  ${column((c) => c.openKey)}::text[], ${column((c) => c.score)}::int[],
                  ${column((c) => c.level)}::text[],
                  ${column((c) => JSON.stringify(contributionsJson(c.contributions)))}::jsonb[],
                  ${column((c) => c.ruleSetVersion)}::int[], ${column((c) => c.cityId)}::uuid[],
                  ${column((c) => c.queue)}::text[], ${column((c) => iso(c.ackDueAt))}::text[],
                  ${column((c) => iso(c.openedAt))}::text[])
           AS c(id, type, subject_type, subject_id, open_key, score, level, contributions, rule_set_version,
                city_id, queue, ack_due, opened)
    RETURNING id::text AS id, number, "openKey"`;
}

/** Re-scored cases in one statement. */
export async function saveAssessments(
  tx: Tx,
  rows: readonly { id: string; assessment: Assessment }[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  const values = JSON.stringify(
    rows.map(({ id, assessment: a }) => ({
      ...a,
      id,
      contributions: contributionsJson(a.contributions),
      ackDueAt: a.ackDueAt?.toISOString() ?? null,
    })),
  );
  await tx.$executeRaw`
    UPDATE "RiskCase" AS c
       SET score = v.score, level = v.level::"RiskLevel", contributions = v.contributions, "ruleSetVersion" = v."ruleSetVersion",
           queue = v.queue, "ackDueAt" = v."ackDueAt", version = c.version + 1, "updatedAt" = ${now}
      FROM jsonb_to_recordset(${values}::jsonb)
        AS v(id uuid, score int, level text, contributions jsonb, "ruleSetVersion" int, queue text, "ackDueAt" timestamptz)
     WHERE c.id = v.id`;
}

export async function insertSignals(
  tx: Tx,
  rows: readonly { caseId: string; signal: SignalInput }[],
  receivedAt: Date,
): Promise<void> {
  if (rows.length === 0) return;
  const column = <T>(value: (row: (typeof rows)[number]) => T) => rows.map(value);
  await tx.$executeRaw`
    INSERT INTO "RiskSignal" (id, "sourceEventId", type, "subjectType", "subjectId", attributes, "observedAt",
                              "receivedAt", "cityId", "caseId")
    SELECT id, source_event_id, type::"RiskType", subject_type::"RiskSubjectType", subject_id, attributes,
           observed::timestamptz AT TIME ZONE 'UTC', ${receivedAt.toISOString()}::timestamptz AT TIME ZONE 'UTC',
           city_id, case_id
      FROM unnest(${column(() => uuid7(receivedAt.getTime()))}::uuid[],
                  ${column((r) => r.signal.sourceEventId)}::text[], ${column((r) => r.signal.type)}::text[],
                  ${column((r) => r.signal.subjectType)}::text[], ${column((r) => r.signal.subjectId)}::text[],
                  ${column((r) => JSON.stringify(r.signal.attributes))}::jsonb[],
                  ${column((r) => r.signal.observedAt.toISOString())}::text[],
                  ${column((r) => r.signal.cityId ?? null)}::uuid[], ${column((r) => r.caseId)}::uuid[])
           AS s(id, source_event_id, type, subject_type, subject_id, attributes, observed, city_id, case_id)`;
}
