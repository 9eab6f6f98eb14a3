import type { Queryable, Tx } from "../db/transaction.ts";
import { uuid7 } from "../events/uuid7.ts";
import type { IncidentMemberKind, IncidentSummary, MemberView } from "./contract.ts";
import type { IncidentPriority } from "./priority.ts";
import type { IncidentState } from "./state-machine.ts";

// Incidents, their members and updates: the only Prisma user for them.

export interface IncidentRow extends Omit<IncidentSummary, "memberCount"> {
  openKey: string | null;
  ruleId: string | null;
  correlationKey: string | null;
  windowStart: Date | null;
  lastMemberAt: Date | null;
}

export interface NewIncident {
  title: string;
  priority: IncidentPriority;
  cityId?: string | null;
  restaurantId?: string | null;
  courierId?: string | null;
  area?: string | null;
  commanderId?: string | null;
  declaredVia: string;
  sourceKind?: IncidentMemberKind | null;
  sourceId?: string | null;
  ruleId?: string | null;
  ruleVersion?: number | null;
  correlationKey?: string | null;
  openKey?: string | null;
  linkedIncidentId?: string | null;
  windowStart?: Date | null;
  lastMemberAt?: Date | null;
  respondDueAt: Date;
  mitigateDueAt: Date;
  createdAt: Date;
}

export interface NewMember {
  incidentId: string;
  kind: IncidentMemberKind;
  memberId: string;
  eventId?: string | null;
  ruleId?: string | null;
  ruleVersion?: number | null;
  correlationKey?: string | null;
  windowStart?: Date | null;
  windowEnd?: Date | null;
  label?: string | null;
  joinedAt: Date;
}

export async function insertIncident(tx: Tx, data: NewIncident): Promise<IncidentRow> {
  return tx.incident.create({ data: { ...data, updatedAt: data.createdAt } });
}

export async function findIncident(q: Queryable, id: string): Promise<IncidentRow | null> {
  return q.incident.findUnique({ where: { id } });
}

/** Locks the row for the rest of the transaction (a member joining, a status posted, a removal). */
export async function lockIncident(tx: Tx, id: string): Promise<IncidentRow | null> {
  const rows = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id::text FROM "Incident" WHERE id = ${id}::uuid FOR UPDATE`;
  return rows.length ? findIncident(tx, id) : null;
}

/** Writes only when the row still has `expectedVersion`; returns the new row or null when someone was first. */
export async function updateIncidentAtVersion(
  tx: Tx,
  id: string,
  expectedVersion: number,
  data: Partial<
    Pick<IncidentRow, "state" | "acknowledgedAt" | "mitigatedAt" | "resolvedAt" | "openKey" | "commanderId">
  > & {
    updatedAt: Date;
  },
): Promise<IncidentRow | null> {
  const { count } = await tx.incident.updateMany({
    where: { id, version: expectedVersion },
    data: { ...data, version: { increment: 1 } },
  });
  return count === 1 ? findIncident(tx, id) : null;
}

export async function setLink(tx: Tx, id: string, linkedIncidentId: string, at: Date): Promise<IncidentRow> {
  return tx.incident.update({
    where: { id },
    data: { linkedIncidentId, updatedAt: at, version: { increment: 1 } },
  });
}

/** Each incident's latest member time, in one statement. */
export async function touchWindows(
  tx: Tx,
  rows: readonly { id: string; lastMemberAt: Date }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Incident" i SET "lastMemberAt" = to_timestamp(t.at_ms / 1000) AT TIME ZONE 'UTC'
      FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.lastMemberAt.getTime())}::float8[])
           AS t(id, at_ms)
     WHERE i.id = t.id`;
}

/** The open incident a rule opened for a key, by its open key. */
export async function findByOpenKeys(tx: Tx, openKeys: readonly string[]): Promise<IncidentRow[]> {
  if (openKeys.length === 0) return [];
  return tx.incident.findMany({ where: { openKey: { in: [...openKeys] } } });
}

