import type { Tx } from "../db/transaction.ts";
import { uuid7 } from "../events/uuid7.ts";
import type { IncidentMemberKind } from "./contract.ts";
import type { Candidate } from "./correlation.ts";

// The candidates each correlation rule counts (CorrelationCandidate) and the locks correlation takes: the only
// Prisma user for them. Every call takes a whole batch of events' worth, so a batch costs a few round trips.

export interface NewCandidate {
  ruleId: string;
  ruleVersion: number;
  keyValue: string;
  kind: IncidentMemberKind;
  memberId: string;
  eventId: string;
  reporter: string;
  label: string | null;
  occurredAt: Date;
}

export interface WaitingCandidate extends Candidate {
  ruleId: string;
  keyValue: string;
  kind: IncidentMemberKind;
  label: string | null;
}

/** An instant as the epoch ms a statement turns back into a UTC timestamp (Prisma stores UTC without zone). */
const epochMs = (at: Date) => at.getTime();

/**
 * Serializes correlation per rule and key: concurrent events of one key see each other. Locks are taken in the
 * given order, which callers keep sorted, so two batches sharing keys cannot deadlock.
 */
export async function lockRuleKeys(tx: Tx, locks: readonly string[]): Promise<void> {
  if (locks.length === 0) return;
  await tx.$executeRaw`
    SELECT pg_advisory_xact_lock(hashtextextended(k.name, 0))
      FROM unnest(${[...locks]}::text[]) WITH ORDINALITY AS k(name, n)
     ORDER BY k.n`;
}

/** Records that each rule saw each event; answers the "ruleId:eventId" pairs that were new (not a redelivery). */
export async function insertCandidates(tx: Tx, rows: readonly NewCandidate[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await tx.$queryRaw<{ ruleId: string; eventId: string }[]>`
    INSERT INTO "CorrelationCandidate" (id, "ruleId", "ruleVersion", "keyValue", kind, "memberId", "eventId",
                                        reporter, label, "occurredAt")
    SELECT id, rule_id, rule_version, key_value, kind::"IncidentMemberKind", member_id, event_id, reporter, label,
           to_timestamp(at_ms / 1000) AT TIME ZONE 'UTC'
      FROM unnest(${rows.map((r) => uuid7(r.occurredAt.getTime()))}::uuid[], ${rows.map((r) => r.ruleId)}::uuid[],
                  ${rows.map((r) => r.ruleVersion)}::int[], ${rows.map((r) => r.keyValue)}::text[],
                  ${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.memberId)}::text[],
                  ${rows.map((r) => r.eventId)}::uuid[], ${rows.map((r) => r.reporter)}::text[],
                  ${rows.map((r) => r.label)}::text[], ${rows.map((r) => epochMs(r.occurredAt))}::float8[])
           AS c(id, rule_id, rule_version, key_value, kind, member_id, event_id, reporter, label, at_ms)
    ON CONFLICT ("ruleId", "eventId") DO NOTHING
    RETURNING "ruleId"::text AS "ruleId", "eventId"::text AS "eventId"`;
  return new Set(inserted.map((row) => `${row.ruleId}:${row.eventId}`));
}

/** Candidates in no incident yet, per rule and key between `from` and `to`, oldest first. */
export async function waitingCandidates(
  tx: Tx,
  ranges: readonly { ruleId: string; keyValue: string; from: Date; to: Date }[],
): Promise<WaitingCandidate[]> {
  if (ranges.length === 0) return [];
  return tx.$queryRaw<WaitingCandidate[]>`
    SELECT c."ruleId"::text AS "ruleId", c."keyValue", c."eventId"::text AS "eventId", c."memberId",
           c."occurredAt" AS at, c.reporter, c.kind::text AS kind, c.label
      FROM unnest(${ranges.map((r) => r.ruleId)}::uuid[], ${ranges.map((r) => r.keyValue)}::text[],
                  ${ranges.map((r) => epochMs(r.from))}::float8[], ${ranges.map((r) => epochMs(r.to))}::float8[])
           AS g(rule_id, key_value, from_ms, to_ms)
     CROSS JOIN LATERAL (
           SELECT * FROM "CorrelationCandidate" c
            WHERE c."ruleId" = g.rule_id AND c."keyValue" = g.key_value AND c."incidentId" IS NULL
              AND c."occurredAt" BETWEEN (to_timestamp(g.from_ms / 1000) AT TIME ZONE 'UTC')
                                     AND (to_timestamp(g.to_ms / 1000) AT TIME ZONE 'UTC')
            ORDER BY c."occurredAt"
            LIMIT 10000) c
     ORDER BY c."occurredAt"`;
}

// An incident taking members: the states before Resolved.
const TAKING = ["detected", "triaged", "investigating", "identified", "mitigating", "escalated"] as const;

/**
 * Which of these members an open incident of each rule holds (not removed): they join no other of that rule.
 * Each member is looked up by its (kind, memberId) index; a batch's few hundred members in one IN list let the
 * planner read every member row instead, a cost growing with all the members ever joined (OFFSET 0 keeps the
 * lookup per member: flattened into a join, it could be planned as that scan again).
 */
export async function heldMembers(
  tx: Tx,
  ruleIds: readonly string[],
  members: readonly { kind: IncidentMemberKind; memberId: string }[],
): Promise<{ ruleId: string; memberId: string }[]> {
  if (ruleIds.length === 0 || members.length === 0) return [];
  const unique = [...new Map(members.map((m) => [`${m.kind}:${m.memberId}`, m])).values()];
  return tx.$queryRaw<{ ruleId: string; memberId: string }[]>`
    SELECT held."ruleId", held."memberId"
      FROM unnest(${unique.map((m) => m.kind)}::"IncidentMemberKind"[], ${unique.map((m) => m.memberId)}::text[])
           AS w(kind, member_id)
     CROSS JOIN LATERAL (
           SELECT m."ruleId"::text AS "ruleId", m."memberId"
             FROM "IncidentMember" m
             JOIN "Incident" i ON i.id = m."incidentId"
            WHERE m.kind = w.kind AND m."memberId" = w.member_id AND m."removedAt" IS NULL
              AND m."ruleId" = ANY(${[...new Set(ruleIds)]}::uuid[])
              AND i.state = ANY(${[...TAKING]}::"IncidentState"[])
            OFFSET 0) held`;
}

/** Marks candidates with the incident they opened or joined. */
export async function assignCandidates(
  tx: Tx,
  rows: readonly { ruleId: string; eventId: string; incidentId: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    UPDATE "CorrelationCandidate" c SET "incidentId" = a.incident_id
      FROM unnest(${rows.map((r) => r.ruleId)}::uuid[], ${rows.map((r) => r.eventId)}::uuid[],
                  ${rows.map((r) => r.incidentId)}::uuid[]) AS a(rule_id, event_id, incident_id)
     WHERE c."ruleId" = a.rule_id AND c."eventId" = a.event_id`;
}
