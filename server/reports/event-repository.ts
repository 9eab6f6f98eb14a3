import type { Queryable } from "../db/transaction.ts";
import type { HistoryEvent } from "./history.ts";

// Reading aggregates' histories from the append-only event log (DomainEvent), in seq order.

interface EventRow {
  seq: bigint;
  type: string;
  aggregateId: string;
  occurredAt: Date;
  payload: unknown;
}

/** Every event of the given types for each aggregate id, grouped by id, in seq order. */
export async function loadHistories(
  db: Queryable,
  aggregateType: string,
  aggregateIds: readonly string[],
  types: readonly string[],
): Promise<Map<string, HistoryEvent[]>> {
  const histories = new Map<string, HistoryEvent[]>();
  if (aggregateIds.length === 0) return histories;
  const rows = await db.$queryRaw<EventRow[]>`
    SELECT seq, type, "aggregateId", "occurredAt", payload
      FROM "DomainEvent"
     WHERE "aggregateType" = ${aggregateType}
       AND "aggregateId" = ANY(${aggregateIds as string[]}::text[])
       AND type = ANY(${types as string[]}::text[])
     ORDER BY "aggregateId", seq`;
  for (const row of rows) {
    const list = histories.get(row.aggregateId) ?? [];
    list.push({ seq: row.seq, type: row.type, occurredAt: row.occurredAt, payload: row.payload });
    histories.set(row.aggregateId, list);
  }
  return histories;
}

/** Aggregates whose starting event (of `type`) happened in [from, to), in seq order after `afterSeq`. */
export async function startedAggregates(
  db: Queryable,
  query: { type: string; from: Date; to: Date; afterSeq: bigint; limit: number },
): Promise<{ aggregateId: string; seq: bigint }[]> {
  return db.$queryRaw<{ aggregateId: string; seq: bigint }[]>`
    SELECT "aggregateId", seq FROM "DomainEvent"
     WHERE type = ${query.type} AND seq > ${query.afterSeq}
       AND "occurredAt" >= ${query.from} AND "occurredAt" < ${query.to}
     ORDER BY seq LIMIT ${query.limit}`;
}
