import { describe, expect, it } from "vitest";
import type { RotationLayer } from "./rotation.ts";
import { coverageGaps, layerShifts, nextShifts, timeline, whoIsOnCall, type Schedule } from "./schedule.ts";

const layer = (overrides: Partial<RotationLayer> = {}): RotationLayer => ({
  id: "primary",
  name: "Primary",
  kind: "daily",
  handoffMinute: 9 * 60,
  handoffWeekday: 1,
  startDate: "2026-03-02",
  endDate: null,
  participants: ["aoi", "ben", "chie"],
  restriction: null,
  ...overrides,
});

const schedule = (overrides: Partial<Schedule> = {}): Schedule => ({
  timezone: "Asia/Tokyo",
  layers: [layer()],
  overrides: [],
  swaps: [],
  ...overrides,
});

describe("a daily rotation in Asia/Tokyo", () => {
  it("hands over at 09:00 Tokyo time, which is 00:00 UTC", () => {
    const s = schedule();
    expect(whoIsOnCall(s, new Date("2026-03-02T00:00:00Z"))?.userId).toBe("aoi");
    expect(whoIsOnCall(s, new Date("2026-03-02T23:59:59Z"))?.userId).toBe("aoi");
    expect(whoIsOnCall(s, new Date("2026-03-03T00:00:00Z"))?.userId).toBe("ben");
    expect(whoIsOnCall(s, new Date("2026-03-04T12:00:00Z"))?.userId).toBe("chie");
    expect(whoIsOnCall(s, new Date("2026-03-05T00:00:00Z"))?.userId).toBe("aoi");
  });

  it("has nobody before the rotation starts, and that gap is flagged", () => {
    const s = schedule();
    expect(whoIsOnCall(s, new Date("2026-03-01T23:59:59Z"))).toBeNull();
    expect(coverageGaps(s, new Date("2026-03-01T12:00:00Z"), new Date("2026-03-03T00:00:00Z"))).toEqual([
      { start: new Date("2026-03-01T12:00:00Z"), end: new Date("2026-03-02T00:00:00Z") },
    ]);
  });

  it("stops at its end date", () => {
    const s = schedule({ layers: [layer({ endDate: "2026-03-04" })] });
    expect(whoIsOnCall(s, new Date("2026-03-03T23:00:00Z"))?.userId).toBe("ben");
    expect(whoIsOnCall(s, new Date("2026-03-04T00:00:00Z"))).toBeNull();
  });
});

describe("a weekly rotation for a UTC-based responder", () => {
  const weekly = schedule({
    timezone: "UTC",
    layers: [layer({ kind: "weekly", handoffWeekday: 1, handoffMinute: 8 * 60, startDate: "2026-03-04" })],
  });

  it("starts on the first handover weekday on or after the start date and lasts seven days", () => {
    // 2026-03-04 is a Wednesday: the first Monday after is 2026-03-09.
    expect(whoIsOnCall(weekly, new Date("2026-03-09T07:59:00Z"))).toBeNull();
    expect(whoIsOnCall(weekly, new Date("2026-03-09T08:00:00Z"))?.userId).toBe("aoi");
    expect(whoIsOnCall(weekly, new Date("2026-03-16T07:59:00Z"))?.userId).toBe("aoi");
    expect(whoIsOnCall(weekly, new Date("2026-03-16T08:00:00Z"))?.userId).toBe("ben");
  });

  it("lists the next shifts with their exact handovers", () => {
    expect(nextShifts(weekly, new Date("2026-03-10T00:00:00Z"), 2)).toEqual([
      { userId: "aoi", start: new Date("2026-03-10T00:00:00Z"), end: new Date("2026-03-16T08:00:00Z") },
      { userId: "ben", start: new Date("2026-03-16T08:00:00Z"), end: new Date("2026-03-23T08:00:00Z") },
    ]);
  });
});

describe("a rotation across a DST change (America/New_York)", () => {
  it("keeps handing over at 09:00 local time", () => {
    const s = schedule({ timezone: "America/New_York", layers: [layer({ startDate: "2026-03-06" })] });
    // DST starts 2026-03-08: 09:00 EST is 14:00 UTC before, 09:00 EDT is 13:00 UTC after.
    expect(whoIsOnCall(s, new Date("2026-03-07T13:59:00Z"))?.userId).toBe("aoi");
    expect(whoIsOnCall(s, new Date("2026-03-07T14:00:00Z"))?.userId).toBe("ben");
    expect(whoIsOnCall(s, new Date("2026-03-09T12:59:00Z"))?.userId).toBe("chie");
    expect(whoIsOnCall(s, new Date("2026-03-09T13:00:00Z"))?.userId).toBe("aoi");
  });
});

