import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { fixedClock, systemContext } from "../../server/lib/service-context.ts";
import { REPORTS } from "../../server/reports/catalogue.ts";
import { snapshotYesterday } from "../../server/reports/snapshot.ts";

// The daily snapshot job: yesterday's figures of every report stored once, each with an OpsReportGenerated event.

const db = getDb();

describe("reports: daily snapshot", () => {
  it("stores each report once per day and records OpsReportGenerated for each", async () => {
    // A day no other test touches.
    const now = new Date(Date.UTC(2031, 0, 1 + Math.floor(Math.random() * 3000), 6, 30));
    const context = systemContext("reports.daily-snapshot", { clock: fixedClock(now) });
    const first = await snapshotYesterday(db, context);
    const day = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
    expect(first).toEqual({ day, stored: REPORTS.length });
    expect(await snapshotYesterday(db, context)).toEqual({ day, stored: 0 });

    const snapshots = await db.reportSnapshot.findMany({ where: { day: new Date(`${day}T00:00:00Z`) } });
    expect(snapshots.map((s) => s.report).sort()).toEqual(REPORTS.map((r) => r.name).sort());
    const sla = snapshots.find((s) => s.report === "ticket-sla")?.data as { from: string; to: string };
    expect(sla).toMatchObject({ from: `${day}T00:00:00.000Z` });

    const events = await db.domainEvent.findMany({
      where: { type: "OpsReportGenerated", aggregateId: { in: snapshots.map((s) => s.id) } },
    });
    expect(events).toHaveLength(REPORTS.length);
    expect(events[0]?.payload).toMatchObject({ day });
  });
});
