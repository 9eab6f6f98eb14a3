import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RotationLayer } from "./rotation.ts";
import { coverageGaps, timeline, whoIsOnCall, type Override, type Schedule } from "./schedule.ts";

// Properties over random rotations, in Asia/Tokyo (no DST), UTC, and a DST zone for good measure.

const START = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

const instant = fc.integer({ min: START + 10 * DAY, max: START + 400 * DAY }).map((ms) => new Date(ms));

const layerArb: fc.Arbitrary<RotationLayer> = fc.record({
  id: fc.constantFrom("a", "b", "c"),
  name: fc.constant("layer"),
  kind: fc.constantFrom("daily" as const, "weekly" as const),
  handoffMinute: fc.integer({ min: 0, max: 1439 }),
  handoffWeekday: fc.integer({ min: 1, max: 7 }),
  startDate: fc.constant("2026-01-01"),
  endDate: fc.constant(null),
  participants: fc.uniqueArray(fc.constantFrom("aoi", "ben", "chie", "dai", "emi"), {
    minLength: 1,
    maxLength: 5,
  }),
  restriction: fc.constant(null),
});

const overrideArb: fc.Arbitrary<Override> = fc
  .record({
    id: fc.uuid(),
    userId: fc.constantFrom("zed", "yui"),
    start: fc.integer({ min: START, max: START + 410 * DAY }),
    length: fc.integer({ min: 1, max: 3 * DAY }),
  })
  .map(({ id, userId, start, length }) => ({
    id,
    userId,
    startsAt: new Date(start),
    endsAt: new Date(start + length),
  }));

const scheduleArb: fc.Arbitrary<Schedule> = fc.record({
  timezone: fc.constantFrom("Asia/Tokyo", "UTC", "Europe/London"),
  layers: fc.array(layerArb, { minLength: 1, maxLength: 3 }),
  overrides: fc.array(overrideArb, { maxLength: 6 }),
  swaps: fc.constant([]),
});

describe("schedule properties", () => {
  it("exactly one person is on call at any instant when the rotation has participants and no gaps", () => {
    fc.assert(
      fc.property(scheduleArb, instant, (schedule, at) => {
        const onCall = whoIsOnCall(schedule, at);
        expect(onCall).not.toBeNull();
        const from = new Date(at.getTime() - 2 * DAY);
        expect(coverageGaps(schedule, from, at)).toEqual([]);
        // The timeline is a partition: consecutive, non-overlapping, and each segment's person is the one on call.
        const segments = timeline(schedule, from, at);
        segments.forEach((segment, i) => {
          if (i > 0) expect(segment.start).toEqual(segments[i - 1]!.end);
          expect(whoIsOnCall(schedule, segment.start)?.userId).toBe(segment.userId);
          const mid = new Date((segment.start.getTime() + segment.end.getTime()) / 2);
          expect(whoIsOnCall(schedule, mid)?.userId).toBe(segment.userId);
        });
      }),
      { numRuns: 150 },
    );
  });

  it("an override wins throughout its window, whatever the layers say", () => {
    fc.assert(
      fc.property(
        scheduleArb,
        overrideArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (schedule, extra, f) => {
          const withOverride = { ...schedule, overrides: [...schedule.overrides, extra] };
          const span = extra.endsAt.getTime() - extra.startsAt.getTime();
          const at = new Date(
            Math.min(extra.startsAt.getTime() + Math.floor(f * span), extra.endsAt.getTime() - 1),
          );
          expect(whoIsOnCall(withOverride, at)?.userId).toBe(extra.userId);
          // Its end is exclusive: from then on the schedule answers as it would without it.
          expect(whoIsOnCall(withOverride, extra.endsAt)).toEqual(whoIsOnCall(schedule, extra.endsAt));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("a single rotation hands over in turn: each shift's successor is the next participant", () => {
    fc.assert(
      fc.property(layerArb, fc.constantFrom("Asia/Tokyo", "UTC"), instant, (layer, timezone, at) => {
        const schedule: Schedule = { timezone, layers: [layer], overrides: [], swaps: [] };
        const segments = timeline(schedule, at, new Date(at.getTime() + 30 * DAY));
        const n = layer.participants.length;
        for (let i = 1; i < segments.length; i++) {
          const before = layer.participants.indexOf(segments[i - 1]!.userId!);
          expect(segments[i]!.userId).toBe(layer.participants[(before + 1) % n]);
        }
        // A whole shift is one or seven days long in Tokyo and UTC (no DST there).
        const length = layer.kind === "daily" ? DAY : 7 * DAY;
        for (const segment of segments.slice(1, -1)) {
          if (n > 1) expect(segment.end.getTime() - segment.start.getTime()).toBe(length);
        }
      }),
      { numRuns: 150 },
    );
  });
});
