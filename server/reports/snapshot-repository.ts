import type { InputJsonObject } from "../db/json.ts";
import type { Tx } from "../db/transaction.ts";

/** Stores a day's report once; false when that day's snapshot of the report already exists. */
export async function insertSnapshot(
  tx: Tx,
  snapshot: { day: string; report: string; data: InputJsonObject },
): Promise<string | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "ReportSnapshot" (id, day, report, data)
    VALUES (gen_random_uuid(), ${snapshot.day}::date, ${snapshot.report}, ${JSON.stringify(snapshot.data)}::jsonb)
    ON CONFLICT (day, report) DO NOTHING
    RETURNING id::text AS id`;
  return rows[0]?.id ?? null;
}
