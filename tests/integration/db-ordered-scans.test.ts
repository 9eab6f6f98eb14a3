import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { withOrderedScans } from "../../server/db/ordered-scans.ts";

// The queue statements' planner setting holds inside their transaction and never outlives it: a pooled connection
// left without bitmap scans would serve every later query (the GIN-indexed ticket search first) without them.

const db = getDb();
const setting = async (q: Pick<typeof db, "$queryRaw">) =>
  (await q.$queryRaw<{ enable_bitmapscan: string }[]>`SHOW enable_bitmapscan`)[0]?.enable_bitmapscan;

describe("withOrderedScans", () => {
  it("turns bitmap scans off for its own transaction only", async () => {
    expect(await withOrderedScans(db, (tx) => setting(tx))).toBe("off");
    // More statements than the pool has connections: any connection the setting leaked to would answer "off".
    const after = await Promise.all(Array.from({ length: 20 }, () => setting(db)));
    expect(new Set(after)).toEqual(new Set(["on"]));
  });

  it("leaves no connection without bitmap scans after its transaction failed", async () => {
    await expect(
      withOrderedScans(db, async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        throw new Error("claim failed");
      }),
    ).rejects.toThrow("claim failed");
    const after = await Promise.all(Array.from({ length: 20 }, () => setting(db)));
    expect(new Set(after)).toEqual(new Set(["on"]));
  });
});