/** A rule's latest incident for a key, whatever its state. */
/** The latest incident each rule opened for each key, when there is one. */
export async function latestForKeys(
  tx: Tx,
  keys: readonly { ruleId: string; correlationKey: string }[],
): Promise<IncidentRow[]> {
  if (keys.length === 0) return [];
  const ids = await tx.$queryRaw<{ id: string }[]>`
    SELECT latest.id::text AS id
      FROM unnest(${keys.map((k) => k.ruleId)}::uuid[], ${keys.map((k) => k.correlationKey)}::text[])
           AS k(rule_id, correlation_key)
     CROSS JOIN LATERAL (
           SELECT i.id FROM "Incident" i
            WHERE i."ruleId" = k.rule_id AND i."correlationKey" = k.correlation_key
            ORDER BY i."createdAt" DESC LIMIT 1) latest`;
  if (ids.length === 0) return [];
  return tx.incident.findMany({ where: { id: { in: ids.map((row) => row.id) } } });
}

/** A rule's open incident whose window ran out stops taking members; it stays open for its responders. */
export async function releaseOpenKey(tx: Tx, id: string): Promise<void> {
  await tx.incident.update({ where: { id }, data: { openKey: null } });
}

/** Inserts members, skipping any already in the incident; returns those inserted. */
const msOrNull = (at: Date | null | undefined) => (at ? at.getTime() : null);

/** New members in one statement (a correlation batch adds hundreds); one already in the incident is skipped. */
export async function insertMembers(
  tx: Tx,
  rows: readonly NewMember[],
): Promise<{ id: string; incidentId: string; kind: IncidentMemberKind; memberId: string }[]> {
  if (rows.length === 0) return [];
  return tx.$queryRaw`
    INSERT INTO "IncidentMember" (id, "incidentId", kind, "memberId", "eventId", "ruleId", "ruleVersion",
                                  "correlationKey", "windowStart", "windowEnd", label, "joinedAt")
    SELECT id, incident_id, kind::"IncidentMemberKind", member_id, event_id, rule_id, rule_version, correlation_key,
           to_timestamp(window_start_ms / 1000) AT TIME ZONE 'UTC', to_timestamp(window_end_ms / 1000) AT TIME ZONE 'UTC',
           label, to_timestamp(joined_ms / 1000) AT TIME ZONE 'UTC'
      FROM unnest(${rows.map((r) => uuid7(r.joinedAt.getTime()))}::uuid[], ${rows.map((r) => r.incidentId)}::uuid[],
                  ${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.memberId)}::text[],
                  ${rows.map((r) => r.eventId ?? null)}::uuid[], ${rows.map((r) => r.ruleId ?? null)}::uuid[],
                  ${rows.map((r) => r.ruleVersion ?? null)}::int[], ${rows.map((r) => r.correlationKey ?? null)}::text[],
                  ${rows.map((r) => msOrNull(r.windowStart))}::float8[], ${rows.map((r) => msOrNull(r.windowEnd))}::float8[],
                  ${rows.map((r) => r.label ?? null)}::text[], ${rows.map((r) => r.joinedAt.getTime())}::float8[])
           AS m(id, incident_id, kind, member_id, event_id, rule_id, rule_version, correlation_key, window_start_ms,
                window_end_ms, label, joined_ms)
    ON CONFLICT ("incidentId", kind, "memberId") DO NOTHING
    RETURNING id::text AS id, "incidentId"::text AS "incidentId", kind::text AS kind, "memberId"`;
}

/** The linked tickets (members not removed), in the order they joined. */
export async function linkedTicketIds(q: Queryable, incidentId: string): Promise<string[]> {
  const rows = await q.incidentMember.findMany({
    where: { incidentId, kind: "ticket", removedAt: null },
    orderBy: { joinedAt: "asc" },
    select: { memberId: true },
  });
  return rows.map((r) => r.memberId);
}

export async function findMember(tx: Tx, incidentId: string, rowId: string) {
  return tx.incidentMember.findFirst({ where: { id: rowId, incidentId } });
}

export async function markMemberRemoved(
  tx: Tx,
  rowId: string,
  removal: { removedAt: Date; removedById: string | null; removedReason: string },
): Promise<void> {
  await tx.incidentMember.update({ where: { id: rowId }, data: removal });
}

export async function insertUpdate(
  tx: Tx,
  data: {
    incidentId: string;
    visibility: "internal" | "public";
    body: string;
    authorId: string | null;
    createdAt: Date;
  },
) {
  return tx.incidentUpdate.create({ data });
}

