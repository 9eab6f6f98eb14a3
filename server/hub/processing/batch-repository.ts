import type { Db } from "../../db/client.ts";
import type { Tx } from "../../db/transaction.ts";
import { EPOCH_MS, LIVE, subjectOf, type CountedRole } from "../processing-repository.ts";

// The inbox reads and writes of a claimed batch, one statement each for the whole batch (processing-repository.ts
// has the same ones for a single event). JSON values go as one JSON array, not an array of jsonb values, whose
// every quote the driver would escape and PostgreSQL unescape again.

export interface NormalisedRow {
  seq: bigint;
  normalised: unknown;
  occurredAt: Date;
  cityCode: string | null;
}

/** Each row's normalised form, so the counts of the batch's events (their own included) can read it. */
export async function saveNormalisedRows(db: Db, rows: readonly NormalisedRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.$executeRaw`
    UPDATE "InboundEvent" i
       SET normalised = u.normalised, "occurredAt" = u.occurred_at::timestamptz AT TIME ZONE 'UTC',
           "cityCode" = u.city_code
      FROM ROWS FROM (unnest(${rows.map((row) => String(row.seq))}::bigint[]),
                      jsonb_array_elements(${JSON.stringify(rows.map((row) => row.normalised))}::jsonb),
                      unnest(${rows.map((row) => row.occurredAt.toISOString())}::text[]),
                      unnest(${rows.map((row) => row.cityCode)}::text[])) AS u(seq, normalised, occurred_at, city_code)
     WHERE i.seq = u.seq`;
}

export interface ProcessedRow {
  seq: bigint;
  status: "routed" | "unrouted";
  decision: unknown;
}

/** routed or unrouted, with the decision; answers the seqs still pending (a row another worker finished is left). */
export async function markRowsProcessed(tx: Tx, rows: readonly ProcessedRow[]): Promise<Set<bigint>> {
  if (rows.length === 0) return new Set();
  const updated = await tx.$queryRaw<{ seq: bigint }[]>`
    UPDATE "InboundEvent" i
       SET status = u.status, decision = u.decision, "processedAt" = now(), "failureClass" = NULL,
           "lastError" = NULL
      FROM ROWS FROM (unnest(${rows.map((row) => String(row.seq))}::bigint[]),
                      unnest(${rows.map((row) => row.status)}::text[]),
                      jsonb_array_elements(${JSON.stringify(rows.map((row) => row.decision))}::jsonb))
           AS u(seq, status, decision)
     WHERE i.seq = u.seq AND i.status = 'pending'
    RETURNING i.seq`;
  return new Set(updated.map((row) => row.seq));
}

/**
 * When the mapped events of a type occurred (epoch ms), per subject (the consumer or courier in `role`), for these
 * subjects within [from, until]: one read through the role's window index for a whole batch.
 */
export async function occurrencesOfSubjects(
  db: Db,
  type: string,
  role: CountedRole,
  ids: readonly string[],
  from: Date,
  until: Date,
): Promise<Map<string, number[]>> {
  // Numbers, not timestamps: a busy batch reads thousands of rows, and only compares their times.
  const rows = await db.$queryRaw<{ subject: string; at: number }[]>`
    SELECT ${subjectOf(role)} AS subject, ${EPOCH_MS} AS at FROM "InboundEvent"
     WHERE type = ${type} AND "occurredAt" >= ${from} AND "occurredAt" <= ${until} AND status = ANY(${LIVE})
       AND ${subjectOf(role)} = ANY(${[...ids]}::text[])`;
  const bySubject = new Map<string, number[]>();
  for (const { subject, at } of rows) {
    const times = bySubject.get(subject);
    if (times) times.push(at);
    else bySubject.set(subject, [at]);
  }
  return bySubject;
}

/** The tickets about each order that are not closed, oldest first (five at most per order). */
export async function openTicketsForOrders(
  db: Db,
  orderRefs: readonly string[],
): Promise<Map<string, { id: string; number: number }[]>> {
  const rows = await db.$queryRaw<{ orderRef: string; id: string; number: number }[]>`
    SELECT "orderRef", id::text AS id, number FROM "Ticket"
     WHERE "orderRef" = ANY(${[...orderRefs]}::text[]) AND status <> 'closed'
     ORDER BY "orderRef", "createdAt", id`;
  const byOrder = new Map<string, { id: string; number: number }[]>();
  for (const { orderRef, id, number } of rows) {
    const tickets = byOrder.get(orderRef);
    if (!tickets) byOrder.set(orderRef, [{ id, number }]);
    else if (tickets.length < 5) tickets.push({ id, number });
  }
  return byOrder;
}
