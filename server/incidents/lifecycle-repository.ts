import { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/transaction.ts";
import type { IncidentRow } from "./incident-repository.ts";

// Writes of the incident's own consumers and sweep: an alert member's recovery, and the response targets the
// sweep escalates. Each claims its rows with a condition on the column it sets, so it happens once.

/** Marks an alert's open memberships recovered; returns the incidents that learnt of it now (none on a replay). */
export async function markAlertRecovered(tx: Tx, alertId: string, at: Date): Promise<string[]> {
  const rows = await tx.$queryRaw<{ incidentId: string }[]>`
    UPDATE "IncidentMember" SET "recoveredAt" = ${at}
     WHERE kind = 'alert' AND "memberId" = ${alertId} AND "removedAt" IS NULL AND "recoveredAt" IS NULL
     RETURNING "incidentId"::text AS "incidentId"`;
  return rows.map((row) => row.incidentId);
}

export type ResponseTarget = "respond" | "mitigate";

// Each target's columns: its deadline, the moment it was met, and the sweep's mark. Fixed names, never input.
const COLUMNS: Record<ResponseTarget, { due: string; met: string; mark: string }> = {
  respond: { due: '"respondDueAt"', met: '"acknowledgedAt"', mark: '"respondEscalatedAt"' },
  mitigate: { due: '"mitigateDueAt"', met: '"mitigatedAt"', mark: '"mitigateEscalatedAt"' },
};

const OPEN = ["detected", "triaged", "investigating", "identified", "mitigating", "escalated"];

/**
 * Claims up to `limit` open incidents whose target ran out by `now` unmet and not escalated yet, and marks them
 * escalated in the same statement. Rows another sweep (or a person's change) holds are skipped, not waited for:
 * they are claimed by whichever transaction commits its mark, once.
 */
export async function claimMissedTargets(
  tx: Tx,
  target: ResponseTarget,
  now: Date,
  limit: number,
): Promise<IncidentRow[]> {
  const due = Prisma.raw(COLUMNS[target].due);
  const met = Prisma.raw(COLUMNS[target].met);
  const mark = Prisma.raw(COLUMNS[target].mark);
  const ids = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "Incident" SET ${mark} = ${now}
     WHERE id IN (SELECT id FROM "Incident"
                   WHERE state::text = ANY(${OPEN}) AND ${met} IS NULL AND ${mark} IS NULL AND ${due} <= ${now}
                   ORDER BY ${due} LIMIT ${limit} FOR UPDATE SKIP LOCKED)
       AND ${mark} IS NULL
     RETURNING id::text`;
  if (ids.length === 0) return [];
  return tx.incident.findMany({
    where: { id: { in: ids.map((row) => row.id) } },
    orderBy: { number: "asc" },
  });
}

/** Moves a claimed incident to escalated (its version bumped: a commander's stale change gets a 409). */
export async function escalateClaimed(tx: Tx, id: string, at: Date): Promise<IncidentRow> {
  return tx.incident.update({
    where: { id },
    data: { state: "escalated", updatedAt: at, version: { increment: 1 } },
  });
}
