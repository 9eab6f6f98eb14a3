import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isBusinessDay, type BusinessCalendar } from "../lib/business-calendar.ts";
import {
  INCIDENT_PRIORITIES,
  PLAN_BUSINESS_WEEK,
  responseDeadlines,
  usesBusinessCalendar,
} from "./priority.ts";

// Response targets: P1–P3 on the wall clock, P4 "next business day" on the operations calendar.

const TOKYO: BusinessCalendar = {
  ...PLAN_BUSINESS_WEEK,
  holidays: ["2026-05-04", "2026-05-05", "2026-05-06", "2026-11-03", "2026-11-23"],
};
/** A local Tokyo time as an instant. */
const jst = (local: string) => new Date(`${local}:00+09:00`);

describe("incident response targets", () => {
  it("P1 to P3 run on the wall clock, whatever the calendar says", () => {
    const saturdayNight = jst("2026-12-05T23:00");
    expect(responseDeadlines("P1", saturdayNight, TOKYO)).toEqual({
      respondDueAt: jst("2026-12-05T23:15"),
      mitigateDueAt: jst("2026-12-06T00:00"),
    });
    expect(responseDeadlines("P3", saturdayNight, TOKYO).respondDueAt).toEqual(jst("2026-12-06T03:00"));
    expect(["P1", "P2", "P3"].map((p) => usesBusinessCalendar(p as "P1"))).toEqual([false, false, false]);
  });

  it("P4 is due by day end of the next business day, not 24 hours later", () => {
    expect(usesBusinessCalendar("P4")).toBe(true);
    // Monday morning or Monday evening: Tuesday 18:00.
    expect(responseDeadlines("P4", jst("2026-12-07T10:00"), TOKYO).respondDueAt).toEqual(
      jst("2026-12-08T18:00"),
    );
    expect(responseDeadlines("P4", jst("2026-12-07T20:00"), TOKYO).respondDueAt).toEqual(
      jst("2026-12-08T18:00"),
    );
    // Friday evening and Saturday: Monday 18:00.
    expect(responseDeadlines("P4", jst("2026-12-04T19:30"), TOKYO).respondDueAt).toEqual(
      jst("2026-12-07T18:00"),
    );
    expect(responseDeadlines("P4", jst("2026-12-05T11:00"), TOKYO).respondDueAt).toEqual(
      jst("2026-12-07T18:00"),
    );
    // The day before 文化の日 (Tuesday 3 November): Wednesday.
    expect(responseDeadlines("P4", jst("2026-11-02T10:00"), TOKYO).respondDueAt).toEqual(
      jst("2026-11-04T18:00"),
    );
    // Declared just after midnight UTC on a Sunday in Tokyo counts from the Tokyo date.
    expect(responseDeadlines("P4", new Date("2026-12-06T01:00:00Z"), TOKYO).respondDueAt).toEqual(
      jst("2026-12-07T18:00"),
    );
  });

  it("P4 mitigation is five business days, so Golden Week moves it past the response", () => {
    const { respondDueAt, mitigateDueAt } = responseDeadlines("P4", jst("2026-05-01T17:00"), TOKYO);
    expect(respondDueAt).toEqual(jst("2026-05-07T18:00"));
    expect(mitigateDueAt).toEqual(jst("2026-05-13T18:00"));
  });

  it("never puts a deadline before the declaration or the mitigation before the response", () => {
    const instants = fc.date({
      min: new Date("2026-01-01T00:00:00Z"),
      max: new Date("2027-12-31T00:00:00Z"),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(fc.constantFrom(...INCIDENT_PRIORITIES), instants, (priority, declaredAt) => {
        const { respondDueAt, mitigateDueAt } = responseDeadlines(priority, declaredAt, TOKYO);
        expect(respondDueAt.getTime()).toBeGreaterThan(declaredAt.getTime());
        expect(mitigateDueAt.getTime()).toBeGreaterThanOrEqual(respondDueAt.getTime());
      }),
    );
  });

  it("a P4 response is due on the first business day after the declared date, at its day end", () => {
    const instants = fc.date({
      min: new Date("2026-01-01T00:00:00Z"),
      max: new Date("2027-12-31T00:00:00Z"),
      noInvalidDate: true,
    });
    const dayMs = 86_400_000;
    fc.assert(
      fc.property(instants, (declaredAt) => {
        const { respondDueAt } = responseDeadlines("P4", declaredAt, TOKYO);
        expect(isBusinessDay(respondDueAt, TOKYO)).toBe(true);
        expect(respondDueAt.toLocaleTimeString("en-GB", { timeZone: "Asia/Tokyo" })).toBe("18:00:00");
        // No business day lies strictly between the declared date and the due date (Tokyo dates).
        const tokyoDay = (d: Date) => Math.floor((d.getTime() + 9 * 3_600_000) / dayMs);
        for (let day = tokyoDay(declaredAt) + 1; day < tokyoDay(respondDueAt); day++) {
          expect(isBusinessDay(new Date(day * dayMs + 3 * 3_600_000), TOKYO)).toBe(false);
        }
        expect(tokyoDay(respondDueAt)).toBeGreaterThan(tokyoDay(declaredAt));
      }),
    );
  });
});
