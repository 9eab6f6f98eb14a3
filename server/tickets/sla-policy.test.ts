import { describe, expect, it } from "vitest";
import {
  computeSlaDeadlines,
  escalationForBreach,
  nextSlaDeadline,
  slaStatus,
  targetMinutes,
  type SlaState,
} from "./sla-policy";
import { TOKYO, jst } from "./test-calendars";
import type { TicketPriority } from "./types";

function ticket(priority: TicketPriority, createdAt: string, extra: Partial<SlaState> = {}): SlaState {
  return {
    createdAt: jst(createdAt),
    priority,
    pausedIntervals: [],
    pausedAt: null,
    firstRespondedAt: null,
    resolvedAt: null,
    ...extra,
  };
}

describe("SLA deadlines per priority", () => {
  it("runs P1 and P2 on a 24/7 clock, weekends included", () => {
    expect(computeSlaDeadlines(ticket("P1", "2026-03-07T10:00"), TOKYO)).toEqual({
      firstResponseDueAt: jst("2026-03-07T10:15"),
      resolutionDueAt: jst("2026-03-07T14:00"),
    });
    expect(computeSlaDeadlines(ticket("P2", "2026-03-07T20:00"), TOKYO)).toEqual({
      firstResponseDueAt: jst("2026-03-07T20:30"),
      resolutionDueAt: jst("2026-03-08T04:00"),
    });
  });

  it("runs P3 on business hours: Friday 17:00 → first response Monday 12:00, resolution Wednesday 14:00", () => {
    expect(computeSlaDeadlines(ticket("P3", "2026-03-06T17:00"), TOKYO)).toEqual({
      firstResponseDueAt: jst("2026-03-09T12:00"),
      resolutionDueAt: jst("2026-03-11T14:00"),
    });
  });

  it("gives P4 a first response by the end of the next business day and 27 business hours to resolve", () => {
    expect(computeSlaDeadlines(ticket("P4", "2026-03-09T10:00"), TOKYO)).toEqual({
      firstResponseDueAt: jst("2026-03-10T18:00"),
      resolutionDueAt: jst("2026-03-12T10:00"),
    });
    expect(computeSlaDeadlines(ticket("P4", "2026-03-07T10:00"), TOKYO).firstResponseDueAt).toEqual(
      jst("2026-03-09T18:00"),
    );
    expect(targetMinutes("P4", "first_response", jst("2026-03-09T10:00"), TOKYO)).toBe(480 + 540);
  });

  it("skips Golden Week for P3 and P4", () => {
    expect(computeSlaDeadlines(ticket("P3", "2026-05-01T17:00"), TOKYO).firstResponseDueAt).toEqual(
      jst("2026-05-07T12:00"),
    );
    expect(computeSlaDeadlines(ticket("P4", "2026-05-01T10:00"), TOKYO).firstResponseDueAt).toEqual(
      jst("2026-05-07T18:00"),
    );
  });
});

describe("SLA pauses", () => {
  it("pushes a 24/7 deadline out by the wall-clock pause", () => {
    const state = ticket("P1", "2026-03-09T10:00", {
      pausedIntervals: [{ from: jst("2026-03-09T10:05"), to: jst("2026-03-09T11:05") }],
    });
    expect(computeSlaDeadlines(state, TOKYO)).toEqual({
      firstResponseDueAt: jst("2026-03-09T11:15"),
      resolutionDueAt: jst("2026-03-09T15:00"),
    });
  });

  it("pushes a business deadline out only by the business time paused", () => {
    // Paused Monday 11:00 → Tuesday 10:00: 60 minutes ran, 180 remain from Tuesday 10:00.
    const state = ticket("P3", "2026-03-09T10:00", {
      pausedIntervals: [{ from: jst("2026-03-09T11:00"), to: jst("2026-03-10T10:00") }],
    });
    expect(computeSlaDeadlines(state, TOKYO).firstResponseDueAt).toEqual(jst("2026-03-10T13:00"));
    const overWeekend = ticket("P3", "2026-03-06T16:00", {
      pausedIntervals: [{ from: jst("2026-03-06T17:00"), to: jst("2026-03-09T10:00") }],
    });
    expect(computeSlaDeadlines(overWeekend, TOKYO).firstResponseDueAt).toEqual(jst("2026-03-09T13:00"));
  });

  it("computes a paused ticket's deadline as if it resumed now", () => {
    const state = ticket("P1", "2026-03-09T10:00", { pausedAt: jst("2026-03-09T10:05") });
    expect(computeSlaDeadlines(state, TOKYO).firstResponseDueAt).toEqual(jst("2026-03-09T10:15"));
    expect(computeSlaDeadlines(state, TOKYO, jst("2026-03-09T10:30")).firstResponseDueAt).toEqual(
      jst("2026-03-09T10:40"),
    );
    const status = slaStatus(state, TOKYO, jst("2026-03-09T10:30"));
    expect(status.paused).toBe(true);
    expect(status.firstResponse.breached).toBe(false);
    expect(status.firstResponse.percentElapsed).toBeCloseTo(100 / 3);
  });

  it("does not undo a breach with a later pause", () => {
    const state = ticket("P1", "2026-03-09T10:00", {
      pausedIntervals: [{ from: jst("2026-03-09T10:20"), to: jst("2026-03-09T11:00") }],
    });
    const status = slaStatus(state, TOKYO, jst("2026-03-09T11:30"));
    expect(status.firstResponse.dueAt).toEqual(jst("2026-03-09T10:15"));
    expect(status.firstResponse.breached).toBe(true);
  });

  it("rejects a pause that ends before it starts", () => {
    const state = ticket("P1", "2026-03-09T10:00", {
      pausedIntervals: [{ from: jst("2026-03-09T11:00"), to: jst("2026-03-09T10:30") }],
    });
    expect(() => computeSlaDeadlines(state, TOKYO)).toThrow(RangeError);
  });
});

