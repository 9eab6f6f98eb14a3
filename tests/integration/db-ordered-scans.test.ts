import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { withOrderedScans } from "../../server/db/ordered-scans.ts";

// The queue statements' planner settings hold inside their transaction and never outlive it: a pooled connection
// left without bitmap scans would serve every later query (the GIN-indexed ticket search first) without them.

const db = getDb();
type Settings = { bitmap: string; seq: string };
const settings = async (q: Pick<typeof db, "$queryRaw">): Promise<Settings> =>
  (
    await q.$queryRaw<Settings[]>`
      SELECT current_setting('enable_bitmapscan') AS bitmap, current_setting('enable_seqscan') AS seq`
  )[0]!;
const pooledSettings = async () => {
  // More statements than the pool has connections: any connection a setting leaked to would answer "off".
  const after = await Promise.all(Array.from({ length: 20 }, () => settings(db)));
  return new Set(after.map((s) => `${s.bitmap}/${s.seq}`));
};

describe("withOrderedScans", () => {
  it("turns bitmap and whole-table scans off for its own transaction only", async () => {
    expect(await withOrderedScans(db, (tx) => settings(tx))).toEqual({ bitmap: "off", seq: "off" });
    expect(await pooledSettings()).toEqual(new Set(["on/on"]));
  });

  it("leaves no connection with the settings after its transaction failed", async () => {
    await expect(
      withOrderedScans(db, async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        throw new Error("claim failed");
      }),
    ).rejects.toThrow("claim failed");
    expect(await pooledSettings()).toEqual(new Set(["on/on"]));
  });

  it("reads a queue's waiting rows by index when its statistics say few rows wait", async () => {
    // The inbox's shape in its steady state: most rows finished, a few waiting, a claim taking the earliest due
    // ones whose key has nothing earlier waiting. Without the setting the planner scans the whole table.
    const plan = await withOrderedScans(db, async (tx) => {
      await tx.$executeRaw`
        CREATE TEMP TABLE queue (seq bigint PRIMARY KEY, status text NOT NULL, key text NOT NULL,
                                 due timestamptz NOT NULL, body text NOT NULL) ON COMMIT DROP`;
      await tx.$executeRaw`CREATE INDEX ON queue (status, seq)`;
      await tx.$executeRaw`CREATE INDEX ON queue (key, seq) WHERE status IN ('pending', 'held')`;
      await tx.$executeRaw`
        INSERT INTO queue
        SELECT n, CASE WHEN n < 19400 THEN 'routed' ELSE 'pending' END, 'order:' || n, now(), repeat('x', 200)
          FROM generate_series(1, 20000) AS n`;
      await tx.$executeRaw`ANALYZE queue`;
      const rows = await tx.$queryRaw<{ "QUERY PLAN": string }[]>`
        EXPLAIN SELECT q.seq FROM queue q
                 WHERE q.status = 'pending' AND q.due <= now()
                   AND NOT EXISTS (SELECT 1 FROM queue e
                                    WHERE e.key = q.key AND e.seq < q.seq AND e.status IN ('pending', 'held'))
                 ORDER BY q.seq LIMIT 500 FOR UPDATE SKIP LOCKED`;
      return rows.map((row) => row["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("Index Scan using queue_status_seq_idx");
    expect(plan).not.toMatch(/Seq Scan|Bitmap/);
  });
});
