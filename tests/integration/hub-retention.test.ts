import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "../../server/db/client.ts";
import { gzipLines } from "../../server/retention/archive-files.ts";
import { retentionCutoff } from "../../server/retention/policy.ts";
import { restoreArchive } from "../../server/retention/restore.ts";
import { applyRetention } from "../../server/retention/service.ts";
import { createCity } from "../support/cities.ts";
import { drainInbox, inboxRow, insertInbound } from "../support/hub-inbox.ts";
import { archiveDirectory, restoreTarget, retentionContext } from "../support/retention.ts";

// The hub's inbox under the retention policy: processed rows received more than 90 days before the run are
// archived, deleted and restorable row for row; rows still to process, recent rows, and rows whose event happened
// after the cutoff stay. And processing never recounts an indicator bucket older than the inbox keeps.

const RUN_AT = new Date("2026-12-06T03:00:00Z"); // the retention context's clock
const cutoff = retentionCutoff("inbound_events", RUN_AT);
const HOUR = 3_600_000;
const run = randomUUID().slice(0, 8);
const db = getDb();

interface Aged {
  status: "routed" | "unrouted" | "dead" | "held";
  receivedAt: Date;
  occurredAt: Date | null;
}

const ROWS: Record<string, Aged> = {
  routed: {
    status: "routed",
    receivedAt: new Date(cutoff.getTime() - HOUR),
    occurredAt: new Date(cutoff.getTime() - 2 * HOUR),
  },
  unrouted: {
    status: "unrouted",
    receivedAt: new Date(cutoff.getTime() - HOUR),
    occurredAt: new Date(cutoff.getTime() - HOUR),
  },
  dead: { status: "dead", receivedAt: new Date(cutoff.getTime() - 2 * HOUR), occurredAt: null },
  held: { status: "held", receivedAt: new Date(cutoff.getTime() - HOUR), occurredAt: null },
  aheadOfItsClock: {
    status: "routed",
    receivedAt: new Date(cutoff.getTime() - HOUR),
    occurredAt: new Date(cutoff.getTime() + HOUR),
  },
  recent: {
    status: "routed",
    receivedAt: new Date(cutoff.getTime() + HOUR),
    occurredAt: new Date(cutoff.getTime() + HOUR),
  },
};
const REMOVED = ["routed", "unrouted", "dead"];

const eventIdOf = (name: string) => `retention-${run}-${name}`;

async function linesOf(database: Db, names: readonly string[]): Promise<string[]> {
  const rows = await database.$queryRaw<{ line: string }[]>`
    SELECT row_to_json(r.*)::text AS line FROM "InboundEvent" r
     WHERE r."eventId" = ANY(${names.map(eventIdOf)}::text[])`;
  return rows.map((row) => row.line).sort();
}

async function remaining(): Promise<string[]> {
  const rows = await db.inboundEvent.findMany({
    where: { eventId: { startsWith: `retention-${run}-` } },
    select: { eventId: true },
  });
  return rows.map((row) => row.eventId.slice(`retention-${run}-`.length)).sort();
}

describe("inbox retention", () => {
  let archiveDir: string;
  let removedBefore: string[];
  let scratch: Awaited<ReturnType<typeof restoreTarget>>;

  beforeAll(async () => {
    for (const [name, aged] of Object.entries(ROWS)) {
      const row = await insertInbound(
        "KitchenOverloaded",
        { restaurantId: `rst-${run}`, cityCode: "TYO", backlogOrders: 9, reportedAt: RUN_AT.toISOString() },
        { eventId: eventIdOf(name), status: aged.status === "held" ? "held" : "pending" },
      );
      await db.$executeRaw`
        UPDATE "InboundEvent"
           SET status = ${aged.status}, "receivedAt" = ${aged.receivedAt}, "occurredAt" = ${aged.occurredAt},
               "processedAt" = CASE WHEN ${aged.status} = 'held' THEN NULL ELSE ${aged.receivedAt}::timestamp END
         WHERE seq = ${row.seq}`;
    }
    removedBefore = await linesOf(db, REMOVED);
    archiveDir = await archiveDirectory();
    scratch = await restoreTarget();
  });

  afterAll(async () => {
    await db.inboundEvent.deleteMany({ where: { eventId: { startsWith: `retention-${run}-` } } });
    await scratch?.drop();
  });

  it("cuts off 90 days back", () => {
    expect(cutoff.toISOString()).toBe("2026-09-07T03:00:00.000Z");
  });

  it("archives and deletes processed rows received before the cutoff, in chunks, and keeps the rest", async () => {
    const correlationId = `inbox-retention-${run}`;
    const summary = await applyRetention(db, retentionContext(correlationId), { archiveDir, chunkSize: 2 });

    expect(await remaining()).toEqual(["aheadOfItsClock", "held", "recent"]);
    expect(summary.rows.InboundEvent).toBeGreaterThanOrEqual(REMOVED.length);
    const events = await db.domainEvent.findMany({ where: { type: "RetentionApplied", correlationId } });
    const chunks = events.filter((e) => (e.payload as { family: string }).family === "inbound_events");
    expect(chunks.length).toBeGreaterThanOrEqual(2);
  });

  it("writes each removed row to the day's archive exactly once", async () => {
    const archived: string[] = [];
    for await (const line of gzipLines(path.join(archiveDir, "2026-12-06", "InboundEvent.jsonl.gz")))
      if ((JSON.parse(line) as { eventId: string }).eventId.startsWith(`retention-${run}-`))
        archived.push(line);
    expect(archived.sort()).toEqual(removedBefore);
  });

  it("archives nothing more on a second run", async () => {
    const again = await applyRetention(db, retentionContext(`inbox-retention-${run}-again`), { archiveDir });
    expect(again.rows.InboundEvent ?? 0).toBe(0);
    expect(await remaining()).toHaveLength(3);
  });

  it("restores the rows into a scratch database as they were", async () => {
    const summary = await restoreArchive(scratch.db, archiveDir);
    expect(summary.inserted.InboundEvent).toBe(summary.read.InboundEvent);
    expect(await linesOf(scratch.db, REMOVED)).toEqual(removedBefore);
  });
});

describe("indicator buckets older than the inbox keeps", () => {
  it("are not recounted: the event is kept unrouted, saying why, while a recent one is counted", async () => {
    const city = await createCity();
    const overloaded = (reportedAt: Date) =>
      insertInbound("KitchenOverloaded", {
        restaurantId: `rst-${randomUUID().slice(0, 8)}`,
        cityCode: city.code,
        backlogOrders: 12,
        reportedAt: reportedAt.toISOString(),
      });
    const old = await overloaded(new Date(Date.now() - 91 * 24 * HOUR));
    const recent = await overloaded(new Date(Date.now() - HOUR));
    await drainInbox();

    const oldRow = await inboxRow(old.seq);
    expect(oldRow.status).toBe("unrouted");
    expect(JSON.stringify(oldRow.decision)).toContain("the inbox no longer holds that bucket's other events");
    expect((await inboxRow(recent.seq)).status).toBe("routed");
    const points = await db.cityIndicator.findMany({
      where: { cityId: city.id, metric: "kitchen_overloads" },
    });
    expect(points.map((p) => [p.bucketStart.getTime() > Date.now() - 2 * HOUR, p.value])).toEqual([
      [true, 1],
    ]);
  });
});
