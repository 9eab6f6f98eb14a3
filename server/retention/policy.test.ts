import { describe, expect, it } from "vitest";
import { FAMILIES } from "./families.ts";
import { KEPT_TABLES, RETENTION_POLICY, archiveDay, retentionCutoff, retentionPeriod } from "./policy.ts";

describe("retention policy", () => {
  it("keeps tickets two years, risk cases five, raw indicator points three and inbound events 90 days", () => {
    expect(retentionPeriod("tickets")).toMatchObject({ years: 2 });
    expect(retentionPeriod("risk_cases")).toMatchObject({ years: 5 });
    expect(retentionPeriod("indicator_points")).toMatchObject({ years: 3 });
    expect(retentionPeriod("inbound_events")).toMatchObject({ days: 90 });
    // Every rule is applied by the archive job: some family takes each subject.
    expect(RETENTION_POLICY.map((rule) => rule.subject).sort()).toEqual(
      [...new Set(FAMILIES.map((family) => family.subject))].sort(),
    );
  });

  it("cuts off whole calendar years back in UTC", () => {
    const now = new Date("2026-12-06T13:45:10.250Z");
    expect(retentionCutoff("tickets", now).toISOString()).toBe("2024-12-06T13:45:10.250Z");
    expect(retentionCutoff("risk_cases", now).toISOString()).toBe("2021-12-06T13:45:10.250Z");
  });

  it("cuts off days back as whole 24-hour days", () => {
    const now = new Date("2026-12-06T13:45:10.250Z");
    expect(retentionCutoff("inbound_events", now).toISOString()).toBe("2026-09-07T13:45:10.250Z");
  });

  it("takes 29 February back to 1 March of a common year", () => {
    expect(retentionCutoff("tickets", new Date("2028-02-29T00:00:00Z")).toISOString()).toBe(
      "2026-03-01T00:00:00.000Z",
    );
  });

  it("names the archive day by the run's UTC date", () => {
    expect(archiveDay(new Date("2026-12-06T23:59:59Z"))).toBe("2026-12-06");
    expect(archiveDay(new Date("2026-12-06T15:30:00-09:00"))).toBe("2026-12-07");
  });
});

describe("what retention keeps", () => {
  it("never lists a table it removes rows from among the kept ones", () => {
    const removed = new Set(FAMILIES.flatMap((f) => [f.root, ...f.children.map((c) => c.table)]));
    expect(KEPT_TABLES.filter((table) => removed.has(table as never))).toEqual([]);
    expect(KEPT_TABLES).toContain("DomainEvent");
  });
});