describe("SLA status", () => {
  it("reports a timely first response as met", () => {
    const state = ticket("P1", "2026-03-09T10:00", { firstRespondedAt: jst("2026-03-09T10:10") });
    const status = slaStatus(state, TOKYO, jst("2026-03-09T12:00"));
    expect(status.firstResponse).toMatchObject({ met: true, breached: false });
    expect(status.firstResponse.percentElapsed).toBeCloseTo(200 / 3);
    expect(status.resolution).toMatchObject({ met: false, breached: false, percentElapsed: 50 });
    expect(status).toMatchObject({ paused: false, atRisk: false });
  });

  it("reports a late first response as breached, not met", () => {
    const state = ticket("P1", "2026-03-09T10:00", { firstRespondedAt: jst("2026-03-09T10:20") });
    expect(slaStatus(state, TOKYO, jst("2026-03-09T10:30")).firstResponse).toMatchObject({
      met: false,
      breached: true,
    });
  });

  it("flags a ticket at risk from 75% of a target", () => {
    const state = ticket("P1", "2026-03-09T10:00");
    expect(slaStatus(state, TOKYO, jst("2026-03-09T10:10")).atRisk).toBe(false);
    expect(slaStatus(state, TOKYO, jst("2026-03-09T10:12")).atRisk).toBe(true);
    const breached = slaStatus(state, TOKYO, jst("2026-03-09T10:16"));
    expect(breached.firstResponse.breached).toBe(true);
    expect(breached.atRisk).toBe(false);
  });

  it("counts only business time towards a P3's percentage", () => {
    const state = ticket("P3", "2026-03-06T17:00");
    const status = slaStatus(state, TOKYO, jst("2026-03-09T10:00"));
    expect(status.firstResponse.percentElapsed).toBe(50);
    expect(status.firstResponse.breached).toBe(false);
  });

  it("treats resolving without a reply as the first response", () => {
    const state = ticket("P2", "2026-03-09T10:00", { resolvedAt: jst("2026-03-09T10:20") });
    const status = slaStatus(state, TOKYO, jst("2026-03-09T20:00"));
    expect(status.firstResponse.met).toBe(true);
    expect(status.resolution.met).toBe(true);
  });
});

describe("next SLA deadline", () => {
  it("is the nearest deadline of a target that has not stopped", () => {
    const created = ticket("P2", "2026-03-09T10:00");
    expect(nextSlaDeadline(created, TOKYO)).toEqual(jst("2026-03-09T10:30"));
    const answered = { ...created, firstRespondedAt: jst("2026-03-09T10:45") };
    expect(nextSlaDeadline(answered, TOKYO)).toEqual(jst("2026-03-09T18:00"));
    expect(nextSlaDeadline({ ...answered, resolvedAt: jst("2026-03-09T12:00") }, TOKYO)).toBeNull();
  });
});

describe("escalation on breach", () => {
  it("bumps one level on a resolution breach and never past P1", () => {
    expect(escalationForBreach("P4", "resolution")).toEqual({ bumpPriorityTo: "P3" });
    expect(escalationForBreach("P3", "resolution")).toEqual({ bumpPriorityTo: "P2" });
    expect(escalationForBreach("P2", "resolution")).toEqual({ bumpPriorityTo: "P1" });
    expect(escalationForBreach("P1", "resolution")).toEqual({ bumpPriorityTo: null });
  });

  it("does not bump on a first-response breach", () => {
    for (const p of ["P1", "P2", "P3", "P4"] as const) {
      expect(escalationForBreach(p, "first_response")).toEqual({ bumpPriorityTo: null });
    }
  });
});
