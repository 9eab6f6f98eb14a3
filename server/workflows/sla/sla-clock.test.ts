import { describe, expect, it } from "vitest";
import type { BusinessCalendar } from "../../lib/business-calendar.ts";
import { template } from "../test-fixtures.ts";
import { owningTeam, slaInstants } from "./sla-clock.ts";

const TOKYO: BusinessCalendar = {
  timezone: "Asia/Tokyo",
  dayStartMin: 9 * 60,
  dayEndMin: 18 * 60,
  workDays: [1, 2, 3, 4, 5],
  holidays: [],
};

describe("slaInstants", () => {
  it("counts plain minutes without a calendar", () => {
    const at = new Date("2026-03-02T09:00:00Z");
    const { remindAt, escalateAt } = slaInstants(at, { minutes: 60, reminderPercent: 75 }, null);
    expect(remindAt.toISOString()).toBe("2026-03-02T09:45:00.000Z");
    expect(escalateAt.toISOString()).toBe("2026-03-02T10:00:00.000Z");
  });

  it("counts the owning team's business minutes: an SLA started late on Friday runs on into Monday", () => {
    // Friday 17:00 Tokyo (08:00Z): one business hour left that day, then Monday 09:00 Tokyo (00:00Z).
    const at = new Date("2026-03-06T08:00:00Z");
    const { remindAt, escalateAt } = slaInstants(at, { minutes: 120, reminderPercent: 75 }, TOKYO);
    expect(remindAt.toISOString()).toBe("2026-03-09T00:30:00.000Z");
    expect(escalateAt.toISOString()).toBe("2026-03-09T01:00:00.000Z");
  });

  it("holds a holiday off the clock", () => {
    const at = new Date("2026-03-06T08:00:00Z");
    const { escalateAt } = slaInstants(
      at,
      { minutes: 120, reminderPercent: 50 },
      { ...TOKYO, holidays: ["2026-03-09"] },
    );
    expect(escalateAt.toISOString()).toBe("2026-03-10T01:00:00.000Z");
  });
});

describe("owningTeam", () => {
  const t = template({
    steps: [
      { key: "a", kind: "task", title: "A", titleJa: "A", candidates: { teams: ["tokyo_support"] } },
      { key: "b", kind: "task", title: "B", titleJa: "B", candidates: { roles: ["support_agent"] } },
    ],
  });
  it("takes the team the candidates name first", () => {
    expect(owningTeam(t.steps[0], [{ userId: "u1", teamKey: "osaka" }], ["u1"])).toBe("tokyo_support");
  });
  it("falls back to the first owner who has a team, else none", () => {
    const teams = [
      { userId: "u1", teamKey: null },
      { userId: "u2", teamKey: "osaka" },
    ];
    expect(owningTeam(t.steps[1], teams, ["u1", "u2"])).toBe("osaka");
    expect(owningTeam(t.steps[1], teams, ["u1"])).toBeNull();
  });
});