const OPEN_STATES: IncidentState[] = [
  "detected",
  "triaged",
  "investigating",
  "identified",
  "mitigating",
  "escalated",
];

export async function listIncidents(
  q: Queryable,
  filter: { state: "open" | "all"; limit: number },
): Promise<IncidentSummary[]> {
  const rows = await q.incident.findMany({
    where: filter.state === "open" ? { state: { in: OPEN_STATES } } : {},
    orderBy: [{ createdAt: "desc" }],
    take: filter.limit,
    include: { _count: { select: { members: { where: { removedAt: null } } } } },
  });
  return rows.map(({ _count, ...row }) => toSummary(row, _count.members));
}

export async function countMembers(q: Queryable, incidentId: string): Promise<number> {
  return q.incidentMember.count({ where: { incidentId, removedAt: null } });
}

export function toSummary(row: IncidentRow, memberCount: number): IncidentSummary {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    priority: row.priority,
    state: row.state,
    cityId: row.cityId,
    restaurantId: row.restaurantId,
    courierId: row.courierId,
    area: row.area,
    commanderId: row.commanderId,
    declaredVia: row.declaredVia,
    linkedIncidentId: row.linkedIncidentId,
    respondDueAt: row.respondDueAt,
    mitigateDueAt: row.mitigateDueAt,
    acknowledgedAt: row.acknowledgedAt,
    mitigatedAt: row.mitigatedAt,
    resolvedAt: row.resolvedAt,
    respondEscalatedAt: row.respondEscalatedAt,
    mitigateEscalatedAt: row.mitigateEscalatedAt,
    version: row.version,
    memberCount,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The room's member list: first page by join time, with the rule's name. */
export async function listMembers(q: Queryable, incidentId: string, limit = 500): Promise<MemberView[]> {
  const rows = await q.incidentMember.findMany({
    where: { incidentId },
    orderBy: { joinedAt: "asc" },
    take: limit,
  });
  const ruleIds = [...new Set(rows.flatMap((r) => (r.ruleId ? [r.ruleId] : [])))];
  const rules = ruleIds.length
    ? await q.correlationRule.findMany({ where: { id: { in: ruleIds } }, select: { id: true, name: true } })
    : [];
  const names = new Map(rules.map((r) => [r.id, r.name]));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    memberId: r.memberId,
    label: r.label,
    ruleId: r.ruleId,
    ruleName: r.ruleId ? (names.get(r.ruleId) ?? null) : null,
    ruleVersion: r.ruleVersion,
    correlationKey: r.correlationKey,
    windowStart: r.windowStart,
    windowEnd: r.windowEnd,
    joinedAt: r.joinedAt,
    recoveredAt: r.recoveredAt,
    removedAt: r.removedAt,
    removedReason: r.removedReason,
  }));
}

export async function listUpdates(q: Queryable, incidentId: string) {
  return q.incidentUpdate.findMany({ where: { incidentId }, orderBy: { createdAt: "desc" }, take: 200 });
}

/**
 * The latest events of the incident itself and of its members, newest first: the room's timeline. The ticket
 * batches of a propagation are left out: the update or resolution that sent them says how many tickets it reached.
 */
export async function timelineEvents(
  q: Queryable,
  objects: readonly { aggregateType: string; aggregateId: string }[],
  limit = 200,
) {
  const types = objects.map((o) => o.aggregateType);
  const ids = objects.map((o) => o.aggregateId);
  // Per object through the (aggregateType, aggregateId, seq) index, then the newest of all.
  return q.$queryRaw<
    { at: Date; type: string; aggregateType: string; aggregateId: string; payload: unknown }[]
  >`
    SELECT e."occurredAt" AS at, e.type, e."aggregateType", e."aggregateId", e.payload
      FROM unnest(${types}::text[], ${ids}::text[]) AS o(t, i)
      CROSS JOIN LATERAL (
        SELECT "occurredAt", type, "aggregateType", "aggregateId", payload, seq
          FROM "DomainEvent" d
         WHERE d."aggregateType" = o.t AND d."aggregateId" = o.i AND d.type <> 'IncidentTicketBatchDue'
         ORDER BY seq DESC LIMIT ${limit}
      ) e
     ORDER BY e.seq DESC
     LIMIT ${limit}`;
}