describe("overrides and swaps", () => {
  it("an override wins over the rotation for its window only, and the later override wins", () => {
    const s = schedule({
      overrides: [
        {
          id: "o1",
          userId: "dai",
          startsAt: new Date("2026-03-03T03:00:00Z"),
          endsAt: new Date("2026-03-03T06:00:00Z"),
        },
        {
          id: "o2",
          userId: "emi",
          startsAt: new Date("2026-03-03T05:00:00Z"),
          endsAt: new Date("2026-03-03T07:00:00Z"),
        },
      ],
    });
    expect(whoIsOnCall(s, new Date("2026-03-03T02:59:00Z"))?.userId).toBe("ben");
    expect(whoIsOnCall(s, new Date("2026-03-03T03:00:00Z"))).toEqual({
      userId: "dai",
      source: { kind: "override", overrideId: "o1" },
    });
    expect(whoIsOnCall(s, new Date("2026-03-03T05:30:00Z"))?.userId).toBe("emi");
    expect(whoIsOnCall(s, new Date("2026-03-03T07:00:00Z"))?.userId).toBe("ben");
  });

  it("a swapped shift goes to whoever took it, the whole shift and nothing else", () => {
    const s = schedule({
      swaps: [
        { layerId: "primary", shiftStart: new Date("2026-03-03T00:00:00Z"), userId: "chie" },
        { layerId: "primary", shiftStart: new Date("2026-03-04T00:00:00Z"), userId: "ben" },
      ],
    });
    expect(whoIsOnCall(s, new Date("2026-03-03T10:00:00Z"))).toEqual({
      userId: "chie",
      source: { kind: "layer", layerId: "primary", swapped: true },
    });
    expect(whoIsOnCall(s, new Date("2026-03-04T10:00:00Z"))?.userId).toBe("ben");
    expect(whoIsOnCall(s, new Date("2026-03-05T10:00:00Z"))?.userId).toBe("aoi");
  });
});

describe("layers", () => {
  it("a later layer restricted to business hours covers the base layer inside its window", () => {
    const s = schedule({
      layers: [
        layer(),
        layer({
          id: "day",
          participants: ["dai"],
          restriction: { startMinute: 10 * 60, endMinute: 18 * 60 },
        }),
      ],
    });
    // 10:00–18:00 Tokyo = 01:00–09:00 UTC.
    expect(whoIsOnCall(s, new Date("2026-03-03T00:30:00Z"))?.userId).toBe("ben");
    expect(whoIsOnCall(s, new Date("2026-03-03T01:00:00Z"))?.userId).toBe("dai");
    expect(whoIsOnCall(s, new Date("2026-03-03T09:00:00Z"))?.userId).toBe("ben");
  });

  it("a restricted layer alone leaves nightly gaps", () => {
    const s = schedule({
      layers: [layer({ participants: ["dai"], restriction: { startMinute: 22 * 60, endMinute: 6 * 60 } })],
    });
    // 22:00–06:00 Tokyo = 13:00–21:00 UTC covered; 21:00–13:00 UTC not.
    const gaps = coverageGaps(s, new Date("2026-03-03T00:00:00Z"), new Date("2026-03-04T00:00:00Z"));
    expect(gaps).toEqual([
      { start: new Date("2026-03-03T00:00:00Z"), end: new Date("2026-03-03T13:00:00Z") },
      { start: new Date("2026-03-03T21:00:00Z"), end: new Date("2026-03-04T00:00:00Z") },
    ]);
  });

  it("the timeline merges a person's consecutive time and splits at each handover", () => {
    const segments = timeline(schedule(), new Date("2026-03-02T12:00:00Z"), new Date("2026-03-04T12:00:00Z"));
    expect(segments.map((segment) => [segment.userId, segment.start.toISOString()])).toEqual([
      ["aoi", "2026-03-02T12:00:00.000Z"],
      ["ben", "2026-03-03T00:00:00.000Z"],
      ["chie", "2026-03-04T00:00:00.000Z"],
    ]);
  });
});

describe("a layer's own shifts (what a swap trades)", () => {
  it("lists each shift once from the one in progress, a daily window's edges notwithstanding, swaps applied", () => {
    const s = schedule({
      layers: [layer({ restriction: { startMinute: 9 * 60, endMinute: 18 * 60 } })],
      swaps: [{ layerId: "primary", shiftStart: new Date("2026-03-03T00:00:00Z"), userId: "chie" }],
      overrides: [
        {
          id: "o1",
          userId: "dan",
          startsAt: new Date("2026-03-02T03:00:00Z"),
          endsAt: new Date("2026-03-02T04:00:00Z"),
        },
      ],
    });
    const shifts = layerShifts(s, new Date("2026-03-02T05:00:00Z"), new Date("2026-03-04T05:00:00Z"));
    expect(shifts.map((shift) => [shift.userId, shift.start.toISOString()])).toEqual([
      ["aoi", "2026-03-02T00:00:00.000Z"],
      ["chie", "2026-03-03T00:00:00.000Z"],
      ["chie", "2026-03-04T00:00:00.000Z"],
    ]);
  });
});
