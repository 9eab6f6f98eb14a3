import type { Queryable, Tx } from "../db/transaction.ts";

// Objects the triggers follow (a P1/P2 ticket's severity, team and first-response check), with the check as a
// durable timer: claimed FOR UPDATE SKIP LOCKED when due and cleared in the same transaction.

export interface WatchRow {
  objectType: string;
  objectId: string;
  severity: string;
  title: string;
  path: string;
  teamId: string | null;
  checkKind: string | null;
  checkAt: Date | null;
  acknowledgedAt: Date | null;
  closedAt: Date | null;
}

/** Starts watching an object; a second call for the same object (a redelivery) changes nothing. */
export async function insertWatch(
  tx: Tx,
  row: Omit<WatchRow, "acknowledgedAt" | "closedAt">,
): Promise<boolean> {
  const count = await tx.$executeRaw`
    INSERT INTO "OncallWatch" ("objectType", "objectId", severity, title, path, "teamId", "checkKind", "checkAt")
    VALUES (${row.objectType}, ${row.objectId}, ${row.severity}, ${row.title}, ${row.path}, ${row.teamId}::uuid,
            ${row.checkKind}, ${row.checkAt})
    ON CONFLICT DO NOTHING`;
  return count === 1;
}

/** Starts watching many objects in one statement; answers the object ids newly watched. */
export async function insertWatches(
  tx: Tx,
  rows: readonly Omit<WatchRow, "acknowledgedAt" | "closedAt">[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const column = <T>(value: (row: (typeof rows)[number]) => T) => rows.map(value);
  const inserted = await tx.$queryRaw<{ objectId: string }[]>`
    INSERT INTO "OncallWatch" ("objectType", "objectId", severity, title, path, "teamId", "checkKind", "checkAt")
    SELECT * FROM unnest(${column((r) => r.objectType)}::text[], ${column((r) => r.objectId)}::text[],
                         ${column((r) => r.severity)}::text[], ${column((r) => r.title)}::text[],
                         ${column((r) => r.path)}::text[], ${column((r) => r.teamId)}::uuid[],
                         ${column((r) => r.checkKind)}::text[],
                         ${column((r) => r.checkAt?.toISOString() ?? null)}::timestamptz[])
    ON CONFLICT DO NOTHING
    RETURNING "objectId"`;
  return new Set(inserted.map((row) => row.objectId));
}

export async function findWatch(
  db: Queryable,
  objectType: string,
  objectId: string,
): Promise<WatchRow | null> {
  const rows = await db.$queryRaw<WatchRow[]>`
    SELECT * FROM "OncallWatch" WHERE "objectType" = ${objectType} AND "objectId" = ${objectId}`;
  return rows[0] ?? null;
}

/** Marks the object acknowledged (or closed); its pending check is dropped. */
export async function settleWatch(
  tx: Tx,
  objectType: string,
  objectId: string,
  change: { acknowledgedAt?: Date; closedAt?: Date },
): Promise<void> {
  await tx.$executeRaw`
    UPDATE "OncallWatch"
       SET "checkAt" = NULL,
           "acknowledgedAt" = coalesce("acknowledgedAt", ${change.acknowledgedAt ?? null}::timestamp),
           "closedAt" = coalesce("closedAt", ${change.closedAt ?? null}::timestamp)
     WHERE "objectType" = ${objectType} AND "objectId" = ${objectId}`;
}

export function claimDueChecks(tx: Tx, now: Date, limit: number): Promise<WatchRow[]> {
  return tx.$queryRaw<WatchRow[]>`
    SELECT * FROM "OncallWatch"
     WHERE "checkAt" <= ${now}
     ORDER BY "checkAt"
     LIMIT ${limit}
       FOR UPDATE SKIP LOCKED`;
}

export async function clearCheck(tx: Tx, objectType: string, objectId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE "OncallWatch" SET "checkAt" = NULL WHERE "objectType" = ${objectType} AND "objectId" = ${objectId}`;
}
